import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { RecentActivity } from "@/components/activity/recent-activity";
import { formatCount, listHref, relativeDays } from "@/components/dashboard/format";
import { ApprenticeCell, StandardCell } from "@/components/dashboard/record-cells";
import { StatusCards } from "@/components/dashboard/status-cards";
import { STATUS_SERIES } from "@/components/dashboard/status-series";
import { TeamPanel } from "@/components/organisation/team-panel";
import { ButtonLink, EmptyState, PageHeading, Panel, StatCard, StatCardGroup, Table, Tag, linkClass } from "@/components/ui";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/rules";
import { requireArea } from "@/lib/session";
import { GATEWAY_WINDOW_DAYS, LIST_LIMIT, epaoDashboard } from "@/lib/dashboard/service";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "EPAO dashboard" };

const LIST = "/epao/apprentices";
const record = (id: string) => `${LIST}/${id}`;

export default async function EpaoHome() {
  const actor = await requireArea("epao");
  const d = await epaoDashboard(actor);
  const awaitingHref = listHref(LIST, { assessor: "none" });
  const gatewaysHref = listHref(LIST, {
    status: "in_training",
    endFrom: d.upcomingGateways.window.from,
    endTo: d.upcomingGateways.window.to,
    sort: "plannedEndDate",
  });

  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="Dashboard"
        actions={
          <ButtonLink href={LIST} variant="secondary">
            View all apprentices
          </ButtonLink>
        }
      />

      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="mb-4 text-2xl font-bold">
          Waiting for you
        </h2>
        <StatCardGroup>
          <StatCard
            label="Awaiting assignment"
            value={formatCount(d.awaitingAssignment.count)}
            href={awaitingHref}
            hint="No assessor yet (withdrawn records left out)"
          />
          <StatCard
            label="Upcoming gateways"
            value={formatCount(d.upcomingGateways.count)}
            href={gatewaysHref}
            hint={`In training, planned end within ${GATEWAY_WINDOW_DAYS} days`}
          />
          <StatCard
            label="Change of EPAO requests"
            value={formatCount(d.pendingEpaoChanges)}
            href="/epao/apprentices/changes"
            hint="Records providers want to move to you"
          />
          <StatCard label="Link requests" value={formatCount(d.pendingLinkRequests)} href="/epao/providers" hint="Training providers asking to work with you" />
        </StatCardGroup>
      </section>

      {d.total === 0 ? (
        <EmptyState
          className="mb-8"
          title="You have no apprentice records yet"
          action={
            <>
              <ButtonLink href="/epao/providers">Review training provider links</ButtonLink>
              <ButtonLink href="/epao/standards" variant="secondary">
                Check your standards
              </ButtonLink>
            </>
          }
        >
          <p>
            Records appear here when a training provider you are linked with adds an apprentice for one of your standards. Accept link requests from training
            providers and make sure the standards you assess are up to date.
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

          <Panel title="Records by standard and status">
            <BarChart
              title="Records by standard and status"
              rowHeader="Standard"
              rowNoun="standards"
              seriesNoun="status"
              series={STATUS_SERIES}
              rows={d.byStandard.map((s) => ({
                key: s.standardId,
                label: s.reference,
                detail: s.title,
                values: s.byStatus,
                href: listHref(LIST, { standard: s.standardId }),
                valueHref: (status) => listHref(LIST, { standard: s.standardId, status }),
              }))}
            />
          </Panel>

          <Panel
            title="Awaiting assignment"
            actions={
              d.awaitingAssignment.count > 0 ? (
                <Link className={linkClass} href={awaitingHref}>
                  View all {formatCount(d.awaitingAssignment.count)}
                  <span className="sr-only"> records awaiting assignment</span>
                </Link>
              ) : null
            }
          >
            {d.awaitingAssignment.count === 0 ? (
              <p>Every record has an assessor. New records from training providers appear here until you assign them.</p>
            ) : (
              <>
                <p className="mb-4">
                  {d.awaitingAssignment.count > LIST_LIMIT
                    ? `The ${LIST_LIMIT} records that have waited longest for an assessor.`
                    : "Records with no assessor, longest waiting first."}{" "}
                  Assign them from the{" "}
                  <Link className={linkClass} href={awaitingHref}>
                    apprentice list
                  </Link>
                  .
                </p>
                <Table
                  className="mb-0"
                  caption="Records awaiting assignment, longest waiting first"
                  captionHidden
                  rows={d.awaitingAssignment.oldest}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <ApprenticeCell href={record(r.id)} {...r} /> },
                    { key: "standard", header: "Standard", cell: (r) => <StandardCell reference={r.standardReference} title={r.standardTitle} /> },
                    { key: "provider", header: "Training provider", cell: (r) => r.providerName },
                    { key: "status", header: "Status", cell: (r) => <Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag> },
                    { key: "received", header: "Added", cell: (r) => formatDate(r.receivedAt) },
                  ]}
                />
              </>
            )}
          </Panel>

          <Panel
            title="Upcoming gateways"
            actions={
              d.upcomingGateways.count > 0 ? (
                <Link className={linkClass} href={gatewaysHref}>
                  View all {formatCount(d.upcomingGateways.count)}
                  <span className="sr-only"> upcoming gateways</span>
                </Link>
              ) : null
            }
          >
            {d.upcomingGateways.count === 0 ? (
              <p>No records in training have a planned end date in the next {GATEWAY_WINDOW_DAYS} days.</p>
            ) : (
              <>
                <p className="mb-4">
                  Records in training with a planned end date by {formatDate(d.upcomingGateways.window.to)}, soonest first
                  {d.upcomingGateways.count > LIST_LIMIT ? ` (the first ${LIST_LIMIT} of ${formatCount(d.upcomingGateways.count)})` : ""}. Plan assessors and
                  bookings for them.
                </p>
                <Table
                  className="mb-0"
                  caption="Upcoming gateways, soonest first"
                  captionHidden
                  rows={d.upcomingGateways.records}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <ApprenticeCell href={record(r.id)} {...r} /> },
                    { key: "standard", header: "Standard", cell: (r) => <StandardCell reference={r.standardReference} title={r.standardTitle} /> },
                    { key: "provider", header: "Training provider", cell: (r) => r.providerName },
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
