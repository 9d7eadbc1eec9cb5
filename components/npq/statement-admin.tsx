"use client";

import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { CheckboxField, DateField, SelectField, TextField } from "@/components/ui";
import { MONTH_NAMES, nameOptions } from "@/components/npq/labels";
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
  const form = useActionForm<Values, { id: string }>({
    defaultValues: { leadProviderId: "", programme: "npq", cohort: "", month: "", year: "", deadlineDate: "", paymentDate: "", outputFee: true },
    action: createStatementAction,
    resetOnSuccess: true,
    redirect: (data) => withParams(listQuery, { created: data.id }),
  });
  return (
    <ActionForm form={form}>
      <SelectField label="Lead provider" placeholder="Select the lead provider" options={nameOptions(leadProviders)} {...form.field("leadProviderId")} />
      <SelectField
        label="Programme"
        hint="NPQ and ECF are separate contracts, each with its own statements."
        options={[
          { value: "npq", label: "NPQ (national professional qualifications)" },
          { value: "ecf", label: "ECF (early career framework)" },
        ]}
        {...form.field("programme")}
      />
      <SelectField
        label="Cohort"
        placeholder="Select the cohort"
        options={cohorts.map((c) => ({ value: String(c), label: String(c) }))}
        {...form.field("cohort")}
      />
      <div className="flex flex-wrap gap-x-4">
        <SelectField label="Month" placeholder="Select" options={MONTH_NAMES.map((m, i) => ({ value: String(i + 1), label: m }))} {...form.field("month")} />
        <TextField label="Year" inputMode="numeric" width="5" {...form.field("year")} />
      </div>
      <DateField label="Deadline for declarations" hint="The statement becomes payable once this date has passed." {...form.field("deadlineDate")} />
      <DateField label="Payment date" {...form.field("paymentDate")} />
      <CheckboxField
        label="Output fee statement"
        hint="New declarations go on output fee statements only; the API lists only these."
        {...form.field("outputFee")}
      />
      <SubmitButton pending={form.pending} pendingText="Adding…">
        Add statement
      </SubmitButton>
    </ActionForm>
  );
}

/** The daily payment step, run by hand, for every lead provider or one. */
export function PaymentStepForm({ today, leadProviders, listQuery }: { today: string; leadProviders: { id: string; name: string }[]; listQuery: string }) {
  const form = useActionForm({
    defaultValues: { leadProviderId: "" },
    fields: [],
    idPrefix: "payment",
    confirm: ({ leadProviderId }) => {
      const who = leadProviders.find((l) => l.id === leadProviderId)?.name ?? "every lead provider";
      return `Make the open statements of ${who} whose deadline is before ${today} payable, with their eligible declarations?`;
    },
    action: markStatementsPayableAction,
    redirect: (data) => withParams(listQuery, { payable: String(data.statements), declarationsPayable: String(data.declarations), asOf: data.today }),
  });
  return (
    <ActionForm form={form}>
      <SelectField label="Lead provider" placeholder="All lead providers" options={nameOptions(leadProviders)} {...form.field("leadProviderId")} />
      <SubmitButton pending={form.pending} pendingText="Running…">
        Run the payment step for statements whose deadline has passed
      </SubmitButton>
    </ActionForm>
  );
}

/** Authorise payment of a payable statement. */
export function MarkPaidButton({ statementId, label, listQuery }: { statementId: string; label: string; listQuery: string }) {
  return (
    <ActionButton
      variant="secondary"
      confirm={`Mark the ${label} statement as paid? Its payable declarations become paid and its clawbacks clawed back.`}
      action={() => markStatementPaidAction(statementId)}
      redirect={(data) => withParams(listQuery, { paid: statementId, declarationsPaid: String(data.paid), clawedBack: String(data.clawedBack) })}
      hiddenContext={label}
      problem={{ first: true, className: "mb-2 font-bold text-red-700", prefixed: true }}
    >
      Mark as paid
    </ActionButton>
  );
}
