import type { Metadata } from "next";
import { ApplicationForm, ApplicationsCsvForm } from "@/components/npq/intake-forms";
import { CopySchedulesForm } from "@/components/npq/schedule-forms";
import { ButtonLink, NotificationBanner, PageHeading, Panel, Table, Tag } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { applicationSummaryByLeadProvider, INTAKE_CSV_COLUMNS, npqSchedulesByCohort } from "@/lib/npq";

export const metadata: Metadata = { title: "NPQ applications" };

export default async function AdminNpqPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("admin");
  const [summary, cohorts, params] = await Promise.all([applicationSummaryByLeadProvider(actor), npqSchedulesByCohort(actor), searchParams]);
  const open = cohorts.filter((c) => c.schedules > 0);
  const firstEmpty = cohorts.find((c) => c.schedules === 0 && open.some((o) => o.cohort < c.cohort));
  const suggestion = firstEmpty ? { from: Math.max(...open.filter((o) => o.cohort < firstEmpty.cohort).map((o) => o.cohort)), to: firstEmpty.cohort } : null;
  return (
    <>
      {params.schedules === "copied" ? (
        <NotificationBanner type="success">
          <p>The schedules have been copied: lead providers can now accept applications in that cohort.</p>
        </NotificationBanner>
      ) : null}
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
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Table
          caption="NPQ schedules by cohort"
          rows={cohorts}
          rowKey={(r) => String(r.cohort)}
          columns={[
            { key: "cohort", header: "Cohort", rowHeader: true, cell: (r) => r.cohort },
            { key: "schedules", header: "Schedules", cell: (r) => r.schedules, numeric: true },
            { key: "state", header: "Applications", cell: (r) => (r.schedules > 0 ? "Can be accepted" : <Tag colour="yellow">Cannot be accepted yet</Tag>) },
          ]}
        />
        <Panel title="Open a cohort for NPQ">
          <p className="mb-4">
            DfE&apos;s schedules file has NPQ schedules up to cohort 2024. Copy an earlier cohort&apos;s schedules into a new cohort to let lead providers
            accept its applications.
          </p>
          {cohorts.some((c) => c.schedules === 0) ? (
            <CopySchedulesForm cohorts={cohorts} suggestion={suggestion} />
          ) : (
            <p className="font-bold">Every cohort has NPQ schedules.</p>
          )}
        </Panel>
      </div>
    </>
  );
}
