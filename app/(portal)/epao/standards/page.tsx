import type { Metadata } from "next";
import { EpaoStandardsForm } from "@/components/standards/epao-standards-form";
import { StaffAssignmentsTable } from "@/components/standards/staff-assignments-table";
import { StandardsTable } from "@/components/standards/standards-table";
import { EmptyState, NotificationBanner, PageHeading, Panel } from "@/components/ui";
import { can } from "@/lib/auth";
import { requireArea } from "@/lib/session";
import { listEpaoStandards, listStaffStandardAssignments, listStandards } from "@/lib/standards";

export const metadata: Metadata = { title: "Standards" };

export default async function EpaoStandardsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireArea("epao");
  const canChoose = can(actor, "standards.choose");
  const [catalogue, chosen, people, params] = await Promise.all([
    listStandards(actor),
    listEpaoStandards(actor),
    listStaffStandardAssignments(actor),
    searchParams,
  ]);
  const chosenIds = new Set(chosen.map((s) => s.id));
  return (
    <>
      {params.assigned ? (
        <NotificationBanner type="success" title="Success">
          <p>The standards assigned to {params.assigned} have been saved.</p>
        </NotificationBanner>
      ) : null}
      <PageHeading
        caption={actor.organisationName}
        title="Standards"
        description="The apprenticeship standards your organisation assesses, and which of them each assessor and member of staff works on."
      />

      <h2 className="mb-4 text-2xl font-bold">Standards you assess</h2>
      <StandardsTable
        standards={catalogue.filter((s) => chosenIds.has(s.id))}
        caption={`${chosen.length} ${chosen.length === 1 ? "standard" : "standards"} assessed by ${actor.organisationName}`}
        captionHidden
        empty={
          <EmptyState title="You have not chosen any standards yet" headingLevel={false}>
            {canChoose ? "Choose the standards you assess below." : "An EPAO admin in your organisation chooses them."}
          </EmptyState>
        }
      />

      {canChoose ? (
        <Panel title="Choose the standards you assess">
          <EpaoStandardsForm
            catalogue={catalogue.map((s) => ({ id: s.id, reference: s.reference, title: s.title, level: s.level }))}
            chosen={chosen.map((s) => s.id)}
          />
        </Panel>
      ) : null}

      <h2 className="mb-4 text-2xl font-bold">Assessors and staff</h2>
      {canChoose ? null : <p className="mb-4 text-govuk-secondary">Only an EPAO admin can change which standards people work on.</p>}
      <StaffAssignmentsTable people={people} canChange={canChoose} />
    </>
  );
}
