import Link from "next/link";
import type { ReactNode } from "react";
import { Table, Tag, cn, type TableColumn, type TableProps } from "@/components/ui";
import { formatDate } from "@/lib/format";

/** The links in work queues' tables. */
export const queueLinkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

export type QueueSectionProps<T> = Pick<TableProps<T>, "caption" | "rows" | "rowKey" | "columns" | "captionHidden"> & {
  /** The section's heading (an `h2`), when it has one; `id` lets stat cards link to it. */
  heading?: ReactNode;
  id?: string;
  /** Classes before the heading's own, e.g. its top margin. */
  headingClassName?: string;
  /** What stands in place of the table while the queue is empty: a sentence (a paragraph) or an element. */
  empty: ReactNode;
  /** Under the table, e.g. its pagination. */
  after?: ReactNode;
  /** When set, the first column: the apprentice's name linking to their record (or one of its tabs). */
  apprentice?: ApprenticeLink<T>;
};

export type ApprenticeLink<T> = { href: (row: T) => string; name: (row: T) => ReactNode };

/** One queue on a work page: its heading, then the `empty` sentence while it has no rows, else its table. */
export function QueueSection<T>({ heading, id, headingClassName, empty, after, apprentice, captionHidden = true, columns, ...table }: QueueSectionProps<T>) {
  return (
    <>
      {heading ? (
        <h2 id={id} className={cn(headingClassName, "mb-3 text-2xl font-bold")}>
          {heading}
        </h2>
      ) : null}
      {table.rows.length === 0 ? (
        typeof empty === "string" ? (
          <p className="mb-8">{empty}</p>
        ) : (
          empty
        )
      ) : (
        <>
          <Table captionHidden={captionHidden} {...table} columns={apprentice ? [apprenticeColumn(apprentice), ...columns] : columns} />
          {after}
        </>
      )}
    </>
  );
}

/** The first column of a queue: the apprentice's name linking to their record (or one of its tabs). */
export function apprenticeColumn<T>({ href, name }: ApprenticeLink<T>): TableColumn<T> {
  return {
    key: "name",
    header: "Apprentice",
    rowHeader: true,
    cell: (r) => (
      <Link className={queueLinkClass} href={href(r)}>
        {name(r)}
      </Link>
    ),
  };
}

/** The ULN in a fixed-width font. */
export function ulnColumn<T extends { uln: string }>(): TableColumn<T> {
  return { key: "uln", header: "ULN", cell: (r) => <span className="font-mono">{r.uln}</span> };
}

/** A date, tagged red with `label` once it is before `today` (both `yyyy-mm-dd`). */
export function overdueDate(date: string, today: string, label: string): ReactNode {
  return date < today ? (
    <Tag colour="red">
      {label}: {formatDate(date)}
    </Tag>
  ) : (
    formatDate(date)
  );
}
