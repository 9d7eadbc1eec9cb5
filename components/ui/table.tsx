import Link from "next/link";
import { useId, type ReactNode } from "react";
import { cn } from "./cn";
import { EmptyState } from "./empty-state";
import { linkFocusClass } from "./styles";

export type SortDirection = "asc" | "desc";

export type TableColumn<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** When set, the header is a link (e.g. to `?sort=name&dir=asc`) and `aria-sort` is set. */
  sortHref?: string;
  /** Current sort state of this column (only used when `sortHref` is set). */
  sorted?: SortDirection | false;
  /** Applied to the header and body cells of this column. */
  className?: string;
  /** Right-align and use tabular figures. */
  numeric?: boolean;
  /** Render this column's body cells as `<th scope="row">` (usually the first column). */
  rowHeader?: boolean;
};

export type TableProps<T> = {
  caption: ReactNode;
  /** Keep the caption for screen readers but hide it visually (e.g. when a heading already says it). */
  captionHidden?: boolean;
  columns: TableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Shown in place of the body rows when `rows` is empty. Defaults to an EmptyState. */
  empty?: ReactNode;
  className?: string;
};

const ariaSortValue = {
  asc: "ascending",
  desc: "descending",
} as const;

function SortIcon({ sorted }: { sorted: SortDirection | false }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 12 16" className="size-3.5 shrink-0 fill-current">
      {sorted === "asc" ? <path d="M6 3 11 10H1z" /> : null}
      {sorted === "desc" ? <path d="M6 13 1 6h10z" /> : null}
      {sorted === false ? (
        <>
          <path d="M6 1 10 6.5H2z" />
          <path d="M6 15 2 9.5h8z" />
        </>
      ) : null}
    </svg>
  );
}

/**
 * Semantic data table with caption, column headers and optional sort links.
 * Wrapped in a keyboard-focusable, labelled scroll container so wide tables work on mobile.
 */
export function Table<T>({ caption, captionHidden = false, columns, rows, rowKey, empty, className }: TableProps<T>) {
  const captionId = useId();

  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className={cn("mb-8 max-w-full overflow-x-auto", className)}>
      <table className="w-full border-collapse text-left text-base text-govuk-black">
        <caption id={captionId} className={captionHidden ? "sr-only" : "mb-3 text-left text-xl font-bold"}>
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-govuk-black">
            {columns.map((column) => {
              const sorted = column.sorted ?? false;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={column.sortHref ? (sorted ? ariaSortValue[sorted] : "none") : undefined}
                  className={cn("py-3 pr-4 align-bottom font-bold last:pr-0", column.numeric ? "text-right" : "text-left", column.className)}
                >
                  {column.sortHref ? (
                    <Link
                      href={column.sortHref}
                      className={cn(
                        "inline-flex items-center gap-1.5 text-brand-600 underline underline-offset-[0.15em] hover:text-brand-800 hover:decoration-[3px]",
                        linkFocusClass,
                      )}
                    >
                      {column.header}
                      <SortIcon sorted={sorted} />
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={Math.max(columns.length, 1)} className="pt-4">
                {empty ?? <EmptyState title="Nothing to show" headingLevel={false} />}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-govuk-border">
                {columns.map((column) => {
                  const cellClass = cn("py-3 pr-4 align-top last:pr-0", column.numeric ? "text-right tabular-nums" : "text-left", column.className);
                  return column.rowHeader ? (
                    <th key={column.key} scope="row" className={cn(cellClass, "font-bold")}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={cellClass}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
