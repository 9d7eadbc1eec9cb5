import type { Metadata } from "next";
import { MarkPaidButton, NewStatementForm, PaymentStepForm } from "@/components/npq/statement-admin";
import { CohortSelect } from "@/components/lead-provider/list-page";
import { FilterForm, FilterSelect, PagedList } from "@/components/lists/filters";
import { NotificationBanner, PageHeading, Panel, Table, Tag } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { statementsJobRuns, STATEMENTS_PAYABLE_JOB, listAdminStatements, listLeadProviders } from "@/lib/npq";
import type { JobRow } from "@/lib/jobs";
import { STATEMENT_STATE_LABELS, statementLabel } from "@/components/npq/labels";
import { StatementStateTag } from "@/components/npq/tags";
import { adminStatementListSchema, listHref, parseList } from "@/lib/npq/schema";
import { COHORTS } from "@/lib/dfe";
import { londonToday } from "@/lib/calendar";

export const metadata: Metadata = { title: "NPQ statements" };

const BASE = "/admin/npq/statements";
const DEFAULTS = { page: 1, perPage: 50 };

const JOB_STATUS_LABELS: Record<JobRow["status"], string> = { queued: "Waiting", running: "Running", succeeded: "Done", failed: "Failed" };
const JOB_STATUS_COLOURS = { queued: "grey", running: "blue", succeeded: "green", failed: "red" } as const;

function jobSummary(run: JobRow, leadProviders: { id: string; name: string }[]): string {
  if (run.status === "failed" || (run.status === "queued" && run.lastError)) return `Error: ${run.lastError} (attempt ${run.attempts} of ${run.maxAttempts})`;
  const r = run.result as { statements?: number; declarations?: number; leadProviderId?: string } | null;
  if (!r) return "";
  const scope = r.leadProviderId ? ` (${leadProviders.find((l) => l.id === r.leadProviderId)?.name ?? "one lead provider"})` : "";
  return `${plural(r.statements ?? 0, "statement", "statements")} and ${plural(r.declarations ?? 0, "declaration", "declarations")} made payable${scope}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default async function AdminStatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireArea("admin");
  const raw = await searchParams;
  const query = parseList(adminStatementListSchema, raw);
  const [result, leadProviders, runs] = await Promise.all([listAdminStatements(admin, query), listLeadProviders(admin), statementsJobRuns(admin, 5)]);
  const today = londonToday();
  const listQuery = listHref(BASE, query, DEFAULTS).split("?")[1] ?? "";
  const one = (key: string) => (typeof raw[key] === "string" ? raw[key] : undefined);
  const count = (key: string) => Number(one(key) ?? 0);
  const providerOptions = leadProviders.map((l) => ({ value: l.id, label: l.name }));

  return (
    <>
      {one("created") ? (
        <NotificationBanner type="success">
          <p>The statement has been added.</p>
        </NotificationBanner>
      ) : null}
      {one("payable") !== undefined ? (
        <NotificationBanner type="success" title="Payment step run">
          <p>
            {count("payable") === 0
              ? `No open statement had a deadline before ${formatDate(one("asOf") ?? today)}: nothing changed.`
              : `${plural(count("payable"), "statement is", "statements are")} now payable, with ${plural(count("declarationsPayable"), "declaration", "declarations")} moved from eligible to payable.`}
          </p>
        </NotificationBanner>
      ) : null}
      {one("paid") ? (
        <NotificationBanner type="success" title="Statement paid">
          <p>
            The statement has been marked as paid: {plural(count("declarationsPaid"), "declaration", "declarations")} paid and{" "}
            {plural(count("clawedBack"), "clawback", "clawbacks")} completed.
          </p>
        </NotificationBanner>
      ) : null}
      <PageHeading
        caption="Platform"
        title="NPQ statements"
        description="Lead providers' monthly statements: add them, run the payment step once deadlines pass, and authorise payment."
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Add a statement">
          <NewStatementForm leadProviders={leadProviders.map((l) => ({ id: l.id, name: l.name }))} cohorts={COHORTS} listQuery={listQuery} />
        </Panel>
        <Panel title="Payment step">
          <p className="mb-4">
            Every day the service makes open statements payable once their deadline has passed, and their eligible declarations payable. Run it now for
            deadlines before today ({formatDate(today)}).
          </p>
          <PaymentStepForm today={formatDate(today)} leadProviders={leadProviders.map((l) => ({ id: l.id, name: l.name }))} listQuery={listQuery} />
        </Panel>
      </div>

      <Table
        caption={`Latest runs of the payment step (every day at ${STATEMENTS_PAYABLE_JOB.dailyAt}, UK time)`}
        rows={runs}
        rowKey={(r) => r.id}
        empty="The payment step has not run yet."
        columns={[
          { key: "when", header: "Started", rowHeader: true, cell: (r) => (r.startedAt ? formatDateTime(r.startedAt) : `Due ${formatDateTime(r.runAt)}`) },
          { key: "by", header: "Run by", cell: (r) => (r.requestedBy === "schedule" ? "Daily schedule" : r.requestedBy) },
          { key: "status", header: "Status", cell: (r) => <Tag colour={JOB_STATUS_COLOURS[r.status]}>{JOB_STATUS_LABELS[r.status]}</Tag> },
          { key: "result", header: "Result", cell: (r) => jobSummary(r, leadProviders) },
        ]}
      />

      <h2 className="mb-3 text-2xl font-bold">Statements</h2>
      <FilterForm action={BASE} label="Filter statements" columns={4}>
        <FilterSelect
          name="leadProvider"
          id="filter-leadProvider"
          label="Lead provider"
          value={query.leadProvider}
          placeholder="All lead providers"
          options={providerOptions}
        />
        <CohortSelect cohorts={COHORTS} value={query.cohort} id="filter-cohort" />
        <FilterSelect name="state" id="filter-state" label="State" value={query.state} placeholder="Any state" options={STATEMENT_STATE_LABELS} />
      </FilterForm>
      <p className="mb-3 text-lg">{plural(result.total, "statement", "statements")}</p>
      <Table
        caption={`Statements: page ${result.page} of ${result.totalPages}`}
        captionHidden
        rows={result.rows}
        rowKey={(s) => s.id}
        empty={<p className="py-2">No statements match these filters.</p>}
        columns={[
          { key: "leadProvider", header: "Lead provider", cell: (s) => s.leadProviderName },
          {
            key: "statement",
            header: "Statement",
            rowHeader: true,
            cell: (s) => (
              <>
                {statementLabel(s)}
                {s.outputFee ? null : <span className="block text-sm font-normal text-govuk-secondary">Not an output fee statement</span>}
              </>
            ),
          },
          { key: "programme", header: "Programme", cell: (s) => s.programme.toUpperCase() },
          { key: "cohort", header: "Cohort", cell: (s) => s.cohort },
          { key: "deadline", header: "Deadline", cell: (s) => formatDate(s.deadlineDate) },
          { key: "payment", header: "Payment date", cell: (s) => formatDate(s.paymentDate) },
          { key: "declarations", header: "Declarations", numeric: true, cell: (s) => s.declarations.toLocaleString("en-GB") },
          {
            key: "state",
            header: "State",
            cell: (s) => (
              <>
                <StatementStateTag value={s.state} />
                {s.markedPaidAt ? <span className="mt-1 block text-sm text-govuk-secondary">on {formatDate(s.markedPaidAt)}</span> : null}
              </>
            ),
          },
          {
            key: "actions",
            header: <span className="sr-only">Actions</span>,
            cell: (s) =>
              s.state === "payable" ? (
                <MarkPaidButton statementId={s.id} label={`${s.leadProviderName} ${statementLabel(s)} cohort ${s.cohort}`} listQuery={listQuery} />
              ) : null,
          },
        ]}
      />
      <PagedList page={result.page} totalPages={result.totalPages} hrefFor={(page) => listHref(BASE, query, DEFAULTS, { page })} />
    </>
  );
}
