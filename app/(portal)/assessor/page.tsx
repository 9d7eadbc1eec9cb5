import type { Metadata } from "next";
import { EmptyState, PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My worklist" };

export default async function AssessorHome() {
  const actor = await requireArea("assessor");
  return (
    <>
      <PageHeading caption={actor.organisationName} title="My worklist" description="Apprentices assigned to you for end-point assessment." />
      <EmptyState title="No apprentices are assigned to you yet">
        <p>When your EPAO assigns apprentices to you, they appear here with their standard, stage and grades to record.</p>
      </EmptyState>
    </>
  );
}
