import { Table, linkClass } from "@/components/ui";
import type { UploadError } from "@/lib/apprentices";

type Props = {
  /** The problems to show (the first few hundred). */
  errors: UploadError[];
  /** How many problems there are in all. */
  errorCount: number;
  /** The full report as CSV. */
  reportHref: string;
};

/** The problems found in an upload, by spreadsheet line and column, with a link to the full report. */
export function ProblemsTable({ errors, errorCount, reportHref }: Props) {
  const capped = errorCount > errors.length;
  return (
    <section aria-labelledby="problems-heading" className="mb-8">
      <h2 id="problems-heading" className="mb-2 text-2xl font-bold">
        Problems to fix
      </h2>
      <p className="mb-2 max-w-3xl">
        Line numbers are the row numbers in your spreadsheet: the header is line 1. Fix the problems in your file, then upload it again.
      </p>
      <p className="mb-4">
        <a className={linkClass} href={reportHref} download>
          Download the problems report (CSV)
        </a>{" "}
        <span className="text-govuk-secondary">— every problem with the row&apos;s original values.</span>
      </p>
      {capped ? (
        <p className="mb-4 font-bold">
          Showing the first {errors.length.toLocaleString("en-GB")} of {errorCount.toLocaleString("en-GB")} problems. Download the report to see them all.
        </p>
      ) : null}
      <Table
        caption={`${errorCount.toLocaleString("en-GB")} ${errorCount === 1 ? "problem" : "problems"} by line and column`}
        captionHidden
        rows={errors.map((e, index) => ({ ...e, index }))}
        rowKey={(e) => String(e.index)}
        columns={[
          { key: "line", header: "Line", rowHeader: true, className: "w-20 tabular-nums", cell: (e) => e.line },
          { key: "column", header: "Column", className: "w-56", cell: (e) => e.column },
          { key: "message", header: "Problem", cell: (e) => e.message },
        ]}
      />
    </section>
  );
}
