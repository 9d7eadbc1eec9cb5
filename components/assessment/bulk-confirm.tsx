"use client";

import Link from "next/link";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button, ErrorSummary, Table, Tag } from "@/components/ui";
import { confirmOverallGradesAction } from "@/lib/assessment/grading-actions";

export type ConfirmRow = {
  apprenticeId: string;
  attemptId: string;
  version: number;
  name: string;
  uln: string;
  standard: string;
  provider: string;
  provisional: string | null;
  attemptNumber: number;
};
type Result = { attemptId: string; ok: boolean; overall?: string; problem?: string };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

/** How many grades were confirmed, and why each of the others was not. */
function ConfirmResults({ results, rows }: { results: Result[]; rows: ConfirmRow[] }) {
  const confirmed = results.filter((r) => r.ok).length;
  const problems = results.filter((r) => !r.ok);
  return (
    <div role="status" className="mb-6 border-l-4 border-govuk-green bg-white p-4">
      <p className="font-bold">
        {confirmed} {confirmed === 1 ? "grade" : "grades"} confirmed.
      </p>
      {problems.length > 0 ? (
        <ul className="mt-2 list-disc pl-6">
          {problems.map((p) => (
            <li key={p.attemptId}>
              {rows.find((r) => r.attemptId === p.attemptId)?.name ?? "A record"}: {p.problem}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Provisional grades ready to confirm: tick some or all and confirm them in one go; each row's result is shown. */
export function BulkConfirmTable({ rows, total }: { rows: ConfirmRow[]; total: number }) {
  const { pending, summaryAt, run, fail } = useAction();
  const [selected, setSelected] = useState<string[]>([]);
  const [results, setResults] = useState<Result[] | null>(null);
  const all = rows.length > 0 && selected.length === rows.length;

  const confirm = () => {
    if (selected.length === 0) return fail("Select the grades to confirm");
    const items = rows.filter((r) => selected.includes(r.attemptId)).map((r) => ({ attemptId: r.attemptId, version: r.version }));
    if (!window.confirm(`Confirm ${items.length} overall ${items.length === 1 ? "grade" : "grades"}? They will be locked; only an EPAO admin can unlock them.`))
      return;
    const done = (data: unknown) => {
      setResults(data as Result[]);
      setSelected([]);
    };
    run(() => confirmOverallGradesAction({ items }), { onSuccess: done });
  };

  return (
    <>
      <ErrorSummary errors={summaryAt("confirm-selected")} />
      {results ? <ConfirmResults results={results} rows={rows} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 font-bold">
          <input type="checkbox" className="size-6" checked={all} onChange={(e) => setSelected(e.currentTarget.checked ? rows.map((r) => r.attemptId) : [])} />
          Select all {rows.length} shown{total > rows.length ? ` (of ${total.toLocaleString("en-GB")})` : ""}
        </label>
        <Button id="confirm-selected" type="button" className="mb-0" disabled={pending} onClick={confirm}>
          {pending ? "Confirming…" : `Confirm ${selected.length} selected`}
        </Button>
      </div>
      <Table
        caption="Provisional grades ready to confirm"
        captionHidden
        rows={rows}
        rowKey={(r) => r.attemptId}
        columns={[
          {
            key: "select",
            header: <span className="sr-only">Select</span>,
            cell: (r) => (
              <input
                type="checkbox"
                className="size-6"
                aria-label={`Select ${r.name}`}
                checked={selected.includes(r.attemptId)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setSelected((s) => (on ? [...s, r.attemptId] : s.filter((x) => x !== r.attemptId)));
                }}
              />
            ),
          },
          {
            key: "name",
            header: "Apprentice",
            rowHeader: true,
            cell: (r) => (
              <Link className={linkClass} href={`/epao/apprentices/${r.apprenticeId}/assessment`}>
                {r.name}
              </Link>
            ),
          },
          { key: "standard", header: "Standard", cell: (r) => r.standard },
          { key: "provider", header: "Training provider", cell: (r) => r.provider },
          { key: "attempt", header: "Attempt", cell: (r) => r.attemptNumber, numeric: true },
          {
            key: "grade",
            header: "Provisional grade",
            cell: (r) => (r.provisional ? <Tag colour={r.provisional === "Fail" ? "red" : "green"}>{r.provisional}</Tag> : ""),
          },
        ]}
      />
    </>
  );
}
