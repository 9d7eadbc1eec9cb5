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
  /** When set, the first column: the row's name linking to its page (usually the apprentice's record, or one of its tabs). */
  link?: RowLink<T>;
};

export type RowLink<T> = {
  href: (row: T) => string;
  text: (row: T) => ReactNode;
  /** A second line under the link, e.g. the ULN. */
  detail?: (row: T) => ReactNode;
  /** The column's header (default "Apprentice") and key (default "name"). */
  header?: string;
  key?: string;
};

/** One queue on a work page: its heading, then the `empty` sentence while it has no rows, else its table. */
export function QueueSection<T>({ heading, id, headingClassName, empty, after, link, captionHidden = true, columns, ...table }: QueueSectionProps<T>) {
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
          <Table captionHidden={captionHidden} {...table} columns={link ? [linkColumn(link), ...columns] : columns} />
          {after}
        </>
      )}
    </>
  );
}

/** The first column of a queue: the row's name linking to its page, with an optional second line. */
export function linkColumn<T>({ href, text, detail, header = "Apprentice", key = "name" }: RowLink<T>): TableColumn<T> {
  return {
    key,
    header,
    rowHeader: true,
    cell: (r) => {
      const link = (
        <Link className={queueLinkClass} href={href(r)}>
          {text(r)}
        </Link>
      );
      return detail ? (
        <>
          {link}
          <span className="block font-mono text-sm">{detail(r)}</span>
        </>
      ) : (
        link
      );
    },
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
