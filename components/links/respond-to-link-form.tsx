"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { RadioGroup, TextArea } from "@/components/ui";
import { respondToLinkAction } from "@/lib/links/actions";
import { respondToLinkSchema, type RespondToLinkInput } from "@/lib/links/schema";

type Props = { linkId: string; version: number; providerName: string };

const DECISIONS = [
  { value: "accept", label: "Accept" },
  { value: "decline", label: "Decline" },
];

/** The EPAO's answer to one pending request: accept, or decline with a reason the provider will see. */
export function RespondToLinkForm({ linkId, version, providerName }: Props) {
  const form = useActionForm<RespondToLinkInput, { status: string }>({
    schema: respondToLinkSchema,
    parsed: true,
    defaultValues: { linkId, version, declineReason: "" },
    fields: ["decision", "declineReason"],
    // Several requests can be on one page, so every control's id carries the link id.
    idPrefix: `respond-${linkId}`,
    action: (values) => respondToLinkAction({ ...values, linkId, version }),
    redirect: (data) => `/epao/providers?${data.status === "active" ? "accepted" : "declined"}=${encodeURIComponent(providerName)}`,
  });
  return (
    <ActionForm form={form} className="max-w-xl">
      <RadioGroup legend={`Your response to ${providerName}`} inline options={DECISIONS} {...form.field("decision")} />
      {form.watch("decision") === "decline" ? (
        <TextArea label="Reason for declining" hint={`${providerName} will see this.`} rows={3} {...form.field("declineReason")} />
      ) : null}
      <SubmitButton pending={form.pending} pendingText="Sending…">
        Send response
      </SubmitButton>
    </ActionForm>
  );
}
