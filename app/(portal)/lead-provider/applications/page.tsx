import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationTable } from "@/components/npq/application-table";
import { Button, ButtonLink, EmptyState, PageHeading, Pagination, SelectField, TextField, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { NPQ_COURSES } from "@/lib/domain";
import { APPLICATION_STATUS_LABELS, courseLabel } from "@/components/npq/labels";
import { listPortalApplications } from "@/lib/npq/portal-queries";
import { applicationListSchema, listHref, parseList } from "@/lib/npq/portal-schema";
import { COHORTS } from "@/lib/dfe/schedules";
import { FUNDING_CAP_FROM_COHORT } from "@/lib/npq/reference";

export const metadata: Metadata = { title: "NPQ applications" };

const BASE = "/lead-provider/applications";
const DEFAULTS = { page: 1, perPage: 25, sort: "oldest" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("lead-provider");
  const query = parseList(applicationListSchema, await searchParams);
  const result = await listPortalApplications(actor, query);
  const hasFilters = Boolean(query.q || query.status || query.cohort || query.course);
  const first = (result.page - 1) * result.perPage + 1;
  const last = Math.min(result.total, result.page * result.perPage);

  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Applications"
        description="NPQ applications the DfE has sent you. Accept or reject them here or through the API: both follow the same rules."
      />
      <form method="get" action={BASE} className="mb-6 border border-govuk-border bg-white p-4" aria-label="Filter applications">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            id="q"
            name="q"
            label="Name, email or id"
            hint="Start of a name or email, or a participant or application id"
            defaultValue={query.q ?? ""}
          />
          <SelectField
            id="status"
            name="status"
            label="Status"
            defaultValue={query.status ?? ""}
            placeholder="All statuses"
            options={Object.entries(APPLICATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            id="cohort"
            name="cohort"
            label="Cohort"
            defaultValue={query.cohort ? String(query.cohort) : ""}
            placeholder="All cohorts"
            options={COHORTS.map((c) => ({ value: String(c), label: String(c) }))}
          />
          <SelectField
            id="course"
            name="course"
            label="Course"
            defaultValue={query.course ?? ""}
            placeholder="All courses"
            options={NPQ_COURSES.map((c) => ({ value: c, label: courseLabel(c) }))}
            width="full"
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

      <p className="mb-3 text-lg" aria-live="polite">
        {result.total === 0
          ? "No applications"
          : `Showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${result.total.toLocaleString("en-GB")} ${result.total === 1 ? "application" : "applications"}`}
      </p>

      <ApplicationTable
        rows={result.rows.map((r) => ({
          id: r.id,
          fullName: r.fullName,
          email: r.email,
          courseIdentifier: r.courseIdentifier,
          cohort: r.cohort,
          status: r.status,
          eligibleForFunding: r.eligibleForFunding,
          fundedPlace: r.fundedPlace,
          createdAt: r.createdAt.toISOString(),
        }))}
        caption={`Applications: page ${result.page} of ${result.totalPages}`}
        recordPath={BASE}
        fundingCapFromCohort={FUNDING_CAP_FROM_COHORT}
        empty={
          <EmptyState title={hasFilters ? "No applications match these filters" : "No applications yet"}>
            {hasFilters ? (
              <p>
                Try fewer filters, or{" "}
                <Link className={linkClass} href={BASE}>
                  clear them all
                </Link>
                .
              </p>
            ) : (
              <p>Applications appear here when teachers choose you as their lead provider for an NPQ.</p>
            )}
          </EmptyState>
        }
      />
      <Pagination
        page={result.page}
        totalPages={result.totalPages}
        hasNext={result.page < result.totalPages}
        hrefFor={(page) => listHref(BASE, query, DEFAULTS, { page })}
      />
    </>
  );
}
