import type { Metadata } from "next";
import { ChangeRequests } from "@/components/apprentices/change-requests";
import { PageHeading } from "@/components/ui";
import { listIncomingEpaoChanges } from "@/lib/apprentices";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Change of EPAO requests" };

export default async function ChangesPage() {
  const actor = await requireArea("epao");
  const changes = await listIncomingEpaoChanges(actor);
  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Change of EPAO requests"
        description="Training providers asking to move apprentices to you. Accepting moves the record and its history to you; the previous EPAO loses access."
      />
      <ChangeRequests changes={changes.map((c) => ({ ...c, requestedAt: c.requestedAt.toISOString() }))} />
    </>
  );
}
