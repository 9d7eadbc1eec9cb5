import type { Metadata } from "next";
import Link from "next/link";
import { CohortSelect, pageAndNext } from "@/components/lead-provider/list-page";
import { FilterButtons } from "@/components/lists/filters";
import { EmptyState, linkClass, PageHeading, Pagination, Table } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser, COHORTS } from "@/lib/dfe";
import { formatDate } from "@/lib/format";
import { londonDate } from "@/lib/calendar";
import { statementLabel } from "@/components/npq/labels";
import { StatementStateTag } from "@/components/npq/tags";
import { portalPagination, listStatements } from "@/lib/npq";
import { listHref, parseList, statementListSchema } from "@/lib/npq/schema";

export const metadata: Metadata = { title: "Statements" };

const BASE = "/lead-provider/statements";
const DEFAULTS = { page: 1, perPage: 50 };

export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("lead-provider");
  const query = parseList(statementListSchema, await searchParams);
  const actor = leadProviderActorFromUser(user);
  const cohorts = query.cohort === undefined ? undefined : [query.cohort];
  const { rows, hasNext } = await pageAndNext(portalPagination(query.page, query.perPage), (pagination) => listStatements(actor, { pagination, cohorts }));
  const today = londonDate(actor.now);
  // The statement new declarations go on: the first open one whose deadline has not passed (per cohort).
  const nextByCohort = new Map<number, string>();
  for (const s of rows) if (s.state === "open" && s.deadlineDate >= today && !nextByCohort.has(s.cohort)) nextByCohort.set(s.cohort, s.id);

  return (
    <>
      <PageHeading
        caption={actor.leadProviderName}
        title="Statements"
        description="Your monthly output-fee statements by payment date. Declarations go on the next open statement; after its deadline it becomes payable, then paid."
      />
      <form method="get" action={BASE} className="mb-6 flex flex-wrap items-end gap-4 border border-govuk-border bg-white p-4" aria-label="Filter statements">
        <CohortSelect cohorts={COHORTS} value={query.cohort} groupClassName="mb-0" />
        <FilterButtons clearHref={BASE} single />
      </form>
      {rows.length === 0 ? (
        <EmptyState title={query.cohort || query.page > 1 ? "No statements here" : "No statements yet"}>
          <p>The DfE adds a statement for each month of each cohort you deliver.</p>
        </EmptyState>
      ) : (
        <Table
          caption={`Statements: page ${query.page}`}
          captionHidden
          rows={rows}
          rowKey={(s) => s.id}
          columns={[
            {
              key: "statement",
              header: "Statement",
              rowHeader: true,
              cell: (s) => (
                <>
                  <Link className={linkClass} href={`${BASE}/${s.id}`}>
                    {statementLabel(s)}
                    <span className="sr-only">, cohort {s.cohort}</span>
                  </Link>
                  {nextByCohort.get(s.cohort) === s.id ? (
                    <span className="mt-1 block text-sm font-normal text-govuk-secondary">New declarations go here</span>
                  ) : null}
                </>
              ),
            },
            { key: "cohort", header: "Cohort", cell: (s) => s.cohort },
            { key: "deadline", header: "Deadline for declarations", cell: (s) => formatDate(s.deadlineDate) },
            { key: "payment", header: "Payment date", cell: (s) => formatDate(s.paymentDate) },
            { key: "state", header: "State", cell: (s) => <StatementStateTag value={s.state} /> },
          ]}
        />
      )}
      <Pagination page={query.page} hasNext={hasNext} hrefFor={(page) => listHref(BASE, query, DEFAULTS, { page })} />
    </>
  );
}
