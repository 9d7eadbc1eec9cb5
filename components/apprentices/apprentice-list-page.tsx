import Link from "next/link";
import {
  Button,
  ButtonLink,
  EmptyState,
  ErrorSummary,
  NotificationBanner,
  PageHeading,
  Pagination,
  SelectField,
  TextField,
  linkClass,
  type SelectOption,
} from "@/components/ui";
import { APPRENTICE_STATUSES } from "@/lib/domain";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { listApprentices, listFilterOptions, readListQuery, toSearchParams, type ListQuery } from "@/lib/apprentices";
import { STATUS_LABELS } from "@/lib/apprentices/schema";
import { ApprenticeTable } from "./apprentice-table";

type Props = {
  actor: UserActor;
  searchParams: Record<string, string | string[] | undefined>;
  /** Where the list lives (filters, sorting and pages link here). */
  basePath: string;
  /** Where each record's page lives (defaults to basePath). */
  recordPath?: string;
  title: string;
  description?: string;
};

/** What the page says about a filter in the URL that could not be used (it is not applied). */
const FILTER_PROBLEMS: Partial<Record<keyof ListQuery, string>> = {
  q: "Name or ULN must be 100 characters or fewer",
  startFrom: "Start date from must be a real date, like 2024-09-01",
  startTo: "Start date to must be a real date, like 2025-08-31",
  endFrom: "Planned end from must be a real date, like 2025-09-01",
  endTo: "Planned end to must be a real date, like 2026-08-31",
};

/** The date filters, in the order shown. */
const DATE_FILTERS = [
  ["startFrom", "Start date from"],
  ["startTo", "Start date to"],
  ["endFrom", "Planned end from"],
  ["endTo", "Planned end to"],
] as const;

/** The server-driven apprentice list used by EPAO, provider and assessor areas: filters, sort and page live in the URL. */
export async function ApprenticeListPage({ actor, searchParams, basePath, recordPath = basePath, title, description }: Props) {
  const { query, ignored } = readListQuery(searchParams);
  const problems: Record<string, string> = {};
  for (const key of ignored) {
    const problem = FILTER_PROBLEMS[key as keyof ListQuery];
    if (problem) problems[key] = `${problem}: this filter was not applied`;
  }
  const isEpao = can(actor, "apprentices.assign");
  const isProvider = can(actor, "apprentices.manage");
  const isAssessor = can(actor, "grades.record");
  const [result, options] = await Promise.all([listApprentices(actor, query), listFilterOptions(actor)]);
  const filters: Partial<ListQuery> = { ...query, sort: undefined, dir: undefined, page: undefined } as Partial<ListQuery>;
  const filterQuery = toSearchParams(filters).toString();
  const exportQuery = toSearchParams({ ...query, page: undefined } as Partial<ListQuery>).toString();
  const hasFilters = ["q", "standard", "status", "provider", "epao", "assessor", "startFrom", "startTo", "endFrom", "endTo"].some(
    (k) => query[k as keyof ListQuery] !== undefined,
  );
  const first = (result.page - 1) * result.perPage + 1;
  const last = Math.min(result.total, result.page * result.perPage);

  const choices = (list: { id: string; label: string }[]) => list.map((o) => ({ value: o.id, label: o.label }));
  const selects: { name: "standard" | "status" | "epao" | "provider" | "assessor"; label: string; placeholder: string; options: SelectOption[] }[] = [
    { name: "standard", label: "Standard", placeholder: "All standards", options: choices(options.standards) },
    { name: "status", label: "Status", placeholder: "All statuses", options: APPRENTICE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })) },
    isProvider
      ? { name: "epao", label: "EPAO", placeholder: "All EPAOs", options: choices(options.epaos) }
      : { name: "provider", label: "Training provider", placeholder: "All providers", options: choices(options.providers) },
    ...(isEpao
      ? [
          {
            name: "assessor" as const,
            label: "Assessor",
            placeholder: "Any assessor",
            options: [{ value: "none", label: "Not assigned" }, ...choices(options.assessors)],
          },
        ]
      : []),
  ];

  const assigned = typeof searchParams.assigned === "string" ? Number(searchParams.assigned) : null;
  const assignedTo = typeof searchParams.to === "string" ? options.assessors.find((a) => a.id === searchParams.to)?.label : undefined;
  return (
    <>
      {assigned !== null && Number.isInteger(assigned) && assigned >= 0 ? (
        <NotificationBanner type="success" title="Success">
          <p>
            {assigned === 0
              ? "Nothing changed: the selected records already had that assignment."
              : `${assigned.toLocaleString("en-GB")} ${assigned === 1 ? "record" : "records"} ${assignedTo ? `assigned to ${assignedTo}` : "unassigned"}.`}
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={Object.entries(problems).map(([field, message]) => ({ field, message }))} />
      <PageHeading
        caption={actor.organisationName}
        title={title}
        description={description}
        actions={
          isProvider && can(actor, "apprentices.manage") ? (
            <div className="flex flex-wrap gap-3">
              <ButtonLink href={`${basePath}/new`}>Add an apprentice</ButtonLink>
              <ButtonLink href={`${basePath}/upload`} variant="secondary">
                Bulk upload
              </ButtonLink>
            </div>
          ) : isEpao ? (
            <ButtonLink href={`${basePath}/changes`} variant="secondary">
              Change of EPAO requests
            </ButtonLink>
          ) : null
        }
      />
      <form method="get" action={basePath} className="mb-6 rounded border border-govuk-border bg-white p-4" aria-label="Filter apprentices">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField id="q" name="q" error={problems.q} label="Name or ULN" defaultValue={query.q ?? ""} hint="Family or given name, or ULN" />
          {selects.map(({ name, ...select }) => (
            <SelectField key={name} id={name} name={name} defaultValue={query[name] ?? ""} {...select} />
          ))}
          {DATE_FILTERS.map(([name, label]) => (
            <TextField key={name} id={name} name={name} error={problems[name]} type="date" label={label} defaultValue={query[name] ?? ""} />
          ))}
          <SelectField
            id="perPage"
            name="perPage"
            label="Rows per page"
            defaultValue={String(query.perPage)}
            options={[25, 50, 100].map((n) => ({ value: String(n), label: String(n) }))}
          />
        </div>
        {query.sort !== "familyName" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit">Apply filters</Button>
          <ButtonLink href={basePath} variant="secondary">
            Clear filters
          </ButtonLink>
        </div>
      </form>

      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-lg" aria-live="polite">
          {result.total === 0
            ? "No records"
            : `Showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${result.total.toLocaleString("en-GB")} ${result.total === 1 ? "record" : "records"}`}
        </p>
        {result.total > 0 ? (
          <a className={linkClass} href={`/api/apprentices/export${exportQuery ? `?${exportQuery}` : ""}`} download>
            Export these {result.total.toLocaleString("en-GB")} records as CSV
          </a>
        ) : null}
      </div>

      {result.total === 0 ? (
        <EmptyState title={hasFilters ? "No records match these filters" : "No apprentice records yet"}>
          {hasFilters ? (
            <p>
              Try fewer filters, or{" "}
              <Link className={linkClass} href={basePath}>
                clear them all
              </Link>
              .
            </p>
          ) : isProvider ? (
            <p>Add apprentices one at a time or upload a CSV file. You need an active link with an EPAO for the standard first.</p>
          ) : isAssessor ? (
            <p>When your EPAO assigns apprentices to you, they appear here.</p>
          ) : (
            <p>Records appear here when training providers you are linked with send them to you.</p>
          )}
        </EmptyState>
      ) : (
        <ApprenticeTable
          rows={result.rows.map((r) => ({ ...r, updatedAt: undefined, assessorId: undefined }))}
          basePath={basePath}
          recordPath={recordPath}
          query={filterQuery}
          sort={query.sort}
          dir={query.dir}
          caption={`${title}: page ${result.page} of ${result.totalPages}`}
          total={result.total}
          currentQuery={toSearchParams(query).toString()}
          show={{ provider: !isProvider, epao: isProvider || isAssessor, assessor: !isProvider && !isAssessor }}
          assessors={isEpao ? options.assessors : undefined}
        />
      )}
      <Pagination
        page={result.page}
        totalPages={result.totalPages}
        hasNext={result.page < result.totalPages}
        hrefFor={(page) => `${basePath}?${toSearchParams(query, { page }).toString()}`}
      />
    </>
  );
}
