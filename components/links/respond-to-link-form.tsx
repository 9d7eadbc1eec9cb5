"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, ErrorSummary, RadioGroup, TextArea } from "@/components/ui";
import { respondToLinkAction } from "@/lib/links/actions";
import { respondToLinkSchema, type RespondToLinkInput } from "@/lib/links/schema";

type Props = { linkId: string; version: number; providerName: string };

/** The EPAO's answer to one pending request: accept, or decline with a reason the provider will see. */
export function RespondToLinkForm({ linkId, version, providerName }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RespondToLinkInput>({
    resolver: zodResolver(respondToLinkSchema),
    defaultValues: { linkId, version, declineReason: "" },
  });
  const {
    control,
    register,
    handleSubmit,
    formState: { errors },
  } = form;
  const decision = useWatch({ control, name: "decision" });
  // Several requests can be on one page, so every control's id carries the link id.
  const ids = { decision: `respond-${linkId}-decision`, declineReason: `respond-${linkId}-declineReason` };

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await respondToLinkAction({ ...values, linkId, version });
      if (result.ok) {
        const outcome = result.data.status === "active" ? "accepted" : "declined";
        router.push(`/epao/providers?${outcome}=${encodeURIComponent(providerName)}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  const summary = [
    ...(errors.decision?.message ? [{ field: ids.decision, message: errors.decision.message }] : []),
    ...(errors.declineReason?.message ? [{ field: ids.declineReason, message: errors.declineReason.message }] : []),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <RadioGroup
        legend={`Your response to ${providerName}`}
        idPrefix={ids.decision}
        inline
        options={[
          { value: "accept", label: "Accept" },
          { value: "decline", label: "Decline" },
        ]}
        error={errors.decision?.message}
        {...register("decision")}
      />
      {decision === "decline" ? (
        <TextArea
          id={ids.declineReason}
          label="Reason for declining"
          hint={`${providerName} will see this.`}
          rows={3}
          error={errors.declineReason?.message}
          {...register("declineReason")}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send response"}
      </Button>
    </form>
  );
}
