import type { openEvidenceRequests } from "@/lib/assessment";
import { QueueSection, overdueDate, type QueueSectionProps } from "./queue-section";

type Requests = Awaited<ReturnType<typeof openEvidenceRequests>>;
type Request = Requests["rows"][number];

/**
 * The open evidence requests queue: who it is for (linking to `recordHref`), the other party (the training provider
 * for the EPAO, the EPAO for the provider), the request, and when it is due.
 */
export function EvidenceRequestsSection({
  requests,
  today,
  recordHref,
  party,
  ...section
}: Pick<QueueSectionProps<Request>, "heading" | "id" | "headingClassName" | "caption"> & {
  requests: Requests;
  today: string;
  recordHref: (apprenticeId: string) => string;
  party: "provider" | "epao";
}) {
  return (
    <QueueSection
      {...section}
      empty="No open evidence requests."
      rows={requests.rows}
      rowKey={(r) => r.id}
      link={{ href: (r) => recordHref(r.apprenticeId), text: (r) => r.name }}
      columns={[
        party === "provider" ? { key: "provider", header: "Training provider", cell: (r) => r.provider } : { key: "epao", header: "EPAO", cell: (r) => r.epao },
        { key: "message", header: "Request", cell: (r) => (r.message.length > 120 ? `${r.message.slice(0, 117)}…` : r.message) },
        { key: "due", header: "Due", cell: (r) => overdueDate(r.dueDate, today, "Overdue") },
      ]}
    />
  );
}
