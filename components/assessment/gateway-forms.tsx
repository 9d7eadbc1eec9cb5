"use client";

import { useState } from "react";
import { Button, CheckboxField, ErrorSummary, RadioGroup, TextArea, TextField } from "@/components/ui";
import { summaryOf, useAction } from "./use-action";
import {
  closeEvidenceRequestAction,
  removeGatewayEvidenceAction,
  removeSharedDocumentAction,
  requestEvidenceAction,
  reviewGatewayAction,
  submitGatewayAction,
} from "@/lib/assessment/gateway-actions";

export function RemoveEvidenceButton({ fileId, fileName }: { fileId: string; fileName: string }) {
  const { pending, errors, run } = useAction();
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className="mb-0 px-2 py-1 text-sm"
        disabled={pending}
        aria-label={`Remove ${fileName}`}
        onClick={() => {
          if (window.confirm(`Remove ${fileName} from the gateway evidence?`)) run(() => removeGatewayEvidenceAction({ fileId }));
        }}
      >
        {pending ? "Removing…" : "Remove"}
      </Button>
      {errors.form || errors.file ? (
        <p role="alert" className="mt-1 font-bold text-govuk-red">
          {errors.form ?? errors.file}
        </p>
      ) : null}
    </>
  );
}

export function SubmitGatewayForm({ apprenticeId, version }: { apprenticeId: string; version: number }) {
  const { pending, errors, run } = useAction();
  const [confirmReady, setConfirmReady] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => submitGatewayAction({ apprenticeId, version, confirmReady: confirmReady || undefined }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "submit")} />
      <CheckboxField
        id="submit-confirmReady"
        label="The apprentice and the employer agree the apprentice is ready for end-point assessment"
        error={errors.confirmReady}
        checked={confirmReady}
        onChange={(e) => setConfirmReady(e.currentTarget.checked)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Submitting…" : "Submit gateway to the EPAO"}
      </Button>
    </form>
  );
}

type ReviewItem = { itemId: string; title: string; fileCount: number };

export function ReviewGatewayForm({ submissionId, items }: { submissionId: string; items: ReviewItem[] }) {
  const { pending, errors, run } = useAction();
  const [decision, setDecision] = useState<"" | "approve" | "reject">("");
  const [rejected, setRejected] = useState<Record<string, string | undefined>>({});
  const [note, setNote] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const rejections = Object.entries(rejected)
          .filter(([, reason]) => reason !== undefined)
          .map(([itemId, reason]) => ({ itemId, reason: reason ?? "" }));
        run(() => reviewGatewayAction({ submissionId, decision: decision || undefined, rejections, note: note || undefined }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "review")} />
      <RadioGroup
        legend="Your decision"
        idPrefix="review-decision"
        name="decision"
        error={errors.decision}
        options={[
          { value: "approve", label: "Approve: the apprentice is ready for end-point assessment" },
          { value: "reject", label: "Reject: the provider needs to fix some evidence" },
        ]}
        value={decision}
        onChange={(e) => setDecision(e.currentTarget.value as "approve" | "reject")}
      />
      {decision === "reject" ? (
        <fieldset className="mb-6 border-l-4 border-govuk-border pl-4" aria-describedby={errors.rejections ? "review-rejections-error" : undefined}>
          <legend className="mb-2 text-lg font-bold">Which items need fixing?</legend>
          {errors.rejections ? (
            <p id="review-rejections-error" className="mb-2 font-bold text-govuk-red">
              <span className="sr-only">Error:</span> {errors.rejections}
            </p>
          ) : null}
          <div id="review-rejections" tabIndex={-1}>
            {items.map((item) => {
              const checked = rejected[item.itemId] !== undefined;
              return (
                <div key={item.itemId} className="mb-4">
                  <CheckboxField
                    id={`reject-${item.itemId}`}
                    label={`${item.title} (${item.fileCount} ${item.fileCount === 1 ? "file" : "files"})`}
                    checked={checked}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setRejected((r) => ({ ...r, [item.itemId]: on ? "" : undefined }));
                    }}
                  />
                  {checked ? (
                    <TextArea
                      id={`reason-${item.itemId}`}
                      label={`Why is "${item.title}" rejected?`}
                      rows={2}
                      value={rejected[item.itemId] ?? ""}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setRejected((r) => ({ ...r, [item.itemId]: value }));
                      }}
                    />
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      <TextArea
        id="review-note"
        label="Note to the training provider (optional)"
        rows={3}
        error={errors.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Record decision"}
      </Button>
    </form>
  );
}

export function RequestEvidenceForm({ apprenticeId, today }: { apprenticeId: string; today: string }) {
  const { pending, errors, message, run } = useAction();
  const [values, setValues] = useState({ message: "", dueDate: "" });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => requestEvidenceAction({ apprenticeId, ...values }),
          () => setValues({ message: "", dueDate: "" }),
        );
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "request")} />
      {message ? (
        <p role="status" className="mb-4 font-bold text-govuk-dark-green">
          {message}
        </p>
      ) : null}
      <TextArea
        id="request-message"
        label="What evidence do you need?"
        rows={3}
        error={errors.message}
        value={values.message}
        onChange={(e) => setValues({ ...values, message: e.currentTarget.value })}
      />
      <TextField
        id="request-dueDate"
        type="date"
        label="Due date"
        min={today}
        width="10"
        error={errors.dueDate}
        value={values.dueDate}
        onChange={(e) => setValues({ ...values, dueDate: e.currentTarget.value })}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Request evidence"}
      </Button>
    </form>
  );
}

export function CloseRequestButton({ requestId }: { requestId: string }) {
  const { pending, errors, run } = useAction();
  return (
    <>
      <Button type="button" variant="secondary" className="mb-0" disabled={pending} onClick={() => run(() => closeEvidenceRequestAction({ requestId }))}>
        {pending ? "Closing…" : "Close request"}
      </Button>
      {errors.form ? <p className="mt-1 font-bold text-govuk-red">{errors.form}</p> : null}
    </>
  );
}

export function RemoveDocumentButton({ documentId, title }: { documentId: string; title: string }) {
  const { pending, errors, run } = useAction();
  return (
    <>
      <Button
        type="button"
        variant="warning"
        className="mb-0 px-2 py-1 text-sm"
        disabled={pending}
        aria-label={`Stop sharing ${title}`}
        onClick={() => {
          if (window.confirm(`Stop sharing "${title}"? Providers and assessors will no longer see it.`)) run(() => removeSharedDocumentAction({ documentId }));
        }}
      >
        {pending ? "Removing…" : "Stop sharing"}
      </Button>
      {errors.form ? <p className="mt-1 font-bold text-govuk-red">{errors.form}</p> : null}
    </>
  );
}
