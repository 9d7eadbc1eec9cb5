import type { Metadata } from "next";
import { PageHeading } from "@/components/ui";
import { ROLE_LABELS } from "@/lib/domain";
import { requireArea } from "@/lib/session";
import { assignableRoles } from "@/lib/users";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Add a user" };

export default async function NewUserPage() {
  const actor = await requireArea("organisation");
  const roles = assignableRoles(actor).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Add a user" />
      <NewUserForm roles={roles} />
    </>
  );
}
