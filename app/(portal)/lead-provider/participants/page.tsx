import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink, EmptyState, PageHeading, Pagination, SelectField, Table, Tag, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { formatDateTime } from "@/lib/format";
import { TRAINING_STATUS_COLOURS, TRAINING_STATUS_LABELS } from "@/components/npq/labels";
import { listParticipants } from "@/lib/npq/participants";
import { portalPagination } from "@/lib/npq/portal-queries";
import { listHref, parseList, participantListSchema } from "@/lib/npq/portal-schema";
import { COHORTS } from "@/lib/dfe/schedules";
import { participantUpdatedAt } from "@/lib/npq/serialize";

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
  const pagination = portalPagination(query.page, query.perPage);
  // One more than a page, to know whether there is a next page (the service, like DfE's API, gives no totals).
  const found = await listParticipants(actor, {
    pagination: { ...pagination, perPage: pagination.perPage + 1 },
    cohorts: query.cohort === undefined ? undefined : [query.cohort],
    trainingStatus: query.trainingStatus,
    sort: [...SORTS[query.sort]],
  });
  const rows = found.slice(0, pagination.perPage);
  const hasNext = found.length > pagination.perPage;
  const hasFilters = Boolean(query.cohort || query.trainingStatus);

  return (
    <>
      <PageHeading
        caption={actor.leadProviderName}
        title="Participants"
        description="Teachers whose NPQ application you have accepted, with each course they are enrolled on."
      />
      <form method="get" action={BASE} className="mb-6 border border-govuk-border bg-white p-4" aria-label="Filter participants">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            id="cohort"
            name="cohort"
            label="Cohort"
            defaultValue={query.cohort ? String(query.cohort) : ""}
            placeholder="All cohorts"
            options={COHORTS.map((c) => ({ value: String(c), label: String(c) }))}
          />
          <SelectField
            id="trainingStatus"
            name="trainingStatus"
            label="Training status"
            defaultValue={query.trainingStatus ?? ""}
            placeholder="Any status"
            options={Object.entries(TRAINING_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            id="sort"
            name="sort"
            label="Order"
            defaultValue={query.sort}
            options={[
              { value: "oldest", label: "Oldest first" },
              { value: "newest", label: "Newest first" },
              { value: "updated", label: "Recently updated" },
            ]}
          />
          <SelectField
            id="perPage"
            name="perPage"
            label="Rows per page"
            defaultValue={String(query.perPage)}
            options={[25, 50, 100].map((n) => ({ value: String(n), label: String(n) }))}
          />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit">Apply filters</Button>
          <ButtonLink href={BASE} variant="secondary">
            Clear filters
          </ButtonLink>
        </div>
      </form>

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
                      {a.trainingStatus ? <Tag colour={TRAINING_STATUS_COLOURS[a.trainingStatus]}>{TRAINING_STATUS_LABELS[a.trainingStatus]}</Tag> : null}
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
