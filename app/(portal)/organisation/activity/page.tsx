import type { Metadata } from "next";
import { FilterSelect } from "@/components/lists/filters";
import { Button, ButtonLink, PageHeading, Pagination, Table, TextField } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { activityFilterSchema, listActivity, type ActivityFilter } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { parseSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Activity log" };

function hrefWith(filter: ActivityFilter, page: number) {
  const params = new URLSearchParams();
  for (const key of ["q", "action", "actor", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/organisation/activity${query ? `?${query}` : ""}`;
}

/** One side of a change in the event's details, when the event recorded it. */
function ChangeValue({ label, value }: { label: string; value: unknown }) {
  return value ? (
    <>
      <dt className="font-bold">{label}</dt>
      <dd>
        <code>{JSON.stringify(value)}</code>
      </dd>
    </>
  ) : null;
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("organisation");
  const filter = parseSearchParams(activityFilterSchema, await searchParams).query;
  const result = await listActivity(actor, filter);
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Activity log" description="Every change made in your organisation: who did what, and when." />
      <form
        method="get"
        className="mb-6 grid gap-x-4 rounded border border-govuk-border bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Filter activity"
      >
        <TextField id="q" name="q" label="Search" defaultValue={filter.q ?? ""} hint="Summary, person or record id" />
        <FilterSelect
          name="action"
          label="Action"
          value={filter.action}
          placeholder="All actions"
          options={result.actions.map((a) => ({ value: a, label: a }))}
        />
        <FilterSelect
          name="actor"
          label="Person"
          value={filter.actor}
          placeholder="Everyone"
          options={result.actors.map((a) => ({ value: a.id, label: a.name }))}
        />
        <TextField id="from" name="from" type="date" label="From" defaultValue={filter.from ?? ""} />
        <TextField id="to" name="to" type="date" label="To" defaultValue={filter.to ?? ""} />
        <div className="flex gap-3 sm:col-span-2 lg:col-span-5">
          <Button type="submit">Apply filters</Button>
          <ButtonLink href="/organisation/activity" variant="secondary">
            Clear filters
          </ButtonLink>
        </div>
      </form>
      <Table
        caption={`${result.total} ${result.total === 1 ? "event" : "events"}`}
        rows={result.rows}
        rowKey={(e) => String(e.id)}
        empty={<p className="p-4">No activity matches these filters.</p>}
        columns={[
          {
            key: "when",
            header: "When",
            cell: (e) => <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time>,
            className: "whitespace-nowrap",
          },
          { key: "who", header: "Who", cell: (e) => e.actorLabel },
          { key: "action", header: "Action", cell: (e) => <code className="text-sm">{e.action}</code> },
          {
            key: "summary",
            header: "What happened",
            cell: (e) => (
              <>
                {e.summary}
                {e.before || e.after ? (
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer text-brand-700 underline">Details</summary>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
                      <ChangeValue label="Before" value={e.before} />
                      <ChangeValue label="After" value={e.after} />
                    </dl>
                  </details>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <Pagination page={result.page} totalPages={result.totalPages} hasNext={result.page < result.totalPages} hrefFor={(page) => hrefWith(filter, page)} />
    </>
  );
}
