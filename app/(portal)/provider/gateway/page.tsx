import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeading, Table, Tag } from "@/components/ui";
import { openEvidenceRequests } from "@/lib/assessment/evidence-requests";
import { gatewayReminders, gatewaysToFix } from "@/lib/assessment/gateway";
import { requireArea } from "@/lib/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { londonToday } from "@/lib/calendar/london";

export const metadata: Metadata = { title: "Gateway" };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

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
      <h2 className="mb-3 text-2xl font-bold">Evidence requested ({requests.total})</h2>
      {requests.rows.length === 0 ? (
        <p className="mb-8">No open evidence requests.</p>
      ) : (
        <Table
          caption="Open evidence requests"
          captionHidden
          rows={requests.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "name",
              header: "Apprentice",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={record(r.apprenticeId)}>
                  {r.name}
                </Link>
              ),
            },
            { key: "epao", header: "EPAO", cell: (r) => r.epao },
            { key: "message", header: "Request", cell: (r) => (r.message.length > 120 ? `${r.message.slice(0, 117)}…` : r.message) },
            { key: "due", header: "Due", cell: (r) => (r.dueDate < today ? <Tag colour="red">Overdue: {formatDate(r.dueDate)}</Tag> : formatDate(r.dueDate)) },
          ]}
        />
      )}
      <h2 className="mb-3 text-2xl font-bold">Gateways to fix ({toFix.length})</h2>
      {toFix.length === 0 ? (
        <p className="mb-8">No rejected gateways.</p>
      ) : (
        <Table
          caption="Rejected gateways"
          captionHidden
          rows={toFix}
          rowKey={(r) => r.apprenticeId}
          columns={[
            {
              key: "name",
              header: "Apprentice",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={record(r.apprenticeId)}>
                  {r.name}
                </Link>
              ),
            },
            { key: "uln", header: "ULN", cell: (r) => <span className="font-mono">{r.uln}</span> },
            { key: "round", header: "Round", cell: (r) => r.round, numeric: true },
            { key: "rejected", header: "Rejected", cell: (r) => (r.reviewedAt ? formatDateTime(r.reviewedAt) : "") },
          ]}
        />
      )}
      <h2 className="mb-3 text-2xl font-bold">Gateway reminders ({reminders.length})</h2>
      {reminders.length === 0 ? (
        <EmptyState title="Nothing due">No apprentice is due at gateway in the next 60 days with mandatory evidence missing.</EmptyState>
      ) : (
        <Table
          caption="Apprentices due at gateway with evidence missing"
          captionHidden
          rows={reminders}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "name",
              header: "Apprentice",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={record(r.id)}>
                  {r.name}
                </Link>
              ),
            },
            { key: "uln", header: "ULN", cell: (r) => <span className="font-mono">{r.uln}</span> },
            {
              key: "end",
              header: "Planned end",
              cell: (r) => (r.overdue ? <Tag colour="red">Passed: {formatDate(r.plannedEndDate)}</Tag> : formatDate(r.plannedEndDate)),
            },
            { key: "missing", header: "Missing evidence", cell: (r) => r.missing.join(", ") },
          ]}
        />
      )}
    </>
  );
}
