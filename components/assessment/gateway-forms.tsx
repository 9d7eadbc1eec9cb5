"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { ActionButton, type ActionButtonProps } from "@/components/forms/action-button";
import { ChoiceGroup } from "@/components/forms/choice-group";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { CheckboxField, DateField, RadioGroup, TextArea } from "@/components/ui";
import {
  closeEvidenceRequestAction,
  removeGatewayEvidenceAction,
  removeSharedDocumentAction,
  requestEvidenceAction,
  reviewGatewayAction,
  submitGatewayAction,
} from "@/lib/assessment/gateway-actions";

/** A small button that takes a file off the page after the user confirms. */
function RemoveFileButton({
  label,
  ...props
}: { label: string } & Pick<ActionButtonProps<unknown>, "variant" | "aria-label" | "confirm" | "action" | "problem">) {
  return (
    <ActionButton className="mb-0 px-2 py-1 text-sm" pendingText="Removing…" {...props}>
      {label}
    </ActionButton>
  );
}

export function RemoveEvidenceButton({ fileId, fileName }: { fileId: string; fileName: string }) {
  const confirm = `Remove ${fileName} from the gateway evidence?`;
  return (
    <RemoveFileButton
      label="Remove"
      variant="secondary"
      aria-label={`Remove ${fileName}`}
      confirm={confirm}
      action={() => removeGatewayEvidenceAction({ fileId })}
    />
  );
}

export function RemoveDocumentButton({ documentId, title }: { documentId: string; title: string }) {
  const confirm = `Stop sharing "${title}"? Providers and assessors will no longer see it.`;
  const action = () => removeSharedDocumentAction({ documentId });
  return (
    <RemoveFileButton label="Stop sharing" variant="warning" aria-label={`Stop sharing ${title}`} confirm={confirm} action={action} problem={{ role: null }} />
  );
}

export function SubmitGatewayForm({ apprenticeId, version }: { apprenticeId: string; version: number }) {
  const form = useActionForm({
    defaultValues: { confirmReady: false },
    idPrefix: "submit",
    action: (v) => submitGatewayAction({ apprenticeId, version, confirmReady: v.confirmReady || undefined }),
  });
  return (
    <ActionForm form={form}>
      <CheckboxField label="The apprentice and the employer agree the apprentice is ready for end-point assessment" {...form.field("confirmReady")} />
      <SubmitButton pending={form.pending} pendingText="Submitting…">
        Submit gateway to the EPAO
      </SubmitButton>
    </ActionForm>
  );
}

const REVIEW_DECISIONS = [
  { value: "approve", label: "Approve: the apprentice is ready for end-point assessment" },
  { value: "reject", label: "Reject: the provider needs to fix some evidence" },
];

type ReviewItem = { itemId: string; title: string; fileCount: number };

export function ReviewGatewayForm({ submissionId, items }: { submissionId: string; items: ReviewItem[] }) {
  // Each ticked item's reason (undefined: not ticked).
  const [rejected, setRejected] = useState<Record<string, string | undefined>>({});
  const form = useActionForm({
    defaultValues: { decision: "", note: "" },
    fields: ["decision", "rejections", "note"],
    idPrefix: "review",
    action: (v) => {
      const rejections = Object.entries(rejected)
        .filter(([, reason]) => reason !== undefined)
        .map(([itemId, reason]) => ({ itemId, reason: reason ?? "" }));
      return reviewGatewayAction({ submissionId, decision: v.decision || undefined, rejections, note: v.note || undefined });
    },
  });
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Your decision" options={REVIEW_DECISIONS} {...form.field("decision")} />
      {form.watch("decision") === "reject" ? (
        <ChoiceGroup
          id={form.idFor("rejections")}
          legend="Which items need fixing?"
          error={form.errorFor("rejections")}
          className="mb-6 border-l-4 border-govuk-border pl-4"
          legendClassName="mb-2 text-lg font-bold"
        >
          {items.map((item) => {
            const checked = rejected[item.itemId] !== undefined;
            const set = (reason: string | undefined) => setRejected((r) => ({ ...r, [item.itemId]: reason }));
            return (
              <div key={item.itemId} className="mb-4">
                <CheckboxField
                  id={`reject-${item.itemId}`}
                  label={`${item.title} (${item.fileCount} ${item.fileCount === 1 ? "file" : "files"})`}
                  checked={checked}
                  onChange={(e) => set(e.currentTarget.checked ? "" : undefined)}
                />
                {checked ? (
                  <TextArea
                    id={`reason-${item.itemId}`}
                    label={`Why is "${item.title}" rejected?`}
                    rows={2}
                    value={rejected[item.itemId] ?? ""}
                    onChange={(e) => set(e.currentTarget.value)}
                  />
                ) : null}
              </div>
            );
          })}
        </ChoiceGroup>
      ) : null}
      <TextArea label="Note to the training provider (optional)" rows={3} {...form.field("note")} />
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Record decision
      </SubmitButton>
    </ActionForm>
  );
}

export function RequestEvidenceForm({ apprenticeId, today }: { apprenticeId: string; today: string }) {
  const form = useActionForm({
    defaultValues: { message: "", dueDate: "" },
    idPrefix: "request",
    action: (v) => requestEvidenceAction({ apprenticeId, ...v }),
    resetOnSuccess: true,
  });
  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      <TextArea label="What evidence do you need?" rows={3} {...form.field("message")} />
      <DateField label="Due date" min={today} {...form.field("dueDate")} />
      <SubmitButton variant="secondary" pending={form.pending} pendingText="Sending…">
        Request evidence
      </SubmitButton>
    </ActionForm>
  );
}

export function CloseRequestButton({ requestId }: { requestId: string }) {
  const action = () => closeEvidenceRequestAction({ requestId });
  return (
    <ActionButton variant="secondary" className="mb-0" action={action} pendingText="Closing…" problem={{ role: null }}>
      Close request
    </ActionButton>
  );
}
