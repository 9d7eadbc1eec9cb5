"use client";

import {
  getCoreRowModel,
  useReactTable,
  flexRender,
  type ColumnDef,
  type Row,
  type RowSelectionState,
  type Table as TanStackTable,
} from "@tanstack/react-table";
import Link from "next/link";

export type DataTableSort = { href: string; active: "asc" | "desc" | null };

export type DataTableProps<T> = {
  table: TanStackTable<T>;
  caption: string;
  /** Columns that sort: the link to follow and whether the list is sorted by it now. */
  sortFor?: (columnId: string) => DataTableSort | null;
};

/**
 * A TanStack table of one page of rows whose order and paging the server does (from the URL), with rows the user
 * can select where `canSelect` says so. Rows are keyed by their `id`.
 */
export function useSelectableTable<T extends { id: string }>({
  rows,
  columns,
  canSelect,
  selection,
  onSelectionChange,
}: {
  rows: T[];
  columns: ColumnDef<T>[];
  canSelect: (row: Row<T>) => boolean;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState | ((old: RowSelectionState) => RowSelectionState)) => void;
}) {
  // TanStack Table v8 returns fresh functions each render; the components using it are not compiled by React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    enableRowSelection: canSelect,
    state: { rowSelection: selection },
    onRowSelectionChange: onSelectionChange,
  });
}

const checkboxClass = "h-5 w-5 accent-brand-700";

/**
 * The first column of a table whose rows can be selected: a box in the header for all rows on the page, one a row.
 * With `onlySelectable`, rows that cannot be selected have no box (and the header's is off when none can be).
 */
export function selectColumn<T>({
  allLabel,
  rowLabel,
  onlySelectable = false,
}: {
  allLabel: string;
  rowLabel: (row: T) => string;
  onlySelectable?: boolean;
}): ColumnDef<T> {
  return {
    id: "select",
    header: ({ table }) => (
      <input
        type="checkbox"
        className={checkboxClass}
        aria-label={allLabel}
        checked={table.getIsAllRowsSelected()}
        disabled={onlySelectable ? !table.getRowModel().rows.some((r) => r.getCanSelect()) : undefined}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) =>
      onlySelectable && !row.getCanSelect() ? null : (
        <input
          type="checkbox"
          className={checkboxClass}
          aria-label={rowLabel(row.original)}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
  };
}

/**
 * Renders a TanStack table (built by the caller with useReactTable) in the design system's table style:
 * a scrollable, labelled region, a hidden caption, column headers with optional sort links and aria-sort,
 * and selected rows highlighted.
 */
export function DataTable<T>({ table, caption, sortFor }: DataTableProps<T>) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full border-collapse bg-white text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b-2 border-govuk-black">
              {group.headers.map((header) => {
                const sort = sortFor?.(header.column.id) ?? null;
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="px-3 py-3 align-bottom font-bold whitespace-nowrap"
                    aria-sort={sort ? (sort.active === "asc" ? "ascending" : sort.active === "desc" ? "descending" : "none") : undefined}
                  >
                    {sort ? (
                      <Link href={sort.href} className="text-brand-700 underline-offset-2 hover:underline">
                        {content}
                        <span aria-hidden="true" className="ml-1 text-sm">
                          {sort.active === "asc" ? "▲" : sort.active === "desc" ? "▼" : "↕"}
                        </span>
                      </Link>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={`border-b border-govuk-border ${row.getIsSelected() ? "bg-brand-50" : ""}`}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-3 align-top">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
