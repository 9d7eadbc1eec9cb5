import type { Metadata } from "next";
import { ApplicationForm, ApplicationsCsvForm } from "@/components/npq/intake-forms";
import { ButtonLink, PageHeading, Panel, Table } from "@/components/ui";
import { requireArea } from "@/lib/auth/session";
import { applicationSummaryByLeadProvider, INTAKE_CSV_COLUMNS } from "@/lib/npq/intake";

export const metadata: Metadata = { title: "NPQ applications" };

export default async function AdminNpqPage() {
  const actor = await requireArea("admin");
  const summary = await applicationSummaryByLeadProvider(actor);
  return (
    <>
      <PageHeading
        caption="Platform"
        title="NPQ applications"
        description="Load applications from the registration service for lead providers to accept or reject, one at a time or from a CSV file."
        actions={
          <ButtonLink href="/admin/npq/statements" variant="secondary">
            NPQ statements
          </ButtonLink>
        }
      />
      <Table
        caption="Applications by lead provider"
        rows={summary}
        rowKey={(r) => r.id}
        columns={[
          { key: "name", header: "Lead provider", rowHeader: true, cell: (r) => `${r.name} (${r.code})` },
          { key: "pending", header: "Pending", cell: (r) => r.pending, numeric: true },
          { key: "accepted", header: "Accepted", cell: (r) => r.accepted, numeric: true },
          { key: "rejected", header: "Rejected", cell: (r) => r.rejected, numeric: true },
        ]}
      />
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Panel title="Load one application">
          <ApplicationForm leadProviders={summary.map((s) => ({ id: s.id, name: s.name }))} />
        </Panel>
        <Panel title="Upload a CSV file">
          <ApplicationsCsvForm columns={INTAKE_CSV_COLUMNS} />
        </Panel>
      </div>
    </>
  );
}
