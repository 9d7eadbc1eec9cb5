"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { useActionForm, type ActionFormOptions } from "@/components/forms/use-action-form";
import { Button, ButtonGroup, ButtonLink, DateField, ErrorSummary, RadioGroup, SelectField, TextArea } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { requestEpaoChangeAction, resumeAction, startBreakAction, withdrawAction } from "@/lib/apprentices/actions";
import { breakSchema, changeEpaoSchema, WITHDRAWAL_REASONS, withdrawSchema } from "@/lib/apprentices/schema";

type Common = { id: string; version: number; recordHref: string };

/** A change to the record: its id and version go with `values`; once done, the record says what happened (`?done=`). */
function useRecordForm<V extends Record<string, string>>(
  { id, version, recordHref }: Common,
  schema: ActionFormOptions<V, unknown>["schema"],
  values: V,
  action: (input: unknown) => Promise<ActionResult<unknown>>,
  done: string,
) {
  return useActionForm<V & { id: string; version: number }>({
    schema,
    defaultValues: { id, version, ...values } as never,
    fields: Object.keys(values),
    action,
    redirect: `${recordHref}?done=${done}`,
  });
}

export function BreakForm(props: Common) {
  const form = useRecordForm(props, breakSchema, { breakStartDate: "", breakExpectedReturnDate: "" }, startBreakAction, "break");
  return (
    <ActionForm form={form} className="max-w-xl">
      <DateField label="Break start date" {...form.field("breakStartDate")} />
      <DateField label="Expected return date" {...form.field("breakExpectedReturnDate")} />
      <SubmitOrCancel pending={form.pending} cancelHref={props.recordHref}>
        Record break in learning
      </SubmitOrCancel>
    </ActionForm>
  );
}

export function ResumeForm({ id, version, recordHref }: Common) {
  const { pending, summary, run } = useAction();
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={summary()} />
      <p className="mb-6 text-lg">The record goes back to the stage it was at before the break.</p>
      <ButtonGroup>
        <Button type="button" disabled={pending} onClick={() => run(() => resumeAction({ id, version }), { redirect: recordHref })}>
          Confirm return from break
        </Button>
        <ButtonLink href={recordHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </div>
  );
}

export function WithdrawForm(props: Common) {
  const form = useRecordForm(props, withdrawSchema, { withdrawnDate: "", withdrawalReason: "", details: "" }, withdrawAction, "withdrawn");
  return (
    <ActionForm form={form} className="max-w-xl">
      <DateField label="Date of withdrawal" {...form.field("withdrawnDate")} />
      <RadioGroup legend="Reason" options={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: r }))} {...form.field("withdrawalReason")} />
      <TextArea label="Details (optional)" {...form.field("details")} />
      <p className="mb-6">After withdrawal the record is kept but can no longer be changed.</p>
      <SubmitOrCancel variant="warning" pending={form.pending} cancelHref={props.recordHref}>
        Withdraw apprentice
      </SubmitOrCancel>
    </ActionForm>
  );
}

export function ChangeEpaoForm({ epaos, ...props }: Common & { epaos: { id: string; label: string }[] }) {
  const form = useRecordForm(props, changeEpaoSchema, { toEpaoId: "", reason: "" }, requestEpaoChangeAction, "change-requested");
  const options = epaos.map((e) => ({ value: e.id, label: e.label }));
  return (
    <ActionForm form={form} className="max-w-xl">
      <SelectField
        label="New EPAO"
        hint="EPAOs you have an active link with for this standard."
        placeholder="Select the new EPAO"
        options={options}
        {...form.field("toEpaoId")}
      />
      <TextArea label="Reason for the change" {...form.field("reason")} />
      <SubmitOrCancel pending={form.pending} cancelHref={props.recordHref}>
        Request change of EPAO
      </SubmitOrCancel>
    </ActionForm>
  );
}
