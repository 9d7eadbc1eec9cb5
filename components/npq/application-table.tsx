"use client";

import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button, ErrorSummary, Table, Tag, linkClass } from "@/components/ui";
import { formatDate } from "@/lib/format";
import { APPLICATION_STATUS_COLOURS, APPLICATION_STATUS_LABELS, courseLabel, yesNo } from "@/components/npq/labels";
import { bulkDecideApplicationsAction, type BulkRowResult } from "@/lib/npq/portal-actions";
import { DataTable, selectColumn, useSelectableTable } from "@/components/ui/data-table";

export type ApplicationTableRow = {
  id: string;
  fullName: string;
  email: string | null;
  courseIdentifier: string;
  cohort: number;
  status: "pending" | "accepted" | "rejected";
  eligibleForFunding: boolean;
  fundedPlace: boolean | null;
  /** ISO 8601 */
  createdAt: string;
};

type Decision = "accept" | "reject";
type Outcome = { decision: Decision; rows: { row: ApplicationTableRow; result: BulkRowResult }[] };

type Props = {
  rows: ApplicationTableRow[];
  caption: string;
  recordPath: string;
  /** Cohorts from which DfE caps funded places (funded_place applies). */
  fundingCapFromCohort: number;
  /** Shown instead of the table when no application matches (the results of a bulk action stay above it). */
  empty: ReactNode;
};

/** The applications list: select pending applications and accept or reject them together; each one's result (DfE's message when refused) is shown. */
export function ApplicationTable({ rows, caption, recordPath, fundingCapFromCohort, empty }: Props) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const { pending, summary, run, fail } = useAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const columns = useMemo<ColumnDef<ApplicationTableRow>[]>(
    () => [
      selectColumn({
        allLabel: "Select all pending applications on this page",
        rowLabel: (r) => `Select ${r.fullName} (${r.courseIdentifier}, ${r.cohort})`,
        onlySelectable: true,
      }),
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <>
            <Link className={`${linkClass} font-bold`} href={`${recordPath}/${row.original.id}`}>
              {row.original.fullName}
            </Link>
            <span className="block text-sm break-all text-govuk-secondary">{row.original.email}</span>
          </>
        ),
      },
      {
        id: "course",
        header: "Course",
        cell: ({ row }) => (
          <>
            {courseLabel(row.original.courseIdentifier)}
            <code className="block text-sm text-govuk-secondary">{row.original.courseIdentifier}</code>
          </>
        ),
      },
      { id: "cohort", header: "Cohort", cell: ({ row }) => row.original.cohort },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) => <Tag colour={APPLICATION_STATUS_COLOURS[row.original.status]}>{APPLICATION_STATUS_LABELS[row.original.status]}</Tag>,
      },
      {
        id: "funding",
        header: "Funding",
        cell: ({ row }) => (
          <>
            {row.original.eligibleForFunding ? "Eligible" : "Not eligible"}
            {row.original.cohort >= fundingCapFromCohort ? (
              <span className="block text-sm text-govuk-secondary">Funded place: {yesNo(row.original.fundedPlace)}</span>
            ) : null}
          </>
        ),
      },
      { id: "received", header: "Received", cell: ({ row }) => formatDate(new Date(row.original.createdAt)) },
    ],
    [recordPath, fundingCapFromCohort],
  );

  const table = useSelectableTable({
    rows,
    columns,
    canSelect: (row) => row.original.status === "pending",
    selection: rowSelection,
    onSelectionChange: setRowSelection,
  });

  // Move focus to the results once they are shown, so screen reader users hear them.
  useEffect(() => {
    if (outcome) resultsHeading.current?.focus();
  }, [outcome]);

  const selected = rows.filter((r) => rowSelection[r.id] && r.status === "pending");

  function decide(decision: Decision) {
    if (selected.length === 0) return fail({ selection: `Select the pending applications to ${decision}` });
    if (
      decision === "reject" &&
      !window.confirm(`Reject ${selected.length} ${selected.length === 1 ? "application" : "applications"}? A rejected application cannot be accepted later.`)
    )
      return;
    const snapshot = selected;
    const done = (data: { results: BulkRowResult[] }) => {
      setRowSelection({});
      setOutcome({
        decision,
        rows: data.results.flatMap((r) => {
          const row = snapshot.find((s) => s.id === r.id);
          return row ? [{ row, result: r }] : [];
        }),
      });
    };
    run(() => bulkDecideApplicationsAction({ decision, ids: snapshot.map((r) => r.id) }), { onSuccess: done });
  }

  const succeeded = outcome?.rows.filter((r) => r.result.ok).length ?? 0;
  const failed = (outcome?.rows.length ?? 0) - succeeded;
  const verb = outcome?.decision === "accept" ? "accepted" : "rejected";

  return (
    <div>
      <ErrorSummary errors={summary(() => "bulk-actions")} />
      {outcome ? (
        <section aria-labelledby="bulk-results-heading" className="mb-8 border-4 border-brand-600 bg-white p-4 sm:p-6">
          <h2 id="bulk-results-heading" ref={resultsHeading} tabIndex={-1} className="mb-2 text-xl font-bold sm:text-2xl">
            {succeeded} of {outcome.rows.length} {outcome.rows.length === 1 ? "application" : "applications"} {verb}
          </h2>
          {failed > 0 ? (
            <p className="mb-4">
              {failed === 1 ? "One was" : `${failed} were`} not {verb}: DfE&apos;s reason is shown against it.
            </p>
          ) : null}
          {outcome.decision === "accept" && succeeded > 0 ? (
            <p className="mb-4">
              The participants&apos; other pending applications for the same course and cohort, with any lead provider, have been rejected.
            </p>
          ) : null}
          <Table
            caption={`Results: applications ${verb}`}
            captionHidden
            className="mb-0"
            rows={outcome.rows}
            rowKey={(r) => r.row.id}
            columns={[
              {
                key: "name",
                header: "Name",
                rowHeader: true,
                cell: (r) => (
                  <Link className={linkClass} href={`${recordPath}/${r.row.id}`}>
                    {r.row.fullName}
                  </Link>
                ),
              },
              { key: "course", header: "Course", cell: (r) => `${r.row.courseIdentifier}, ${r.row.cohort}` },
              {
                key: "result",
                header: "Result",
                cell: (r) =>
                  r.result.ok ? <Tag colour="green">{outcome.decision === "accept" ? "Accepted" : "Rejected"}</Tag> : <Tag colour="red">Not {verb}</Tag>,
              },
              {
                key: "details",
                header: "Details",
                cell: (r) =>
                  r.result.ok ? null : (
                    <ul className="flex flex-col gap-1">
                      {r.result.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </section>
      ) : null}

      {rows.length === 0 ? (
        empty
      ) : (
        <>
          <div
            id="bulk-actions"
            tabIndex={-1}
            role="group"
            aria-label="Accept or reject the selected applications"
            className="mb-4 flex flex-wrap items-center gap-4 border border-govuk-border bg-white p-4"
          >
            <p className="font-bold" aria-live="polite">
              {selected.length} selected
            </p>
            <Button type="button" disabled={pending} onClick={() => decide("accept")}>
              {pending ? "Working…" : "Accept selected"}
            </Button>
            <Button type="button" variant="warning" disabled={pending} onClick={() => decide("reject")}>
              Reject selected
            </Button>
            <p className="basis-full text-govuk-secondary">
              Only pending applications can be selected. Accepting one rejects the participant&apos;s other pending applications for the same course and cohort.
              From the 2024 cohort, accepted places are funded where the applicant is eligible for funding; change a funded place on the application afterwards.
            </p>
          </div>

          <DataTable table={table} caption={caption} />
        </>
      )}
    </div>
  );
}
