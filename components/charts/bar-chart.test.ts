import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, chartSummary, type BarChartRow, type BarChartSeries } from "./bar-chart";

const series: BarChartSeries[] = [
  { key: "a", label: "In training", colour: "#1d70b8", pattern: "solid" },
  { key: "b", label: "Gateway", colour: "#00776e", pattern: "dots" },
  { key: "c", label: "Withdrawn", colour: "#505a5f", pattern: "crosshatch" },
];

/** Standard `n`'s row, linked to the list filtered by it (and by status for each value). */
const linkedRow = (n: number, detail: string, values: BarChartRow["values"]): BarChartRow => ({
  key: `s${n}`,
  label: `ST000${n}`,
  detail,
  values,
  href: `/list?standard=s${n}`,
  valueHref: (k) => `/list?standard=s${n}&status=${k}`,
});

const rows: BarChartRow[] = [
  linkedRow(1, "Small standard", { a: 1, b: 2 }),
  linkedRow(2, "Large standard", { a: 10, b: 5 }),
  { key: "s3", label: "ST0003", values: {} },
];

const render = (props: Partial<Parameters<typeof BarChart>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(BarChart, {
      title: "Records by standard and status",
      series,
      rows,
      rowHeader: "Standard",
      rowNoun: "standards",
      seriesNoun: "status",
      ...props,
    }),
  );

describe("BarChart", () => {
  it("is one labelled image with a visible key and a data table alternative", () => {
    const html = render();
    expect(html.match(/role="img"/g)).toHaveLength(1);
    expect(html).toContain(
      'aria-label="Records by standard and status. Stacked bar chart of 18 records across 2 standards. ST0002: 15; ST0001: 3. Use &quot;Show as a table&quot; for the figures by status."',
    );
    expect(html).toContain("<summary");
    expect(html).toContain("Show as a table");
    expect(html).toContain("<table");
    // Key and table columns name only the series that occur; empty rows are left out.
    expect(html).toContain(">In training<");
    expect(html).toContain(">Gateway<");
    expect(html).not.toContain("Withdrawn");
    expect(html).not.toContain("ST0003");
  });

  it("links each figure in the table to the filtered list, with the row and series for screen readers", () => {
    const html = render();
    expect(html).toContain('href="/list?standard=s2&amp;status=a"');
    expect(html).toContain('href="/list?standard=s1"');
    expect(html).toContain('<span class="sr-only"> ST0002 in training</span>');
  });

  it("draws the largest rows first and says when some are only in the table", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ key: `r${i}`, label: `Row ${i}`, values: { a: i + 1 } }));
    const html = render({ rows: many, maxRows: 10 });
    const image = html.slice(html.indexOf('role="img"'), html.indexOf("<details"));
    expect(image.indexOf("Row 11")).toBeLessThan(image.indexOf("Row 10"));
    expect(image).not.toContain("Row 1<");
    expect(image).not.toContain("Row 0<");
    expect(html).toContain("Showing the 10 standards with the most records. The table lists all 12.");
  });

  it("shows the empty message when there is nothing to chart", () => {
    expect(render({ rows: [], empty: "Nothing yet" })).toBe("Nothing yet");
    expect(chartSummary({ title: "T", rows: [], series, rowNoun: "standards" })).toContain("0 records across 0 standards");
  });
});
