"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, CheckboxField, ErrorSummary, SelectField, TextField } from "@/components/ui";
import { MONTH_NAMES } from "@/components/npq/labels";
import { createStatementAction, markStatementPaidAction, markStatementsPayableAction } from "@/lib/npq/portal-actions";

type Values = {
  leadProviderId: string;
  programme: string;
  cohort: string;
  month: string;
  year: string;
  deadlineDate: string;
  paymentDate: string;
  outputFee: boolean;
};
const FIELDS: (keyof Values)[] = ["leadProviderId", "programme", "cohort", "month", "year", "deadlineDate", "paymentDate", "outputFee"];

/** The list URL with `params` set, keeping the admin's filters and page (earlier result params are dropped). */
function withParams(listQuery: string, params: Record<string, string>): string {
  const search = new URLSearchParams(listQuery);
  for (const key of ["created", "payable", "declarationsPayable", "asOf", "paid", "declarationsPaid", "clawedBack"]) search.delete(key);
  for (const [key, value] of Object.entries(params)) search.set(key, value);
  return `/admin/npq/statements?${search.toString()}`;
}

/** The platform admin adds a statement for a lead provider, cohort and month. */
export function NewStatementForm({
  leadProviders,
  cohorts,
  listQuery,
}: {
  leadProviders: { id: string; name: string }[];
  cohorts: readonly number[];
  listQuery: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: { leadProviderId: "", programme: "npq", cohort: "", month: "", year: "", deadlineDate: "", paymentDate: "", outputFee: true },
  });
  const { register, handleSubmit, formState, reset } = form;
  const errors = formState.errors;
  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createStatementAction(values);
      if (result.ok) {
        reset();
        router.push(withParams(listQuery, { created: result.data.id }));
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        const other = Object.entries(result.fieldErrors).filter(([f]) => !FIELDS.includes(f as keyof Values));
        if (Object.keys(result.fieldErrors).length === 0 || other.length > 0) setFormError(other[0]?.[1] ?? result.message);
      }
    });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary
        errors={[
          ...FIELDS.flatMap((f) => (errors[f]?.message ? [{ field: f, message: errors[f]!.message! }] : [])),
          ...(formError ? [{ message: formError }] : []),
        ]}
      />
      <SelectField
        id="leadProviderId"
        label="Lead provider"
        placeholder="Select the lead provider"
        options={leadProviders.map((l) => ({ value: l.id, label: l.name }))}
        error={errors.leadProviderId?.message}
        {...register("leadProviderId")}
      />
      <SelectField
        id="programme"
        label="Programme"
        hint="NPQ and ECF are separate contracts, each with its own statements."
        options={[
          { value: "npq", label: "NPQ (national professional qualifications)" },
          { value: "ecf", label: "ECF (early career framework)" },
        ]}
        error={errors.programme?.message}
        {...register("programme")}
      />
      <SelectField
        id="cohort"
        label="Cohort"
        placeholder="Select the cohort"
        options={cohorts.map((c) => ({ value: String(c), label: String(c) }))}
        error={errors.cohort?.message}
        {...register("cohort")}
      />
      <div className="flex flex-wrap gap-x-4">
        <SelectField
          id="month"
          label="Month"
          placeholder="Select"
          options={MONTH_NAMES.map((m, i) => ({ value: String(i + 1), label: m }))}
          error={errors.month?.message}
          {...register("month")}
        />
        <TextField id="year" label="Year" inputMode="numeric" width="5" error={errors.year?.message} {...register("year")} />
      </div>
      <TextField
        id="deadlineDate"
        type="date"
        label="Deadline for declarations"
        hint="The statement becomes payable once this date has passed."
        width="10"
        error={errors.deadlineDate?.message}
        {...register("deadlineDate")}
      />
      <TextField id="paymentDate" type="date" label="Payment date" width="10" error={errors.paymentDate?.message} {...register("paymentDate")} />
      <CheckboxField
        id="outputFee"
        label="Output fee statement"
        hint="New declarations go on output fee statements only; the API lists only these."
        error={errors.outputFee?.message}
        {...register("outputFee")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add statement"}
      </Button>
    </form>
  );
}

/** The daily payment step, run by hand, for every lead provider or one. */
export function PaymentStepForm({ today, leadProviders, listQuery }: { today: string; leadProviders: { id: string; name: string }[]; listQuery: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [leadProviderId, setLeadProviderId] = useState("");
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const who = leadProviders.find((l) => l.id === leadProviderId)?.name ?? "every lead provider";
        if (!window.confirm(`Make the open statements of ${who} whose deadline is before ${today} payable, with their eligible declarations?`)) return;
        startTransition(async () => {
          const result = await markStatementsPayableAction({ leadProviderId });
          if (result.ok) {
            setError(null);
            router.push(
              withParams(listQuery, {
                payable: String(result.data.statements),
                declarationsPayable: String(result.data.declarations),
                asOf: result.data.today,
              }),
            );
            router.refresh();
          } else setError(result.message);
        });
      }}
    >
      <ErrorSummary errors={error ? [{ message: error }] : []} />
      <SelectField
        id="payment-leadProviderId"
        label="Lead provider"
        placeholder="All lead providers"
        options={leadProviders.map((l) => ({ value: l.id, label: l.name }))}
        value={leadProviderId}
        onChange={(event) => setLeadProviderId(event.currentTarget.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Running…" : "Run the payment step for statements whose deadline has passed"}
      </Button>
    </form>
  );
}

/** Authorise payment of a payable statement. */
export function MarkPaidButton({ statementId, label, listQuery }: { statementId: string; label: string; listQuery: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? (
        <p className="mb-2 font-bold text-red-700" role="alert">
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Mark the ${label} statement as paid? Its payable declarations become paid and its clawbacks clawed back.`)) return;
          startTransition(async () => {
            const result = await markStatementPaidAction(statementId);
            if (result.ok) {
              setError(null);
              router.push(withParams(listQuery, { paid: statementId, declarationsPaid: String(result.data.paid), clawedBack: String(result.data.clawedBack) }));
              router.refresh();
            } else setError(Object.values(result.fieldErrors)[0] ?? result.message);
          });
        }}
      >
        Mark as paid<span className="sr-only"> {label}</span>
      </Button>
    </>
  );
}
