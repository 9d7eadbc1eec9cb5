import type { ReactNode } from "react";
import { cn } from "./cn";

export type SummaryListRow = {
  key: string;
  value: ReactNode;
  /** Usually a link such as "Change" (include visually-hidden context, e.g. `<span className="sr-only"> name</span>`). */
  action?: ReactNode;
};

export type SummaryListProps = {
  rows: SummaryListRow[];
  /** Remove the row separators. */
  noBorder?: boolean;
  className?: string;
};

/** GOV.UK-style summary list: key/value pairs in a `<dl>`, with optional row actions. */
export function SummaryList({ rows, noBorder = false, className }: SummaryListProps) {
  const hasAction = (row: SummaryListRow) => row.action !== undefined && row.action !== null && row.action !== false;
  const anyActions = rows.some(hasAction);
  return (
    <dl className={cn("mb-8 text-base text-govuk-black", className)}>
      {rows.map((row, index) => (
        <div key={`${row.key}-${index}`} className={cn("py-3 sm:flex sm:gap-6", !noBorder && "border-b border-govuk-border")}>
          <dt className="mb-1 font-bold sm:mb-0 sm:w-1/3 sm:shrink-0">{row.key}</dt>
          <dd
            className={cn(
              "min-w-0 break-words sm:flex-1",
              // Keep values aligned with rows that do have an action column.
              anyActions && !hasAction(row) && "sm:mr-[calc(20%+1.5rem)]",
            )}
          >
            {row.value}
          </dd>
          {hasAction(row) ? <dd className="mt-2 sm:mt-0 sm:w-1/5 sm:shrink-0 sm:text-right">{row.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
