import { FilterSelect } from "@/components/lists/filters";

/** The cohort filter: every cohort, or one. */
export function CohortSelect({
  cohorts,
  value,
  id,
  groupClassName,
}: {
  cohorts: readonly number[];
  value: number | undefined;
  id?: string;
  groupClassName?: string;
}) {
  const options = cohorts.map((c) => ({ value: String(c), label: String(c) }));
  return <FilterSelect name="cohort" id={id} label="Cohort" value={value} placeholder="All cohorts" options={options} groupClassName={groupClassName} />;
}

const ORDERS = [
  { value: "oldest", label: "Oldest first" },
  { value: "newest", label: "Newest first" },
  { value: "updated", label: "Recently updated" },
];

/** The order of a list: oldest first, newest first, or recently updated. */
export function OrderSelect({ value }: { value: string }) {
  return <FilterSelect name="sort" label="Order" value={value} options={ORDERS} />;
}

/** How many rows a page shows: 25, 50 or 100. */
export function PerPageSelect({ value }: { value: number }) {
  return <FilterSelect name="perPage" label="Rows per page" value={value} options={[25, 50, 100].map((n) => ({ value: String(n), label: String(n) }))} />;
}

/**
 * One page of a list whose service, like DfE's API, gives no totals: it asks for one row more than the page, to
 * know whether there is a next page.
 */
export async function pageAndNext<T, P extends { perPage: number }>(
  pagination: P,
  list: (pagination: P) => Promise<T[]>,
): Promise<{ rows: T[]; hasNext: boolean }> {
  const found = await list({ ...pagination, perPage: pagination.perPage + 1 });
  return { rows: found.slice(0, pagination.perPage), hasNext: found.length > pagination.perPage };
}
