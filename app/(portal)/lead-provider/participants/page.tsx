import type { Metadata } from "next";
import Link from "next/link";
import { CohortSelect, OrderSelect, PerPageSelect, pageAndNext } from "@/components/lead-provider/list-page";
import { FilterForm, FilterSelect } from "@/components/lists/filters";
import { EmptyState, linkClass, PageHeading, Pagination, Table } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser, COHORTS } from "@/lib/dfe";
import { formatDateTime } from "@/lib/format";
import { TRAINING_STATUS_LABELS } from "@/components/npq/labels";
import { TrainingStatusTag } from "@/components/npq/tags";
import { listParticipants, portalPagination, participantUpdatedAt } from "@/lib/npq";
import { listHref, parseList, participantListSchema } from "@/lib/npq/schema";

export const metadata: Metadata = { title: "NPQ participants" };

const BASE = "/lead-provider/participants";
const DEFAULTS = { page: 1, perPage: 25, sort: "oldest" };

const SORTS = {
  oldest: [{ field: "created_at", direction: "asc" }],
  newest: [{ field: "created_at", direction: "desc" }],
  updated: [{ field: "updated_at", direction: "desc" }],
} as const;

export default async function ParticipantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("lead-provider");
  const query = parseList(participantListSchema, await searchParams);
  const actor = leadProviderActorFromUser(user);
  const cohorts = query.cohort === undefined ? undefined : [query.cohort];
  const { rows, hasNext } = await pageAndNext(portalPagination(query.page, query.perPage), (pagination) =>
    listParticipants(actor, { pagination, cohorts, trainingStatus: query.trainingStatus, sort: [...SORTS[query.sort]] }),
  );
  const hasFilters = Boolean(query.cohort || query.trainingStatus);

  return (
    <>
      <PageHeading
        caption={actor.leadProviderName}
        title="Participants"
        description="Teachers whose NPQ application you have accepted, with each course they are enrolled on."
      />
      <FilterForm action={BASE} label="Filter participants" columns={4}>
        <CohortSelect cohorts={COHORTS} value={query.cohort} />
        <FilterSelect name="trainingStatus" label="Training status" value={query.trainingStatus} placeholder="Any status" options={TRAINING_STATUS_LABELS} />
        <OrderSelect value={query.sort} />
        <PerPageSelect value={query.perPage} />
      </FilterForm>

      {rows.length === 0 ? (
        <EmptyState title={hasFilters ? "No participants match these filters" : query.page > 1 ? "No more participants" : "No participants yet"}>
          {hasFilters || query.page > 1 ? (
            <p>
              <Link className={linkClass} href={BASE}>
                Show all participants
              </Link>
            </p>
          ) : (
            <p>
              Participants appear here when you{" "}
              <Link className={linkClass} href="/lead-provider/applications?status=pending">
                accept their applications
              </Link>
              .
            </p>
          )}
        </EmptyState>
      ) : (
        <Table
          caption={`Participants: page ${query.page}`}
          captionHidden
          rows={rows}
          rowKey={(r) => r.participant.id}
          columns={[
            {
              key: "name",
              header: "Name",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={`${BASE}/${r.participant.id}`}>
                  {r.participant.fullName}
                </Link>
              ),
            },
            {
              key: "trn",
              header: "TRN",
              cell: (r) =>
                r.participant.trn ? (
                  `${r.participant.trn}${r.participant.trnValidated ? "" : " (not validated)"}`
                ) : (
                  <span className="text-govuk-secondary">Not given</span>
                ),
            },
            {
              key: "enrolments",
              header: "Courses",
              cell: (r) => (
                <ul className="flex flex-col gap-2">
                  {r.enrolments.map(({ application: a }) => (
                    <li key={a.id} className="flex flex-wrap items-center gap-2">
                      <code className="text-sm">{a.courseIdentifier}</code>
                      <span className="text-govuk-secondary">{a.cohort}</span>
                      {a.trainingStatus ? <TrainingStatusTag value={a.trainingStatus} /> : null}
                    </li>
                  ))}
                </ul>
              ),
            },
            { key: "updated", header: "Last updated", cell: (r) => formatDateTime(participantUpdatedAt(r)) },
          ]}
        />
      )}
      <Pagination page={query.page} hasNext={hasNext} hrefFor={(page) => listHref(BASE, query, DEFAULTS, { page })} />
    </>
  );
}
