"use client";

import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button, ErrorSummary, SelectField, Tag, linkClass } from "@/components/ui";
import { DataTable, selectColumn, useSelectableTable } from "@/components/ui/data-table";
import type { ApprenticeStatus } from "@/lib/domain";
import { assignAction, assignMatchingAction } from "@/lib/apprentices/actions";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";

export type TableRow = {
  id: string;
  uln: string;
  givenNames: string;
  familyName: string;
  status: ApprenticeStatus;
  startDate: string;
  plannedEndDate: string;
  standardReference: string;
  standardTitle: string;
  standardVersion: string;
  providerName: string;
  epaoName: string;
  assessorName: string | null;
};

type Props = {
  rows: TableRow[];
  basePath: string;
  recordPath: string;
  /** The current URL query without sort/dir/page, so sorting keeps the filters. */
  query: string;
  sort: string;
  dir: "asc" | "desc";
  show: { provider: boolean; epao: boolean; assessor: boolean };
  /** EPAO users: bulk-assign selected rows to one of these assessors. */
  assessors?: { id: string; label: string }[];
  caption: string;
  /** The whole current query (filters, sort and page), to come back to after a bulk action. */
  currentQuery: string;
  /** How many records match the filters across all pages (for "assign all matching"). */
  total: number;
};

const SORTABLE: Record<string, string> = {
  name: "familyName",
  uln: "uln",
  standard: "standard",
  status: "status",
  startDate: "startDate",
  plannedEndDate: "plannedEndDate",
};

function formatDate(iso: string) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function ApprenticeTable({ rows, basePath, recordPath, query, currentQuery, sort, dir, show, assessors, caption, total }: Props) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [assessorId, setAssessorId] = useState("");
  const [allMatching, setAllMatching] = useState(false);
  const { pending, summary, run, fail } = useAction();
  const selectable = Boolean(assessors);

  const columns = useMemo<ColumnDef<TableRow>[]>(() => {
    const cols: ColumnDef<TableRow>[] = [];
    if (selectable) {
      cols.push(selectColumn({ allLabel: "Select all records on this page", rowLabel: (r) => `Select ${r.givenNames} ${r.familyName}` }));
    }
    cols.push(
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <Link className={`${linkClass} font-bold`} href={`${recordPath}/${row.original.id}`}>
            {row.original.familyName}, {row.original.givenNames}
          </Link>
        ),
      },
      { id: "uln", header: "ULN", cell: ({ row }) => <span className="font-mono">{row.original.uln}</span> },
      {
        id: "standard",
        header: "Standard",
        cell: ({ row }) => (
          <>
            <span className="font-bold">{row.original.standardReference}</span> <span className="text-govuk-secondary">v{row.original.standardVersion}</span>
            <span className="block max-w-56 truncate text-sm text-govuk-secondary" title={row.original.standardTitle}>
              {row.original.standardTitle}
            </span>
          </>
        ),
      },
      { id: "status", header: "Status", cell: ({ row }) => <Tag colour={STATUS_COLOURS[row.original.status]}>{STATUS_LABELS[row.original.status]}</Tag> },
      { id: "startDate", header: "Start", cell: ({ row }) => formatDate(row.original.startDate) },
      { id: "plannedEndDate", header: "Planned end", cell: ({ row }) => formatDate(row.original.plannedEndDate) },
    );
    if (show.provider) cols.push({ id: "provider", header: "Training provider", cell: ({ row }) => row.original.providerName });
    if (show.epao) cols.push({ id: "epao", header: "EPAO", cell: ({ row }) => row.original.epaoName });
    if (show.assessor)
      cols.push({
        id: "assessor",
        header: "Assessor",
        cell: ({ row }) => row.original.assessorName ?? <span className="text-govuk-secondary">Not assigned</span>,
      });
    return cols;
  }, [recordPath, selectable, show.assessor, show.epao, show.provider]);

  const table = useSelectableTable({
    rows,
    columns,
    canSelect: (row) => row.original.status !== "withdrawn",
    selection: rowSelection,
    onSelectionChange: setRowSelection,
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);

  function sortHref(columnId: string) {
    const key = SORTABLE[columnId];
    if (!key) return null;
    const params = new URLSearchParams(query);
    const nextDir = sort === key && dir === "asc" ? "desc" : "asc";
    if (key !== "familyName" || nextDir !== "asc") {
      params.set("sort", key);
      if (nextDir === "desc") params.set("dir", "desc");
    }
    const qs = params.toString();
    return `${basePath}${qs ? `?${qs}` : ""}`;
  }

  function assign() {
    if (!assessorId) return fail({ assessorId: "Select an assessor" });
    const target = assessorId === "none" ? null : assessorId;
    const call = () => (allMatching ? assignMatchingAction({ query, assessorId: target }) : assignAction({ apprenticeIds: selectedIds, assessorId: target }));
    run(call, {
      onSuccess: () => {
        setRowSelection({});
        setAllMatching(false);
      },
      redirect: (data) => {
        const params = new URLSearchParams(currentQuery);
        params.set("assigned", String(data.assigned));
        if (target) params.set("to", target);
        else params.delete("to");
        return `${basePath}?${params.toString()}`;
      },
    });
  }

  return (
    <div>
      <ErrorSummary errors={summary(() => "bulk-assessor")} />
      {selectable ? (
        <div className="mb-4 flex flex-wrap items-end gap-4 rounded border border-govuk-border bg-white p-4" aria-label="Assign selected records" role="group">
          <p className="mb-6 font-bold" aria-live="polite">
            {allMatching ? `All ${total.toLocaleString("en-GB")} matching` : `${selectedIds.length} selected`}
          </p>
          <SelectField
            id="bulk-assessor"
            label="Assign to"
            value={assessorId}
            onChange={(e) => setAssessorId(e.currentTarget.value)}
            placeholder="Choose an assessor"
            options={[...(assessors ?? []).map((a) => ({ value: a.id, label: a.label })), { value: "none", label: "Nobody (unassign)" }]}
            groupClassName="mb-0"
          />
          <Button type="button" className="mb-6" disabled={pending || (!allMatching && selectedIds.length === 0)} onClick={assign}>
            {pending
              ? "Assigning…"
              : allMatching
                ? `Assign all ${total.toLocaleString("en-GB")} matching`
                : `Assign ${selectedIds.length || ""} selected`.replace("  ", " ")}
          </Button>
          {total > rows.length ? (
            <label className="mb-6 flex items-center gap-2">
              <input type="checkbox" className="h-5 w-5 accent-brand-700" checked={allMatching} onChange={(e) => setAllMatching(e.currentTarget.checked)} />
              Apply to all {total.toLocaleString("en-GB")} records matching the filters, not just this page
            </label>
          ) : null}
        </div>
      ) : null}
      <DataTable
        table={table}
        caption={caption}
        sortFor={(columnId) => {
          const href = sortHref(columnId);
          return href ? { href, active: SORTABLE[columnId] === sort ? dir : null } : null;
        }}
      />
    </div>
  );
}
