import type { ReactNode } from "react";
import { Button, ButtonLink, Pagination, SelectField, cn } from "@/components/ui";

const GRID_COLUMNS = { 3: "lg:grid-cols-3", 4: "lg:grid-cols-4" } as const;

/**
 * The filter form above a list: a GET form to the list's own path, its fields in a grid (`columns` wide on large
 * screens), and "Apply filters" with "Clear filters" (a link back to the unfiltered list).
 */
export function FilterForm({ action, label, columns, children }: { action: string; label: string; columns: keyof typeof GRID_COLUMNS; children: ReactNode }) {
  return (
    <form method="get" action={action} className="mb-6 border border-govuk-border bg-white p-4" aria-label={label}>
      <div className={cn("grid gap-x-4 sm:grid-cols-2", GRID_COLUMNS[columns])}>{children}</div>
      <FilterButtons clearHref={action} />
    </form>
  );
}

/** "Apply filters" and "Clear filters" (a link to `clearHref`); `single` says "filter" for a form of one field. */
export function FilterButtons({ clearHref, single = false }: { clearHref: string; single?: boolean }) {
  return (
    <div className="flex flex-wrap gap-3">
      <Button type="submit">{single ? "Apply filter" : "Apply filters"}</Button>
      <ButtonLink href={clearHref} variant="secondary">
        {single ? "Clear filter" : "Clear filters"}
      </ButtonLink>
    </div>
  );
}

/** A select of a list filter (the field's id is its name unless given), "" standing for no filter. */
export function FilterSelect({
  name,
  id = name,
  label,
  value,
  placeholder,
  options,
  width,
  groupClassName,
}: {
  name: string;
  id?: string;
  label: string;
  value: string | number | undefined;
  placeholder?: string;
  /** The choices, or a record of labels by value. */
  options: { value: string; label: string }[] | Record<string, string>;
  width?: "full";
  groupClassName?: string;
}) {
  return (
    <SelectField
      id={id}
      name={name}
      label={label}
      defaultValue={value ? String(value) : ""}
      placeholder={placeholder}
      options={Array.isArray(options) ? options : Object.entries(options).map(([v, l]) => ({ value: v, label: l }))}
      width={width}
      groupClassName={groupClassName}
    />
  );
}

/** Pagination for a list that knows its number of pages: a next page while `page` is before the last. */
export function PagedList({ page, totalPages, hrefFor }: { page: number; totalPages: number; hrefFor: (page: number) => string }) {
  return <Pagination page={page} totalPages={totalPages} hasNext={page < totalPages} hrefFor={hrefFor} />;
}
