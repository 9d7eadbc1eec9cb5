import type { Metadata } from "next";
import { EmptyState, PageHeading, Tag } from "@/components/ui";
import { EvidenceRequestsSection } from "@/components/queues/evidence-requests";
import { QueueSection, ulnColumn } from "@/components/queues/queue-section";
import { openEvidenceRequests, gatewayReminders, gatewaysToFix } from "@/lib/assessment";
import { requireArea } from "@/lib/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { londonToday } from "@/lib/calendar";

export const metadata: Metadata = { title: "Gateway" };

/** The provider's gateway work: evidence the EPAO asked for, rejected gateways to fix, and records near gateway with evidence missing. */
export default async function ProviderGatewayPage() {
  const actor = await requireArea("provider");
  const today = londonToday();
  const [requests, toFix, reminders] = await Promise.all([
    openEvidenceRequests(actor),
    gatewaysToFix(actor),
    gatewayReminders(actor, { today, withinDays: 60 }),
  ]);
  const record = (id: string) => `/provider/apprentices/${id}/gateway`;
  return (
    <>
      <PageHeading
        title="Gateway"
        description="Evidence EPAOs have asked for, gateways they sent back, and apprentices due at gateway in the next 60 days whose mandatory evidence is not complete."
      />
      <EvidenceRequestsSection
        heading={`Evidence requested (${requests.total})`}
        caption="Open evidence requests"
        requests={requests}
        today={today}
        recordHref={record}
        party="epao"
      />
      <QueueSection
        heading={`Gateways to fix (${toFix.length})`}
        empty="No rejected gateways."
        caption="Rejected gateways"
        rows={toFix}
        rowKey={(r) => r.apprenticeId}
        link={{ href: (r) => record(r.apprenticeId), text: (r) => r.name }}
        columns={[
          ulnColumn(),
          { key: "round", header: "Round", cell: (r) => r.round, numeric: true },
          { key: "rejected", header: "Rejected", cell: (r) => (r.reviewedAt ? formatDateTime(r.reviewedAt) : "") },
        ]}
      />
      <QueueSection
        heading={`Gateway reminders (${reminders.length})`}
        empty={<EmptyState title="Nothing due">No apprentice is due at gateway in the next 60 days with mandatory evidence missing.</EmptyState>}
        caption="Apprentices due at gateway with evidence missing"
        rows={reminders}
        rowKey={(r) => r.id}
        link={{ href: (r) => record(r.id), text: (r) => r.name }}
        columns={[
          ulnColumn(),
          {
            key: "end",
            header: "Planned end",
            cell: (r) => (r.overdue ? <Tag colour="red">Passed: {formatDate(r.plannedEndDate)}</Tag> : formatDate(r.plannedEndDate)),
          },
          { key: "missing", header: "Missing evidence", cell: (r) => r.missing.join(", ") },
        ]}
      />
    </>
  );
}
