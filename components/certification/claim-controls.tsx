"use client";

import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { SelectField, TextField } from "@/components/ui";
import { correctRecordForCertificationAction, requeueClaimAction, runClaimsNowAction } from "@/lib/certification/claim-actions";

/** "Run claims now": the EPAO's claims run at once; the outcome is said in words. */
export function RunClaimsNowButton({ disabled }: { disabled?: boolean }) {
  return (
    <div className="mb-6">
      <ActionButton
        disabled={disabled}
        action={() => runClaimsNowAction()}
        pendingText="Claiming…"
        statusClassName="font-bold text-govuk-dark-green"
        problem={{ className: "font-bold text-govuk-red" }}
      >
        Run claims now
      </ActionButton>
    </div>
  );
}

export function RequeueClaimButton({ apprenticeId, label = "Retry the claim" }: { apprenticeId: string; label?: string }) {
  return (
    <ActionButton
      variant="secondary"
      className="mb-0"
      action={() => requeueClaimAction({ apprenticeId })}
      pendingText="Queuing…"
      statusClassName="mt-1 text-govuk-dark-green"
    >
      {label}
    </ActionButton>
  );
}

type Correctable = {
  apprenticeId: string;
  version: number;
  familyName: string;
  uln: string;
  standardVersion: string;
  standardOption: string | null;
  versions: string[];
  options: string[];
};

/** An EPAO user corrects what ESFA matches the record against (family name, ULN, version, option). */
export function CorrectRecordForm({ record }: { record: Correctable }) {
  const form = useActionForm({
    defaultValues: { familyName: record.familyName, uln: record.uln, standardVersion: record.standardVersion, standardOption: record.standardOption ?? "" },
    idPrefix: "correct",
    action: (v) => correctRecordForCertificationAction({ apprenticeId: record.apprenticeId, version: record.version, ...v }),
  });
  const choices = (values: string[]) => values.map((v) => ({ value: v, label: v }));
  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      <TextField label="Family name (as the ILR holds it)" {...form.field("familyName")} />
      <TextField label="ULN" inputMode="numeric" width="10" {...form.field("uln")} />
      <SelectField label="Standard version" options={choices(record.versions)} {...form.field("standardVersion")} />
      {record.options.length > 0 ? (
        <SelectField label="Option" placeholder="Choose" options={choices(record.options)} {...form.field("standardOption")} />
      ) : null}
      <SubmitButton variant="secondary" pending={form.pending} pendingText="Saving…">
        Save correction
      </SubmitButton>
    </ActionForm>
  );
}
