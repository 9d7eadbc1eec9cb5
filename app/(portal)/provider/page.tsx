import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { RecentActivity } from "@/components/activity/recent-activity";
import { formatCount, listHref, relativeDays } from "@/components/dashboard/format";
import { ApprenticeCell, StandardCell } from "@/components/dashboard/record-cells";
import { StatusCards } from "@/components/dashboard/status-cards";
import { STATUS_SERIES } from "@/components/dashboard/status-series";
import { TeamPanel } from "@/components/organisation/team-panel";
import { ButtonLink, EmptyState, PageHeading, Panel, Table, Tag, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { BREAK_RETURN_WINDOW_DAYS, GATEWAY_WINDOW_DAYS, LIST_LIMIT, providerDashboard } from "@/lib/dashboard/service";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Provider dashboard" };

const LIST = "/provider/apprentices";
const record = (id: string) => `${LIST}/${id}`;

function returnDue(days: number) {
  return (
    <>
      <span className="block text-sm text-govuk-secondary">due {relativeDays(days)}</span>
      {days < 0 ? (
        <span className="mt-1 block">
          <Tag colour="red">Overdue</Tag>
        </span>
      ) : null}
    </>
  );
}

export default async function ProviderHome() {
  const actor = await requireArea("provider");
  const d = await providerDashboard(actor);
  const breaksHref = listHref(LIST, { status: "on_break" });
  const endingHref = listHref(LIST, {
    status: "in_training",
    endFrom: d.plannedEndsSoon.window.from,
    endTo: d.plannedEndsSoon.window.to,
    sort: "plannedEndDate",
  });

  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Dashboard"
        actions={
          d.total > 0 ? (
            <>
              <ButtonLink href={`${LIST}/new`}>Add an apprentice</ButtonLink>
              <ButtonLink href={`${LIST}/upload`} variant="secondary">
                Upload a CSV file
              </ButtonLink>
            </>
          ) : null
        }
      />

      {d.total === 0 ? (
        <EmptyState
          className="mb-8"
          title="You have no apprentice records yet"
          action={
            <>
              <ButtonLink href={`${LIST}/new`}>Add an apprentice</ButtonLink>
              <ButtonLink href={`${LIST}/upload`} variant="secondary">
                Upload a CSV file
              </ButtonLink>
            </>
          }
        >
          <p>
            Add apprentices one at a time, or many at once from a CSV file. You can add a record for an EPAO you are linked with for that standard; if you are
            not linked yet,{" "}
            <Link className={linkClass} href="/provider/epaos">
              request a link with an EPAO
            </Link>{" "}
            first.
          </p>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading" className="mb-4 text-2xl font-bold">
              Records by status
            </h2>
            <StatusCards listPath={LIST} total={d.total} byStatus={d.byStatus} />
          </section>

          <Panel title="Records by EPAO and status">
            <BarChart
              title="Records by EPAO and status"
              rowHeader="EPAO"
              rowNoun="EPAOs"
              seriesNoun="status"
              series={STATUS_SERIES}
              rows={d.byEpao.map((e) => ({
                key: e.epaoId,
                label: e.name,
                values: e.byStatus,
                href: listHref(LIST, { epao: e.epaoId }),
                valueHref: (status) => listHref(LIST, { epao: e.epaoId, status }),
              }))}
            />
          </Panel>

          <Panel
            title="Breaks in learning"
            actions={
              d.byStatus.on_break > 0 ? (
                <Link className={linkClass} href={breaksHref}>
                  View all records on a break ({formatCount(d.byStatus.on_break)})
                </Link>
              ) : null
            }
          >
            {d.breaksEndingSoon.count === 0 ? (
              <p>
                {d.byStatus.on_break === 0
                  ? "No apprentices are on a break in learning."
                  : `No apprentice on a break is expected back in the next ${BREAK_RETURN_WINDOW_DAYS} days.`}
              </p>
            ) : (
              <>
                <p className="mb-4">
                  Apprentices on a break who were due back already or are due back by {formatDate(d.breaksEndingSoon.window.to)}, most overdue first
                  {d.breaksEndingSoon.count > LIST_LIMIT ? ` (the first ${LIST_LIMIT} of ${formatCount(d.breaksEndingSoon.count)})` : ""}. Record their return,
                  or update the expected return date, on the record.
                </p>
                <Table
                  className="mb-0"
                  caption="Breaks in learning ending soon or overdue, most overdue first"
                  captionHidden
                  rows={d.breaksEndingSoon.records}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <ApprenticeCell href={record(r.id)} {...r} /> },
                    { key: "standard", header: "Standard", cell: (r) => <StandardCell reference={r.standardReference} title={r.standardTitle} /> },
                    { key: "epao", header: "EPAO", cell: (r) => r.epaoName },
                    { key: "start", header: "Break started", cell: (r) => (r.breakStartDate ? formatDate(r.breakStartDate) : "Not recorded") },
                    {
                      key: "return",
                      header: "Expected return",
                      cell: (r) => (
                        <>
                          {formatDate(r.breakExpectedReturnDate)}
                          {returnDue(r.daysToReturn)}
                        </>
                      ),
                    },
                  ]}
                />
              </>
            )}
          </Panel>

          <Panel
            title="Planned end dates soon"
            actions={
              d.plannedEndsSoon.count > 0 ? (
                <Link className={linkClass} href={endingHref}>
                  View all {formatCount(d.plannedEndsSoon.count)}
                  <span className="sr-only"> with planned end dates soon</span>
                </Link>
              ) : null
            }
          >
            {d.plannedEndsSoon.count === 0 ? (
              <p>No apprentices in training have a planned end date in the next {GATEWAY_WINDOW_DAYS} days.</p>
            ) : (
              <>
                <p className="mb-4">
                  Apprentices in training with a planned end date by {formatDate(d.plannedEndsSoon.window.to)}, soonest first
                  {d.plannedEndsSoon.count > LIST_LIMIT ? ` (the first ${LIST_LIMIT} of ${formatCount(d.plannedEndsSoon.count)})` : ""}. Get their gateway
                  evidence ready, or update the planned end date if it has moved.
                </p>
                <Table
                  className="mb-0"
                  caption="Apprentices in training with planned end dates soon, soonest first"
                  captionHidden
                  rows={d.plannedEndsSoon.records}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <ApprenticeCell href={record(r.id)} {...r} /> },
                    { key: "standard", header: "Standard", cell: (r) => <StandardCell reference={r.standardReference} title={r.standardTitle} /> },
                    { key: "epao", header: "EPAO", cell: (r) => r.epaoName },
                    {
                      key: "end",
                      header: "Planned end date",
                      cell: (r) => (
                        <>
                          {formatDate(r.plannedEndDate)}
                          <span className="block text-sm text-govuk-secondary">{relativeDays(r.daysToGo)}</span>
                        </>
                      ),
                    },
                  ]}
                />
              </>
            )}
          </Panel>
        </>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <TeamPanel actor={actor} />
        <RecentActivity actor={actor} />
      </div>
    </>
  );
}
