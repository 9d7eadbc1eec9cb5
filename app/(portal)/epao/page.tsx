import type { Metadata } from "next";
import Link from "next/link";
import { endingWithinHref, formatCount, listHref } from "@/components/dashboard/format";
import { PlannedEndsPanel, RecordListPanel, ViewAllLink, recordColumns } from "@/components/dashboard/record-list-panel";
import { ApprenticeDashboard, NoRecordsYet } from "@/components/dashboard/sections";
import { ButtonLink, StatCard, StatCardGroup, Tag, linkClass } from "@/components/ui";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";
import { requireArea } from "@/lib/session";
import { GATEWAY_WINDOW_DAYS, LIST_LIMIT, epaoDashboard, type AwaitingAssignmentRecord } from "@/lib/dashboard";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "EPAO dashboard" };

const LIST = "/epao/apprentices";

export default async function EpaoHome() {
  const actor = await requireArea("epao");
  const d = await epaoDashboard(actor);
  const awaitingHref = listHref(LIST, { assessor: "none" });
  const gatewaysHref = endingWithinHref(LIST, d.upcomingGateways.window);

  return (
    <ApprenticeDashboard
      actor={actor}
      actions={
        <ButtonLink href={LIST} variant="secondary">
          View all apprentices
        </ButtonLink>
      }
      lead={
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
            <StatCard
              label="Link requests"
              value={formatCount(d.pendingLinkRequests)}
              href="/epao/providers"
              hint="Training providers asking to work with you"
            />
          </StatCardGroup>
        </section>
      }
      none={
        <NoRecordsYet
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
        </NoRecordsYet>
      }
      listPath={LIST}
      counts={d}
      chart={{ title: "Records by standard and status", rowHeader: "Standard", rowNoun: "standards", filter: "standard" }}
      groups={d.byStandard.map((s) => ({ key: s.standardId, label: s.reference, detail: s.title, byStatus: s.byStatus }))}
    >
      <RecordListPanel<AwaitingAssignmentRecord>
        title="Awaiting assignment"
        actions={
          d.awaitingAssignment.count > 0 ? <ViewAllLink href={awaitingHref} count={d.awaitingAssignment.count} what="records awaiting assignment" /> : null
        }
        count={d.awaitingAssignment.count}
        empty="Every record has an assessor. New records from training providers appear here until you assign them."
        intro={
          <>
            {d.awaitingAssignment.count > LIST_LIMIT
              ? `The ${LIST_LIMIT} records that have waited longest for an assessor.`
              : "Records with no assessor, longest waiting first."}{" "}
            Assign them from the{" "}
            <Link className={linkClass} href={awaitingHref}>
              apprentice list
            </Link>
            .
          </>
        }
        caption="Records awaiting assignment, longest waiting first"
        rows={d.awaitingAssignment.oldest}
        columns={[
          ...recordColumns<AwaitingAssignmentRecord>(LIST, "provider"),
          { key: "status", header: "Status", cell: (r) => <Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag> },
          { key: "received", header: "Added", cell: (r) => formatDate(r.receivedAt) },
        ]}
      />

      <PlannedEndsPanel viewer="epao" listPath={LIST} list={d.upcomingGateways} />
    </ApprenticeDashboard>
  );
}
