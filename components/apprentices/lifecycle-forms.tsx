"use client";

import type { ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui";
import { requestEpaoChangeAction, resumeAction, startBreakAction, withdrawAction } from "@/lib/apprentices/actions";
import { breakSchema, changeEpaoSchema, WITHDRAWAL_REASONS, withdrawSchema } from "@/lib/apprentices/schema";

type Common = { id: string; version: number; recordHref: string };

/** The record's action buttons: the action, then "Cancel" back to the record. */
function Actions({ recordHref, children }: { recordHref: string; children: ReactNode }) {
  return (
    <ButtonGroup>
      {children}
      <ButtonLink href={recordHref} variant="secondary">
        Cancel
      </ButtonLink>
    </ButtonGroup>
  );
}

export function BreakForm({ id, version, recordHref }: Common) {
  const { field, summary, pending, submit } = useActionForm({
    schema: breakSchema,
    defaultValues: { id, version, breakStartDate: "", breakExpectedReturnDate: "" },
    fields: ["breakStartDate", "breakExpectedReturnDate"],
    action: startBreakAction,
    redirect: `${recordHref}?done=break`,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <TextField type="date" label="Break start date" width="10" {...field("breakStartDate")} />
      <TextField type="date" label="Expected return date" width="10" {...field("breakExpectedReturnDate")} />
      <Actions recordHref={recordHref}>
        <SubmitButton pending={pending}>Record break in learning</SubmitButton>
      </Actions>
    </form>
  );
}

export function ResumeForm({ id, version, recordHref }: Common) {
  const { pending, summary, run } = useAction();
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={summary()} />
      <p className="mb-6 text-lg">The record goes back to the stage it was at before the break.</p>
      <Actions recordHref={recordHref}>
        <Button type="button" disabled={pending} onClick={() => run(() => resumeAction({ id, version }), { redirect: recordHref })}>
          Confirm return from break
        </Button>
      </Actions>
    </div>
  );
}

export function WithdrawForm({ id, version, recordHref }: Common) {
  const { field, summary, pending, submit } = useActionForm({
    schema: withdrawSchema,
    defaultValues: { id, version, withdrawnDate: "", withdrawalReason: "", details: "" },
    fields: ["withdrawnDate", "withdrawalReason", "details"],
    action: withdrawAction,
    redirect: `${recordHref}?done=withdrawn`,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <TextField type="date" label="Date of withdrawal" width="10" {...field("withdrawnDate")} />
      <RadioGroup legend="Reason" options={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: r }))} {...field("withdrawalReason")} />
      <TextArea label="Details (optional)" {...field("details")} />
      <p className="mb-6">After withdrawal the record is kept but can no longer be changed.</p>
      <Actions recordHref={recordHref}>
        <SubmitButton variant="warning" pending={pending}>
          Withdraw apprentice
        </SubmitButton>
      </Actions>
    </form>
  );
}

export function ChangeEpaoForm({ id, version, recordHref, epaos }: Common & { epaos: { id: string; label: string }[] }) {
  const { field, summary, pending, submit } = useActionForm({
    schema: changeEpaoSchema,
    defaultValues: { id, version, toEpaoId: "", reason: "" },
    fields: ["toEpaoId", "reason"],
    action: requestEpaoChangeAction,
    redirect: `${recordHref}?done=change-requested`,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <SelectField
        label="New EPAO"
        hint="EPAOs you have an active link with for this standard."
        placeholder="Select the new EPAO"
        options={epaos.map((e) => ({ value: e.id, label: e.label }))}
        {...field("toEpaoId")}
      />
      <TextArea label="Reason for the change" {...field("reason")} />
      <Actions recordHref={recordHref}>
        <SubmitButton pending={pending}>Request change of EPAO</SubmitButton>
      </Actions>
    </form>
  );
}
