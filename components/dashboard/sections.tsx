import type { ReactNode } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { RecentActivity } from "@/components/activity/recent-activity";
import { TeamPanel } from "@/components/organisation/team-panel";
import { EmptyState, PageHeading, Panel } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import type { StatusCounts } from "@/lib/dashboard";
import { listHref } from "./format";
import { StatusCards } from "./status-cards";
import { STATUS_SERIES } from "./status-series";

/** The "Records by status" section: a card per status linking to the list filtered to it. */
export function RecordsByStatus({ listPath, total, byStatus }: { listPath: string; total: number; byStatus: StatusCounts }) {
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading" className="mb-4 text-2xl font-bold">
        Records by status
      </h2>
      <StatusCards listPath={listPath} total={total} byStatus={byStatus} />
    </section>
  );
}

export type BreakdownGroup = { key: string; label: string; detail?: string; byStatus: StatusCounts };

/**
 * A panel charting the records of each group (a standard, an EPAO) by status; each group and each figure link to
 * the list filtered by `filter` (the group's key) and the status.
 */
export function StatusBreakdownPanel({
  title,
  rowHeader,
  rowNoun,
  listPath,
  filter,
  groups,
}: {
  title: string;
  rowHeader: string;
  rowNoun: string;
  listPath: string;
  filter: string;
  groups: BreakdownGroup[];
}) {
  return (
    <Panel title={title}>
      <BarChart
        title={title}
        rowHeader={rowHeader}
        rowNoun={rowNoun}
        seriesNoun="status"
        series={STATUS_SERIES}
        rows={groups.map((g) => ({
          key: g.key,
          label: g.label,
          detail: g.detail,
          values: g.byStatus,
          href: listHref(listPath, { [filter]: g.key }),
          valueHref: (status) => listHref(listPath, { [filter]: g.key, status }),
        }))}
      />
    </Panel>
  );
}

/** What a dashboard shows in place of its figures while the organisation has no apprentice records. */
export function NoRecordsYet({ action, children }: { action: ReactNode; children: ReactNode }) {
  return (
    <EmptyState className="mb-8" title="You have no apprentice records yet" action={action}>
      {children}
    </EmptyState>
  );
}

/** The foot of a dashboard: the organisation's team and its recent activity, side by side. */
export function TeamAndActivity({ actor }: { actor: UserActor }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <TeamPanel actor={actor} />
      <RecentActivity actor={actor} />
    </div>
  );
}

export type DashboardChart = { title: string; rowHeader: string; rowNoun: string; filter: string };

/**
 * The frame of an organisation's apprentice dashboard: the heading, what comes first (`lead`), then either `none`
 * (no records yet) or the records by status, the chart of records per group and the dashboard's own panels
 * (`children`), and the team and recent activity at the foot.
 */
export function ApprenticeDashboard({
  actor,
  actions,
  lead,
  none,
  listPath,
  counts,
  chart,
  groups,
  children,
}: {
  actor: UserActor;
  actions: ReactNode;
  lead?: ReactNode;
  none: ReactNode;
  listPath: string;
  counts: { total: number; byStatus: StatusCounts };
  chart: DashboardChart;
  groups: BreakdownGroup[];
  children: ReactNode;
}) {
  return (
    <>
      <PageHeading caption={actor.organisationName} title="Dashboard" actions={actions} />
      {lead}
      {counts.total === 0 ? (
        none
      ) : (
        <>
          <RecordsByStatus listPath={listPath} total={counts.total} byStatus={counts.byStatus} />
          <StatusBreakdownPanel {...chart} listPath={listPath} groups={groups} />
          {children}
        </>
      )}
      <TeamAndActivity actor={actor} />
    </>
  );
}
