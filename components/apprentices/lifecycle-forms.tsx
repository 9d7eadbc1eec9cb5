"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui";
import { requestEpaoChangeAction, resumeAction, startBreakAction, withdrawAction } from "@/lib/apprentices/actions";
import { breakSchema, changeEpaoSchema, WITHDRAWAL_REASONS, withdrawSchema } from "@/lib/apprentices/schema";
import type { ActionResult } from "@/lib/errors";

type Common = { id: string; version: number; recordHref: string };

function useLifecycleForm<V extends Record<string, string | number>>(schema: Parameters<typeof zodResolver>[0], defaults: V, fields: (keyof V & string)[]) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<V>({ resolver: zodResolver(schema, undefined, { raw: true }) as unknown as Resolver<V>, defaultValues: defaults as never });
  const summary = [
    ...fields.flatMap((f) => {
      const message = form.formState.errors[f]?.message;
      return typeof message === "string" ? [{ field: f, message }] : [];
    }),
    ...(formError ? [{ message: formError }] : []),
  ];
  function submit(action: (values: V) => Promise<ActionResult<unknown>>, doneHref: string) {
    return form.handleSubmit((values) => {
      setFormError(null);
      startTransition(async () => {
        const result = await action(values);
        if (result.ok) {
          router.push(doneHref);
          router.refresh();
        } else {
          applyServerErrors(form, result.fieldErrors);
          const unknownFields = Object.keys(result.fieldErrors).filter((f) => !fields.includes(f as keyof V & string));
          if (Object.keys(result.fieldErrors).length === 0 || unknownFields.length > 0)
            setFormError(unknownFields.length ? result.fieldErrors[unknownFields[0]!]! : result.message);
        }
      });
    });
  }
  return { form, pending, summary, submit };
}

export function BreakForm({ id, version, recordHref }: Common) {
  const fields: ("breakStartDate" | "breakExpectedReturnDate")[] = ["breakStartDate", "breakExpectedReturnDate"];
  const { form, pending, summary, submit } = useLifecycleForm(breakSchema, { id, version, breakStartDate: "", breakExpectedReturnDate: "" }, fields);
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit((v) => startBreakAction(v), `${recordHref}?done=break`)} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <TextField
        id="breakStartDate"
        type="date"
        label="Break start date"
        width="10"
        error={errors.breakStartDate?.message}
        {...form.register("breakStartDate")}
      />
      <TextField
        id="breakExpectedReturnDate"
        type="date"
        label="Expected return date"
        width="10"
        error={errors.breakExpectedReturnDate?.message}
        {...form.register("breakExpectedReturnDate")}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          Record break in learning
        </Button>
        <ButtonLink href={recordHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}

export function ResumeForm({ id, version, recordHref }: Common) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={error ? [{ message: error }] : []} />
      <p className="mb-6 text-lg">The record goes back to the stage it was at before the break.</p>
      <ButtonGroup>
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await resumeAction({ id, version });
              if (result.ok) {
                router.push(recordHref);
                router.refresh();
              } else setError(result.message);
            })
          }
        >
          Confirm return from break
        </Button>
        <ButtonLink href={recordHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </div>
  );
}

export function WithdrawForm({ id, version, recordHref }: Common) {
  const fields: ("withdrawnDate" | "withdrawalReason" | "details")[] = ["withdrawnDate", "withdrawalReason", "details"];
  const { form, pending, summary, submit } = useLifecycleForm(withdrawSchema, { id, version, withdrawnDate: "", withdrawalReason: "", details: "" }, fields);
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit((v) => withdrawAction(v), `${recordHref}?done=withdrawn`)} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <TextField
        id="withdrawnDate"
        type="date"
        label="Date of withdrawal"
        width="10"
        error={errors.withdrawnDate?.message}
        {...form.register("withdrawnDate")}
      />
      <RadioGroup
        legend="Reason"
        options={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: r }))}
        error={errors.withdrawalReason?.message}
        {...form.register("withdrawalReason")}
      />
      <TextArea id="details" label="Details (optional)" error={errors.details?.message} {...form.register("details")} />
      <p className="mb-6">After withdrawal the record is kept but can no longer be changed.</p>
      <ButtonGroup>
        <Button type="submit" variant="warning" disabled={pending}>
          Withdraw apprentice
        </Button>
        <ButtonLink href={recordHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}

export function ChangeEpaoForm({ id, version, recordHref, epaos }: Common & { epaos: { id: string; label: string }[] }) {
  const fields: ("toEpaoId" | "reason")[] = ["toEpaoId", "reason"];
  const { form, pending, summary, submit } = useLifecycleForm(changeEpaoSchema, { id, version, toEpaoId: "", reason: "" }, fields);
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit((v) => requestEpaoChangeAction(v), `${recordHref}?done=change-requested`)} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <SelectField
        id="toEpaoId"
        label="New EPAO"
        hint="EPAOs you have an active link with for this standard."
        placeholder="Select the new EPAO"
        options={epaos.map((e) => ({ value: e.id, label: e.label }))}
        error={errors.toEpaoId?.message}
        {...form.register("toEpaoId")}
      />
      <TextArea id="reason" label="Reason for the change" error={errors.reason?.message} {...form.register("reason")} />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          Request change of EPAO
        </Button>
        <ButtonLink href={recordHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
