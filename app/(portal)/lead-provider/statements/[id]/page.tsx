import type { Metadata } from "next";
import Link from "next/link";
import { or404 } from "@/lib/entry";
import { linkClass, PageHeading, Pagination, Panel, StatCard, StatCardGroup, SummaryList, Table } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser } from "@/lib/dfe";
import { formatDate } from "@/lib/format";
import { londonDate } from "@/lib/calendar";
import { NPQ_DECLARATION_TYPES, listStatementDeclarations, statementTotals } from "@/lib/npq";
import { DECLARATION_STATE_ORDER, declarationTypeLabel, STATEMENT_STATE_LABELS, statementLabel } from "@/components/npq/labels";
import { DeclarationStateTag, StatementStateTag } from "@/components/npq/tags";
import { listHref, pageOnlySchema, parseList } from "@/lib/npq/schema";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("lead-provider");
  const [{ id }, rawQuery] = await Promise.all([params, searchParams]);
  const query = parseList(pageOnlySchema, rawQuery);
  const actor = leadProviderActorFromUser(user);
  const totals = await or404(statementTotals(actor, id));
  const lines = await listStatementDeclarations(user, id, query);
  const s = totals.statement;
  const href = `/lead-provider/statements/${s.id}`;

  // Every NPQ type as a row (in schedule order), plus any other type found on the statement; states that occur, in lifecycle order.
  const types = [...NPQ_DECLARATION_TYPES, ...Object.keys(totals.byType).filter((t) => !(NPQ_DECLARATION_TYPES as readonly string[]).includes(t))];
  const states = DECLARATION_STATE_ORDER.filter((state) => state !== "awaiting_clawback" && state !== "clawed_back").filter(
    (state) => ["eligible", "payable", "paid"].includes(state) || totals.byState[state],
  );
  const clawbackTypes = types.filter((t) => totals.clawbacksByType[t]);
  const count = (n: number | undefined) => (n ?? 0).toLocaleString("en-GB");

  return (
    <>
      <PageHeading caption={`Statement · cohort ${s.cohort}`} title={statementLabel(s)} actions={<StatementStateTag value={s.state} />} />
      <SummaryList
        rows={[
          { key: "Cohort", value: s.cohort },
          { key: "Deadline for declarations", value: formatDate(s.deadlineDate) },
          { key: "Payment date", value: formatDate(s.paymentDate) },
          { key: "State", value: STATEMENT_STATE_LABELS[s.state] },
          { key: "Output fee statement", value: s.outputFee ? "Yes" : "No" },
          { key: "Statement id", value: <code className="break-all">{s.id}</code> },
        ]}
      />
      <StatCardGroup>
        <StatCard label="Declarations paid for on this statement" value={count(totals.billable)} hint="Eligible, payable and paid" />
        <StatCard label="Clawbacks" value={count(totals.clawbacks)} hint="Paid declarations voided since" />
      </StatCardGroup>

      <Table
        caption="Declarations by type and state"
        rows={types}
        rowKey={(t) => t}
        columns={[
          { key: "type", header: "Declaration type", rowHeader: true, cell: (t) => declarationTypeLabel(t) },
          ...states.map((state) => ({
            key: state,
            header: <DeclarationStateTag value={state} />,
            numeric: true,
            cell: (t: string) => count(totals.byType[t]?.[state]),
          })),
          { key: "total", header: "Total", numeric: true, cell: (t) => count(Object.values(totals.byType[t] ?? {}).reduce((a, b) => a + b, 0)) },
        ]}
      />

      <Table
        caption="Clawbacks by type"
        rows={clawbackTypes}
        rowKey={(t) => t}
        empty={<p className="py-2">No clawbacks on this statement.</p>}
        columns={[
          { key: "type", header: "Declaration type", rowHeader: true, cell: (t) => declarationTypeLabel(t) },
          { key: "count", header: "Clawed back", numeric: true, cell: (t) => count(totals.clawbacksByType[t]) },
        ]}
      />

      <Panel title="Declarations on this statement">
        <Table
          caption="Declarations on this statement"
          captionHidden
          rows={lines.rows}
          rowKey={(d) => `${d.id}-${d.line}`}
          empty={<p className="py-2">No declarations on this statement.</p>}
          columns={[
            {
              key: "participant",
              header: "Participant",
              rowHeader: true,
              cell: (d) => (
                <Link className={linkClass} href={`/lead-provider/participants/${d.participantId}`}>
                  {d.fullName}
                </Link>
              ),
            },
            { key: "course", header: "Course", cell: (d) => <code className="text-sm">{d.courseIdentifier}</code> },
            { key: "type", header: "Type", cell: (d) => declarationTypeLabel(d.declarationType) },
            { key: "date", header: "Declaration date", cell: (d) => formatDate(londonDate(d.declarationDate)) },
            {
              key: "state",
              header: "State",
              cell: (d) => (
                <>
                  <DeclarationStateTag value={d.state} />
                  {d.line === "clawback" ? <span className="mt-1 block text-sm text-govuk-secondary">Clawback line</span> : null}
                </>
              ),
            },
          ]}
        />
        <Pagination
          page={lines.page}
          totalPages={lines.totalPages}
          hasNext={lines.page < lines.totalPages}
          hrefFor={(page) => listHref(href, query, { page: 1, perPage: 50 }, { page })}
          label="Declarations pages"
        />
      </Panel>
    </>
  );
}
