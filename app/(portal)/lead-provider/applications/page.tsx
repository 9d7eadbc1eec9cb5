import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationTable } from "@/components/npq/application-table";
import { CohortSelect, OrderSelect, PerPageSelect } from "@/components/lead-provider/list-page";
import { FilterForm, FilterSelect, PagedList } from "@/components/lists/filters";
import { EmptyState, PageHeading, TextField, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { NPQ_COURSES } from "@/lib/domain";
import { APPLICATION_STATUS_LABELS, courseLabel } from "@/components/npq/labels";
import { listPortalApplications, FUNDING_CAP_FROM_COHORT } from "@/lib/npq";
import { applicationListSchema, listHref, parseList } from "@/lib/npq/schema";
import { COHORTS } from "@/lib/dfe";

export const metadata: Metadata = { title: "NPQ applications" };

const BASE = "/lead-provider/applications";
const DEFAULTS = { page: 1, perPage: 25, sort: "oldest" };
const COURSE_OPTIONS = NPQ_COURSES.map((c) => ({ value: c, label: courseLabel(c) }));

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
      <FilterForm action={BASE} label="Filter applications" columns={3}>
        <TextField id="q" name="q" label="Name, email or id" hint="Start of a name or email, or a participant or application id" defaultValue={query.q ?? ""} />
        <FilterSelect name="status" label="Status" value={query.status} placeholder="All statuses" options={APPLICATION_STATUS_LABELS} />
        <CohortSelect cohorts={COHORTS} value={query.cohort} />
        <FilterSelect name="course" label="Course" value={query.course} placeholder="All courses" options={COURSE_OPTIONS} width="full" />
        <OrderSelect value={query.sort} />
        <PerPageSelect value={query.perPage} />
      </FilterForm>

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
      <PagedList page={result.page} totalPages={result.totalPages} hrefFor={(page) => listHref(BASE, query, DEFAULTS, { page })} />
    </>
  );
}
