import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { or404 } from "@/lib/entry";
import { PageHeading, SummaryList, Tag } from "@/components/ui";
import { ROLE_LABELS } from "@/lib/domain";
import { requireArea } from "@/lib/session";
import { formatDateTime } from "@/lib/format";
import { assignableRoles, getOrganisationUser } from "@/lib/users";
import { UserAdminForms } from "./user-admin-forms";
import { isUuid } from "@/lib/ids";

export const metadata: Metadata = { title: "Change user" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("organisation");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await or404(getOrganisationUser(actor, id));
  const roles = assignableRoles(actor).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <PageHeading caption={actor.organisationName} title={user.name} />
      <SummaryList
        rows={[
          { key: "Email address", value: user.email },
          { key: "Role", value: ROLE_LABELS[user.role] },
          { key: "Status", value: user.disabledAt ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag> },
          { key: "Last signed in", value: user.lastSignedInAt ? formatDateTime(user.lastSignedInAt) : "Never" },
          { key: "Added", value: formatDateTime(user.createdAt) },
        ]}
      />
      {user.id === actor.userId ? (
        <p className="mt-6">You cannot change your own role or disable your own account.</p>
      ) : (
        <UserAdminForms user={{ id: user.id, name: user.name, role: user.role, disabled: Boolean(user.disabledAt), version: user.version }} roles={roles} />
      )}
    </>
  );
}
