import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading, StatCard, StatCardGroup, Table, Tag } from "@/components/ui";
import { BulkConfirmTable } from "@/components/assessment/bulk-confirm";
import { openEvidenceRequests } from "@/lib/assessment/evidence-requests";
import { epaoGradingQueues } from "@/lib/assessment/queues";
import { gatewaysToReview } from "@/lib/assessment/gateway";
import { requireArea } from "@/lib/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { londonToday } from "@/lib/calendar/london";

export const metadata: Metadata = { title: "Assessment" };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

/** The EPAO's assessment queues: gateways to review and the evidence it is waiting for. */
export default async function EpaoAssessmentPage() {
  const actor = await requireArea("epao");
  const today = londonToday();
  const [gateways, requests, grading] = await Promise.all([gatewaysToReview(actor), openEvidenceRequests(actor), epaoGradingQueues(actor)]);
  const nameOf = (r: { givenNames: string; familyName: string }) => `${r.givenNames} ${r.familyName}`;
  const record = (id: string, tab = "gateway") => `/epao/apprentices/${id}/${tab}`;
  return (
    <>
      <PageHeading
        title="Assessment"
        description="What is waiting for your organisation: gateways to review, provisional grades to confirm, resit requests, appeals and evidence requested from training providers."
      />
      <StatCardGroup>
        <StatCard label="Gateways to review" value={gateways.total} href="#gateways" />
        <StatCard label="Grades to confirm" value={grading.toConfirm.total} href="#confirm" />
        <StatCard label="Resit requests" value={grading.resitRequests.total} href="#resits" />
        <StatCard label="Open appeals" value={grading.appeals.total} href="#appeals" />
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
            { key: "provider", header: "Training provider", cell: (r) => r.provider },
            { key: "round", header: "Round", cell: (r) => r.round, numeric: true },
            { key: "submitted", header: "Submitted", cell: (r) => formatDateTime(r.submittedAt) },
          ]}
        />
      )}

      <h2 id="confirm" className="mt-8 mb-3 text-2xl font-bold">
        Provisional grades to confirm
      </h2>
      {grading.toConfirm.rows.length === 0 ? (
        <p className="mb-8">No provisional grade is waiting: every record in EPA still has components to grade, or has been confirmed.</p>
      ) : (
        <BulkConfirmTable
          total={grading.toConfirm.total}
          rows={grading.toConfirm.rows.map((r) => ({
            apprenticeId: r.apprenticeId,
            attemptId: r.attemptId,
            version: r.version,
            name: nameOf(r),
            uln: r.uln,
            standard: r.standard ? `${r.standard.reference} ${r.standard.title}` : "",
            provider: r.providerName ?? "",
            provisional: r.provisional,
            attemptNumber: r.attemptNumber,
          }))}
        />
      )}

      <h2 id="resits" className="mt-8 mb-3 text-2xl font-bold">
        Resit and retake requests
      </h2>
      {grading.resitRequests.rows.length === 0 ? (
        <p className="mb-8">No resit or retake request is waiting.</p>
      ) : (
        <Table
          caption="Resit and retake requests, oldest first"
          captionHidden
          rows={grading.resitRequests.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "name",
              header: "Apprentice",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={record(r.apprenticeId, "assessment")}>
                  {nameOf(r)}
                </Link>
              ),
            },
            {
              key: "kind",
              header: "Request",
              cell: (r) => `${r.kind === "resit" ? "Resit" : "Retake"} of ${r.components.join(", ")} after attempt ${r.attemptNumber}`,
            },
            { key: "provider", header: "Training provider", cell: (r) => r.providerName ?? "" },
            { key: "when", header: "Requested", cell: (r) => formatDateTime(r.requestedAt) },
          ]}
        />
      )}

      <h2 id="appeals" className="mt-8 mb-3 text-2xl font-bold">
        Open appeals
      </h2>
      {grading.appeals.rows.length === 0 ? (
        <p className="mb-8">No appeal is open.</p>
      ) : (
        <Table
          caption="Open appeals, oldest first"
          captionHidden
          rows={grading.appeals.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "name",
              header: "Apprentice",
              rowHeader: true,
              cell: (r) => (
                <Link className={linkClass} href={record(r.apprenticeId, "assessment")}>
                  {nameOf(r)}
                </Link>
              ),
            },
            { key: "grade", header: "Grade appealed", cell: (r) => `${r.grade ?? ""} (attempt ${r.attemptNumber})` },
            { key: "provider", header: "Training provider", cell: (r) => r.providerName ?? "" },
            { key: "when", header: "Lodged", cell: (r) => formatDateTime(r.lodgedAt) },
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
            { key: "provider", header: "Training provider", cell: (r) => r.provider },
            { key: "message", header: "Request", cell: (r) => (r.message.length > 120 ? `${r.message.slice(0, 117)}…` : r.message) },
            { key: "due", header: "Due", cell: (r) => (r.dueDate < today ? <Tag colour="red">Overdue: {formatDate(r.dueDate)}</Tag> : formatDate(r.dueDate)) },
          ]}
        />
      )}
    </>
  );
}
