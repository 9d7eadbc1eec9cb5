import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading, StatCard, StatCardGroup, Table, Tag } from "@/components/ui";
import { openEvidenceRequests } from "@/lib/assessment/evidence-requests";
import { gatewaysToReview } from "@/lib/assessment/gateway";
import { requireArea } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Assessment" };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-[#003078]";

/** The EPAO's assessment queues: gateways to review and the evidence it is waiting for. */
export default async function EpaoAssessmentPage() {
  const actor = await requireArea("epao");
  const today = new Date().toISOString().slice(0, 10);
  const [gateways, requests] = await Promise.all([gatewaysToReview(actor), openEvidenceRequests(actor)]);
  const record = (id: string, tab = "gateway") => `/epao/apprentices/${id}/${tab}`;
  return (
    <>
      <PageHeading title="Assessment" description="What is waiting for your organisation: gateways to review and evidence requested from training providers." />
      <StatCardGroup>
        <StatCard label="Gateways to review" value={gateways.total} href="#gateways" />
        <StatCard label="Evidence requests open" value={requests.total} href="#evidence" />
      </StatCardGroup>

      <h2 id="gateways" className="mt-8 mb-3 text-2xl font-bold">
        Gateways to review
      </h2>
      {gateways.rows.length === 0 ? (
        <p className="mb-8">No gateway is waiting for review.</p>
      ) : (
        <Table
          caption="Gateways to review, oldest first"
          captionHidden
          rows={gateways.rows}
          rowKey={(r) => r.submissionId}
          columns={[
            { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <Link className={linkClass} href={record(r.apprenticeId)}>{r.name}</Link> },
            { key: "uln", header: "ULN", cell: (r) => <span className="font-mono">{r.uln}</span> },
            { key: "provider", header: "Training provider", cell: (r) => r.provider },
            { key: "round", header: "Round", cell: (r) => r.round, numeric: true },
            { key: "submitted", header: "Submitted", cell: (r) => formatDateTime(r.submittedAt) },
          ]}
        />
      )}

      <h2 id="evidence" className="mt-8 mb-3 text-2xl font-bold">
        Evidence requested
      </h2>
      {requests.rows.length === 0 ? (
        <p className="mb-8">No open evidence requests.</p>
      ) : (
        <Table
          caption="Open evidence requests, due first"
          captionHidden
          rows={requests.rows}
          rowKey={(r) => r.id}
          columns={[
            { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <Link className={linkClass} href={record(r.apprenticeId)}>{r.name}</Link> },
            { key: "provider", header: "Training provider", cell: (r) => r.provider },
            { key: "message", header: "Request", cell: (r) => (r.message.length > 120 ? `${r.message.slice(0, 117)}…` : r.message) },
            { key: "due", header: "Due", cell: (r) => (r.dueDate < today ? <Tag colour="red">Overdue: {formatDate(r.dueDate)}</Tag> : formatDate(r.dueDate)) },
          ]}
        />
      )}
    </>
  );
}
