import { APPRENTICE_STATUSES, type ApprenticeStatus } from "@/lib/domain";
import type { BarChartSeries, ChartPattern } from "@/components/charts/bar-chart";
import { STATUS_LABELS } from "@/lib/apprentices/schema";

/**
 * Chart fills per status, darker shades of the hues in STATUS_COLOURS (the tags) so the chart and the
 * tags read alike. Each has at least 5:1 contrast with white; the pattern tells neighbours apart without colour.
 */
const STATUS_FILLS: Record<ApprenticeStatus, { colour: string; pattern: ChartPattern }> = {
  in_training: { colour: "#1d70b8", pattern: "solid" }, // blue 5.2:1
  on_break: { colour: "#806500", pattern: "diagonal" }, // yellow 5.6:1
  gateway: { colour: "#00776e", pattern: "dots" }, // turquoise 5.4:1
  epa: { colour: "#4c2c92", pattern: "horizontal" }, // purple 10.1:1
  graded: { colour: "#b3460b", pattern: "reverse-diagonal" }, // orange 5.5:1
  certificated: { colour: "#00703c", pattern: "vertical" }, // green 6.2:1
  withdrawn: { colour: "#505a5f", pattern: "crosshatch" }, // grey 7.1:1
};

/** The statuses as chart series, in lifecycle order. */
export const STATUS_SERIES: BarChartSeries[] = APPRENTICE_STATUSES.map((status) => ({ key: status, label: STATUS_LABELS[status], ...STATUS_FILLS[status] }));
