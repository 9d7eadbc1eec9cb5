import type { Metadata } from "next";
import { PageHeading, StatCard, StatCardGroup } from "@/components/ui";
import { BulkConfirmTable } from "@/components/assessment/bulk-confirm";
import { EvidenceRequestsSection } from "@/components/queues/evidence-requests";
import { QueueSection, ulnColumn } from "@/components/queues/queue-section";
import { openEvidenceRequests, epaoGradingQueues, gatewaysToReview } from "@/lib/assessment";
import { requireArea } from "@/lib/session";
import { formatDateTime } from "@/lib/format";
import { londonToday } from "@/lib/calendar";

export const metadata: Metadata = { title: "Assessment" };

/** The EPAO's assessment queues: gateways to review and the evidence it is waiting for. */
export default async function EpaoAssessmentPage() {
  const actor = await requireArea("epao");
  const today = londonToday();
  const [gateways, requests, grading] = await Promise.all([gatewaysToReview(actor), openEvidenceRequests(actor), epaoGradingQueues(actor)]);
  const nameOf = (r: { givenNames: string; familyName: string }) => `${r.givenNames} ${r.familyName}`;
  const record = (id: string, tab = "gateway") => `/epao/apprentices/${id}/${tab}`;
  const toGrades = { href: (r: { apprenticeId: string }) => record(r.apprenticeId, "assessment"), text: nameOf };
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

      <QueueSection
        id="gateways"
        heading="Gateways to review"
        headingClassName="mt-8"
        empty="No gateway is waiting for review."
        caption="Gateways to review, oldest first"
        rows={gateways.rows}
        rowKey={(r) => r.submissionId}
        link={{ href: (r) => record(r.apprenticeId), text: (r) => r.name }}
        columns={[
          ulnColumn(),
          { key: "provider", header: "Training provider", cell: (r) => r.provider },
          { key: "round", header: "Round", cell: (r) => r.round, numeric: true },
          { key: "submitted", header: "Submitted", cell: (r) => formatDateTime(r.submittedAt) },
        ]}
      />

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

      <QueueSection
        id="resits"
        heading="Resit and retake requests"
        headingClassName="mt-8"
        empty="No resit or retake request is waiting."
        caption="Resit and retake requests, oldest first"
        rows={grading.resitRequests.rows}
        rowKey={(r) => r.id}
        link={toGrades}
        columns={[
          {
            key: "kind",
            header: "Request",
            cell: (r) => `${r.kind === "resit" ? "Resit" : "Retake"} of ${r.components.join(", ")} after attempt ${r.attemptNumber}`,
          },
          { key: "provider", header: "Training provider", cell: (r) => r.providerName ?? "" },
          { key: "when", header: "Requested", cell: (r) => formatDateTime(r.requestedAt) },
        ]}
      />

      <QueueSection
        id="appeals"
        heading="Open appeals"
        headingClassName="mt-8"
        empty="No appeal is open."
        caption="Open appeals, oldest first"
        rows={grading.appeals.rows}
        rowKey={(r) => r.id}
        link={toGrades}
        columns={[
          { key: "grade", header: "Grade appealed", cell: (r) => `${r.grade ?? ""} (attempt ${r.attemptNumber})` },
          { key: "provider", header: "Training provider", cell: (r) => r.providerName ?? "" },
          { key: "when", header: "Lodged", cell: (r) => formatDateTime(r.lodgedAt) },
        ]}
      />

      <EvidenceRequestsSection
        id="evidence"
        heading="Evidence requested"
        headingClassName="mt-8"
        caption="Open evidence requests, due first"
        requests={requests}
        today={today}
        recordHref={(id) => record(id)}
        party="provider"
      />
    </>
  );
}
