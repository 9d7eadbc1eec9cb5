import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { Table, linkClass, type TableColumn } from "@/components/ui";

/*
 * A horizontal stacked bar chart rendered entirely on the server as plain HTML (flex boxes sized in
 * percentages). Deliberately no chart library and no client JavaScript: dashboards stay server components,
 * nothing is added to the browser bundle, the chart works before (and without) hydration, and it scales
 * with the page and the user's text size.
 *
 * Accessibility: the bars are one `role="img"` with a summary as its accessible name; a visible legend
 * names every series, each series has its own pattern as well as its colour, and "Show as a table" gives
 * every figure (with links) as a real data table. Every fill has at least 4.5:1 contrast with white, and
 * segments are separated by white gaps, so each segment's edge is visible whatever the neighbouring colour.
 */

export type ChartPattern = "solid" | "diagonal" | "dots" | "horizontal" | "reverse-diagonal" | "vertical" | "crosshatch";

export type BarChartSeries = {
  key: string;
  label: string;
  /** A fill with at least 3:1 contrast against white (the chart's background and segment gaps). */
  colour: string;
  pattern: ChartPattern;
};

export type BarChartRow = {
  key: string;
  label: string;
  /** Smaller text under the label, e.g. a standard's title. */
  detail?: string;
  /** Count per series key; missing keys count as 0. */
  values: Record<string, number>;
  /** Where the row's label links to in the table (e.g. the list filtered to it). */
  href?: string;
  /** Where a single figure links to in the table (e.g. filtered by the row and the series). */
  valueHref?: (seriesKey: string) => string;
};

export type BarChartProps = {
  /** Names the chart for assistive technology, e.g. "Records by standard and status". */
  title: string;
  series: BarChartSeries[];
  rows: BarChartRow[];
  /** Column header for the row labels in the table, e.g. "Standard". */
  rowHeader: string;
  /** Plural noun for the rows in the summary, e.g. "standards". */
  rowNoun: string;
  /** Plural noun for what is counted, e.g. "records". */
  unit?: string;
  /** What the series are, for the summary, e.g. "status". */
  seriesNoun?: string;
  /** Bars drawn; the largest rows are kept and the table lists every row. Default 10. */
  maxRows?: number;
  /** Shown when there is nothing to chart. */
  empty?: ReactNode;
  className?: string;
};

const WHITE = "rgba(255,255,255,0.5)";

/** CSS backgrounds that draw each pattern in translucent white over the series colour. */
const PATTERN_BACKGROUNDS: Record<ChartPattern, Pick<CSSProperties, "backgroundImage" | "backgroundSize">> = {
  solid: {},
  diagonal: { backgroundImage: `repeating-linear-gradient(45deg, ${WHITE} 0 2px, transparent 2px 7px)` },
  "reverse-diagonal": { backgroundImage: `repeating-linear-gradient(-45deg, ${WHITE} 0 2px, transparent 2px 7px)` },
  horizontal: { backgroundImage: `repeating-linear-gradient(0deg, ${WHITE} 0 2px, transparent 2px 6px)` },
  vertical: { backgroundImage: `repeating-linear-gradient(90deg, ${WHITE} 0 2px, transparent 2px 6px)` },
  crosshatch: {
    backgroundImage: `repeating-linear-gradient(45deg, ${WHITE} 0 1.5px, transparent 1.5px 7px), repeating-linear-gradient(-45deg, ${WHITE} 0 1.5px, transparent 1.5px 7px)`,
  },
  dots: { backgroundImage: `radial-gradient(circle, ${WHITE} 0 1.6px, transparent 2px)`, backgroundSize: "6px 6px" },
};

function fill(series: BarChartSeries): CSSProperties {
  // Keep the fills when printing and in forced-colours (high contrast) mode, where backgrounds are otherwise dropped.
  return { backgroundColor: series.colour, printColorAdjust: "exact", forcedColorAdjust: "none", ...PATTERN_BACKGROUNDS[series.pattern] };
}

const numberFormat = new Intl.NumberFormat("en-GB");
const fmt = (n: number) => numberFormat.format(n);

function rowTotal(row: BarChartRow, series: BarChartSeries[]): number {
  return series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
}

/** Builds the chart's accessible name: the totals per row, largest first, and where to find the breakdown. */
export function chartSummary({
  title,
  rows,
  series,
  rowNoun,
  unit = "records",
  seriesNoun = "series",
  maxRows = 10,
}: Pick<BarChartProps, "title" | "rows" | "series" | "rowNoun" | "unit" | "seriesNoun" | "maxRows">): string {
  const totals = rows.map((row) => ({ row, total: rowTotal(row, series) })).filter((r) => r.total > 0);
  const grand = totals.reduce((sum, r) => sum + r.total, 0);
  const ranked = [...totals].sort((a, b) => b.total - a.total);
  const shown = ranked.slice(0, maxRows).map(({ row, total }) => `${row.label}: ${fmt(total)}`);
  const more = ranked.length > maxRows ? `; and ${ranked.length - maxRows} more ${rowNoun}` : "";
  return `${title}. Stacked bar chart of ${fmt(grand)} ${unit} across ${ranked.length} ${rowNoun}. ${shown.join("; ")}${more}. Use "Show as a table" for the figures by ${seriesNoun}.`;
}

export function BarChart({ title, series, rows, rowHeader, rowNoun, unit = "records", seriesNoun = "series", maxRows = 10, empty, className }: BarChartProps) {
  const withTotals = rows
    .map((row) => ({ row, total: rowTotal(row, series) }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total);
  if (withTotals.length === 0) return <>{empty ?? <p className="text-govuk-secondary">There is nothing to show yet.</p>}</>;

  // Only series that occur are drawn, listed in the key and given a table column.
  const used = series.filter((s) => withTotals.some(({ row }) => (row.values[s.key] ?? 0) > 0));
  const drawn = withTotals.slice(0, maxRows);
  const max = drawn[0]!.total;
  const hidden = withTotals.length - drawn.length;
  const summary = chartSummary({ title, rows, series: used, rowNoun, unit, seriesNoun, maxRows });

  const columns: TableColumn<{ row: BarChartRow; total: number; isTotal?: boolean }>[] = [
    {
      key: "label",
      header: rowHeader,
      rowHeader: true,
      cell: ({ row, isTotal }) =>
        isTotal ? (
          row.label
        ) : (
          <>
            {row.href ? (
              <Link className={linkClass} href={row.href}>
                {row.label}
              </Link>
            ) : (
              row.label
            )}
            {row.detail ? <span className="block text-sm font-normal text-govuk-secondary">{row.detail}</span> : null}
          </>
        ),
    },
    ...used.map<TableColumn<{ row: BarChartRow; total: number; isTotal?: boolean }>>((s) => ({
      key: s.key,
      header: s.label,
      numeric: true,
      cell: ({ row, isTotal }) => {
        const value = row.values[s.key] ?? 0;
        if (value === 0 || isTotal || !row.valueHref) return fmt(value);
        return (
          <Link className={linkClass} href={row.valueHref(s.key)}>
            {fmt(value)}
            <span className="sr-only">
              {" "}
              {row.label} {s.label.toLowerCase()}
            </span>
          </Link>
        );
      },
    })),
    { key: "__total", header: "Total", numeric: true, cell: ({ total, isTotal }) => (isTotal ? <strong>{fmt(total)}</strong> : fmt(total)) },
  ];
  const totalRow = {
    row: {
      key: "__total",
      label: "Total",
      values: Object.fromEntries(used.map((s) => [s.key, withTotals.reduce((sum, { row }) => sum + (row.values[s.key] ?? 0), 0)])),
    },
    total: withTotals.reduce((sum, r) => sum + r.total, 0),
    isTotal: true,
  };

  return (
    <div className={className}>
      <ul className="mb-4 flex flex-wrap gap-x-5 gap-y-2 text-sm text-govuk-black" aria-label={`Key for ${title.toLowerCase()}`}>
        {used.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-4 shrink-0 border border-white outline outline-1 outline-govuk-black" style={fill(s)} />
            {s.label}
          </li>
        ))}
      </ul>
      <div role="img" aria-label={summary} className="space-y-3">
        {drawn.map(({ row, total }) => (
          <div key={row.key} className="grid gap-1 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)] sm:items-center sm:gap-4">
            <div className="min-w-0 text-sm text-govuk-black">
              <span className="font-bold">{row.label}</span>
              {row.detail ? <span className="block truncate text-govuk-secondary">{row.detail}</span> : null}
            </div>
            <div className="flex min-w-0 items-center gap-2">
              <div className="min-w-0 flex-1">
                <div className="flex h-7" style={{ width: `${Math.max((total / max) * 100, 1)}%` }}>
                  {used.map((s) => {
                    const value = row.values[s.key] ?? 0;
                    if (value === 0) return null;
                    return <div key={s.key} className="h-full min-w-1 border-r-2 border-white last:border-r-0" style={{ ...fill(s), flex: `${value} 1 0` }} />;
                  })}
                </div>
              </div>
              <span className="w-14 shrink-0 text-sm font-bold tabular-nums text-govuk-black">{fmt(total)}</span>
            </div>
          </div>
        ))}
      </div>
      {hidden > 0 ? (
        <p className="mt-3 text-sm text-govuk-secondary">
          Showing the {drawn.length} {rowNoun} with the most {unit}. The table lists all {withTotals.length}.
        </p>
      ) : null}
      <details className="mt-4">
        <summary className="cursor-pointer text-brand-600 underline underline-offset-[0.15em] hover:text-brand-800 hover:decoration-[3px] focus-visible:bg-focus focus-visible:text-govuk-black focus-visible:no-underline">
          Show as a table
        </summary>
        <Table className="mt-4 mb-0" caption={title} captionHidden columns={columns} rows={[...withTotals, totalRow]} rowKey={(r) => r.row.key} />
      </details>
    </div>
  );
}
