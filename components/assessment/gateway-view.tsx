import Link from "next/link";
import { NameCell, NotificationBanner, PageHeading, Panel, Table, Tag } from "@/components/ui";
import { evidenceRequestsFor, gatewayOverview } from "@/lib/assessment";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";
import type { ApprenticeDetail } from "@/lib/apprentices";
import { formatBytes, formatDate, formatDateTime } from "@/lib/format";
import { maxUploadBytes } from "@/lib/storage";
import { FileUploadForm } from "./file-upload-form";
import { CloseRequestButton, RemoveEvidenceButton, RequestEvidenceForm, ReviewGatewayForm, SubmitGatewayForm } from "./gateway-forms";
import { RecordTabs } from "./record-tabs";
import { londonToday } from "@/lib/calendar";

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";
const ROUND_COLOURS = { submitted: "blue", approved: "green", rejected: "red" } as const;
const ROUND_LABELS = { submitted: "Waiting for review", approved: "Approved", rejected: "Rejected" } as const;
const REQUEST_COLOURS = { open: "yellow", answered: "blue", closed: "grey" } as const;
const REQUEST_LABELS = { open: "Waiting for the provider", answered: "Answered", closed: "Closed" } as const;

function FileLink({ id, fileName, size }: { id: string; fileName: string; size?: number }) {
  return (
    <>
      <a className={linkClass} href={`/files/evidence/${id}`} target="_blank" rel="noopener">
        {fileName}
      </a>
      {size !== undefined ? <span className="text-govuk-secondary"> ({formatBytes(size)})</span> : null}
    </>
  );
}

/**
 * The gateway of one record for whoever may see it. Providers upload evidence, remove files and submit; EPAO users
 * review the open round and ask for more evidence; assessors read. Every round is listed with its decision.
 */
export async function GatewayView({ actor, detail, basePath }: { actor: UserActor; detail: ApprenticeDetail; basePath: string }) {
  const { record: r, standard } = detail;
  const [gateway, requests] = await Promise.all([gatewayOverview(actor, r.id), evidenceRequestsFor(actor, r.id)]);
  const isProvider = can(actor, "assessment.provide");
  const isEpao = can(actor, "assessment.manage");
  const editable = isProvider && r.status === "in_training";
  const href = `${basePath}/${r.id}`;
  const maxBytes = maxUploadBytes();
  const today = londonToday();

  return (
    <>
      <PageHeading
        caption={`${standard.reference} ${standard.title} · Level ${standard.level}`}
        title={`${r.givenNames} ${r.familyName}`}
        actions={<Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag>}
      />
      <RecordTabs href={href} current="gateway" />

      {gateway.lastRejection && r.status === "in_training" ? (
        <NotificationBanner title={`Gateway round ${gateway.lastRejection.round} was rejected`}>
          <p className="mb-2">
            {gateway.lastRejection.reviewedBy ?? "The EPAO"} rejected the gateway on {formatDateTime(gateway.lastRejection.reviewedAt!)}.
            {isProvider ? " Fix the items below and submit again." : ""}
          </p>
          <ul className="list-disc pl-6">
            {gateway.lastRejection.items
              .filter((i) => i.decision === "rejected")
              .map((i) => (
                <li key={i.itemId}>
                  <strong>{i.title}:</strong> {i.reason}
                </li>
              ))}
          </ul>
          {gateway.lastRejection.reviewNote ? <p className="mt-2">Note: {gateway.lastRejection.reviewNote}</p> : null}
        </NotificationBanner>
      ) : null}
      {gateway.openRound ? (
        <NotificationBanner title={`Gateway round ${gateway.openRound.round} is waiting for the EPAO's review`}>
          <p>
            Submitted by {gateway.openRound.submittedBy ?? "the provider"} on {formatDateTime(gateway.openRound.submittedAt)}. The evidence cannot change until
            the EPAO decides.
          </p>
        </NotificationBanner>
      ) : null}

      <Table
        caption="Gateway checklist"
        rows={gateway.items}
        rowKey={(i) => i.id}
        columns={[
          {
            key: "item",
            header: "Evidence",
            rowHeader: true,
            cell: (i) => <NameCell name={i.title} detail={i.guidance} />,
          },
          { key: "required", header: "Required", cell: (i) => (i.mandatory ? "Mandatory" : "Optional") },
          {
            key: "files",
            header: "Files",
            cell: (i) =>
              i.files.length === 0 ? (
                i.mandatory ? (
                  <Tag colour="red">Missing</Tag>
                ) : (
                  <span className="text-govuk-secondary">None</span>
                )
              ) : (
                <ul className="flex flex-col gap-2">
                  {i.files.map((f) => (
                    <li key={f.id} className="flex flex-wrap items-center gap-2">
                      <span>
                        <FileLink id={f.id} fileName={f.fileName} size={f.size} />
                        <span className="block text-sm text-govuk-secondary">
                          {f.uploadedBy ?? "Uploaded"} · {formatDateTime(f.uploadedAt)}
                        </span>
                      </span>
                      {editable ? <RemoveEvidenceButton fileId={f.id} fileName={f.fileName} /> : null}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />

      {editable ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Panel title="Upload evidence">
            <FileUploadForm
              action={`/files/gateway/${r.id}`}
              idPrefix="evidence"
              label="Files"
              hint="Choose one or more files for the item."
              submitLabel="Upload evidence"
              multiple
              maxBytes={maxBytes}
              successMessage="The evidence has been uploaded."
            >
              <div className="mb-6">
                <label htmlFor="evidence-checklistItemId" className="mb-1 block font-bold">
                  Checklist item
                </label>
                <select
                  id="evidence-checklistItemId"
                  name="checklistItemId"
                  className="block min-h-10 w-full max-w-xl border-2 border-govuk-black bg-white px-2 py-1.5"
                  defaultValue=""
                >
                  <option value="" disabled>
                    Choose the item this evidence is for
                  </option>
                  {gateway.items.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.title}
                      {i.mandatory ? "" : " (optional)"}
                    </option>
                  ))}
                </select>
              </div>
            </FileUploadForm>
          </Panel>
          <Panel title="Submit the gateway">
            {gateway.canSubmit.ok ? (
              <>
                <p className="mb-4">
                  Every mandatory item has evidence. Submitting sends the evidence to {detail.epao.name} for review; it cannot change until they decide.
                </p>
                <SubmitGatewayForm apprenticeId={r.id} version={gateway.record.version} />
              </>
            ) : (
              <>
                <p className="mb-2 font-bold">Not ready to submit yet.</p>
                {gateway.missing.length > 0 ? (
                  <>
                    <p className="mb-2">Still missing:</p>
                    <ul className="list-disc pl-6">
                      {gateway.missing.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>{gateway.canSubmit.reason}</p>
                )}
              </>
            )}
          </Panel>
        </div>
      ) : null}

      {isEpao && gateway.openRound ? (
        <Panel title={`Review gateway round ${gateway.openRound.round}`}>
          <ReviewGatewayForm
            submissionId={gateway.openRound.id}
            items={gateway.openRound.items.map((i) => ({ itemId: i.itemId, title: i.title, fileCount: i.files.length }))}
          />
        </Panel>
      ) : null}

      <h2 className="mt-10 mb-3 text-2xl font-bold">Gateway rounds</h2>
      {gateway.rounds.length === 0 ? (
        <p className="mb-8">The gateway has not been submitted yet.</p>
      ) : (
        gateway.rounds.map((round) => (
          <section key={round.id} aria-labelledby={`round-${round.round}`} className="mb-6 border border-govuk-border bg-white p-4">
            <h3 id={`round-${round.round}`} className="mb-2 flex flex-wrap items-center gap-3 text-xl font-bold">
              Round {round.round} <Tag colour={ROUND_COLOURS[round.status]}>{ROUND_LABELS[round.status]}</Tag>
            </h3>
            <p className="mb-3 text-govuk-secondary">
              Submitted {formatDateTime(round.submittedAt)} by {round.submittedBy ?? "the provider"}
              {round.reviewedAt ? ` · decided ${formatDateTime(round.reviewedAt)} by ${round.reviewedBy ?? "the EPAO"}` : ""}
            </p>
            <ul className="flex flex-col gap-2">
              {round.items.map((i) => (
                <li key={i.itemId}>
                  <strong>{i.title}</strong>
                  {i.decision === "rejected" ? (
                    <>
                      {" "}
                      <Tag colour="red" className="ml-2">
                        Rejected
                      </Tag>{" "}
                      <span className="text-govuk-red">{i.reason}</span>
                    </>
                  ) : null}
                  {i.files.length > 0 ? (
                    <ul className="ml-6 list-disc">
                      {i.files.map((f) => (
                        <li key={f.id}>
                          <FileLink id={f.id} fileName={f.fileName} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-govuk-secondary"> (no files)</span>
                  )}
                </li>
              ))}
            </ul>
            {round.reviewNote ? <p className="mt-3">Note from the EPAO: {round.reviewNote}</p> : null}
          </section>
        ))
      )}

      <h2 className="mt-10 mb-3 text-2xl font-bold">Evidence requests</h2>
      {requests.length === 0 ? <p className="mb-6">No evidence has been requested.</p> : null}
      {requests.map((q) => (
        <section key={q.id} aria-label={`Evidence request of ${formatDate(q.requestedAt)}`} className="mb-6 border border-govuk-border bg-white p-4">
          <p className="mb-2 flex flex-wrap items-center gap-3">
            <Tag colour={REQUEST_COLOURS[q.status]}>{REQUEST_LABELS[q.status]}</Tag>
            <span>
              Requested by {q.requestedBy ?? "the EPAO"} on {formatDateTime(q.requestedAt)} · due {formatDate(q.dueDate)}
              {q.status === "open" && q.dueDate < today ? <strong className="text-govuk-red"> (overdue)</strong> : null}
            </span>
          </p>
          <p className="mb-3 whitespace-pre-line">{q.message}</p>
          {q.files.length > 0 ? (
            <div className="mb-3">
              <p className="font-bold">
                Answered {q.answeredAt ? formatDateTime(q.answeredAt) : ""} by {q.answeredBy ?? "the provider"}
              </p>
              {q.answerNote ? <p className="mb-1">{q.answerNote}</p> : null}
              <ul className="ml-6 list-disc">
                {q.files.map((f) => (
                  <li key={f.id}>
                    <FileLink id={f.id} fileName={f.fileName} size={f.size} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {isProvider && q.status === "open" ? (
            <FileUploadForm
              action={`/files/evidence-requests/${q.id}`}
              idPrefix={`answer-${q.id.slice(0, 8)}`}
              label="Files"
              hint="The evidence asked for."
              submitLabel="Send evidence"
              multiple
              maxBytes={maxBytes}
              successMessage="The evidence has been sent to the EPAO."
            >
              <div className="mb-4">
                <label htmlFor={`answer-${q.id.slice(0, 8)}-note`} className="mb-1 block font-bold">
                  Note (optional)
                </label>
                <textarea id={`answer-${q.id.slice(0, 8)}-note`} name="note" rows={2} className="block w-full border-2 border-govuk-black p-2" />
              </div>
            </FileUploadForm>
          ) : null}
          {isEpao && q.status !== "closed" ? <CloseRequestButton requestId={q.id} /> : null}
        </section>
      ))}
      {isEpao && r.status !== "withdrawn" ? (
        <Panel title="Request more evidence">
          <RequestEvidenceForm apprenticeId={r.id} today={today} />
        </Panel>
      ) : null}
      <p className="mt-8">
        <Link className={linkClass} href={href}>
          Back to the record
        </Link>
      </p>
    </>
  );
}
