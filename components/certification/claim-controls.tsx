"use client";

import { useState } from "react";
import { Button, ErrorSummary, SelectField, TextField } from "@/components/ui";
import { summaryOf, useAction } from "@/components/assessment/use-action";
import { correctRecordForCertificationAction, requeueClaimAction, runClaimsNowAction } from "@/lib/certification/claim-actions";

/** "Run claims now": the EPAO's claims run at once; the outcome is said in words. */
export function RunClaimsNowButton({ disabled }: { disabled?: boolean }) {
  const { pending, errors, message, run } = useAction();
  return (
    <div className="mb-6">
      <Button type="button" disabled={pending || disabled} onClick={() => run(() => runClaimsNowAction())}>
        {pending ? "Claiming…" : "Run claims now"}
      </Button>
      {message ? (
        <p role="status" className="font-bold text-govuk-dark-green">
          {message}
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="font-bold text-govuk-red">
          {errors.form}
        </p>
      ) : null}
    </div>
  );
}

export function RequeueClaimButton({ apprenticeId, label = "Retry the claim" }: { apprenticeId: string; label?: string }) {
  const { pending, errors, message, run } = useAction();
  return (
    <>
      <Button type="button" variant="secondary" className="mb-0" disabled={pending} onClick={() => run(() => requeueClaimAction({ apprenticeId }))}>
        {pending ? "Queuing…" : label}
      </Button>
      {message ? (
        <p role="status" className="mt-1 text-govuk-dark-green">
          {message}
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="mt-1 font-bold text-govuk-red">
          {errors.form}
        </p>
      ) : null}
    </>
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
  const { pending, errors, message, run } = useAction();
  const [values, setValues] = useState({
    familyName: record.familyName,
    uln: record.uln,
    standardVersion: record.standardVersion,
    standardOption: record.standardOption ?? "",
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => correctRecordForCertificationAction({ apprenticeId: record.apprenticeId, version: record.version, ...values }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "correct")} />
      {message ? (
        <p role="status" className="mb-4 font-bold text-govuk-dark-green">
          {message}
        </p>
      ) : null}
      <TextField
        id="correct-familyName"
        label="Family name (as the ILR holds it)"
        error={errors.familyName}
        value={values.familyName}
        onChange={(e) => setValues({ ...values, familyName: e.currentTarget.value })}
      />
      <TextField
        id="correct-uln"
        label="ULN"
        inputMode="numeric"
        width="10"
        error={errors.uln}
        value={values.uln}
        onChange={(e) => setValues({ ...values, uln: e.currentTarget.value })}
      />
      <SelectField
        id="correct-standardVersion"
        label="Standard version"
        options={record.versions.map((v) => ({ value: v, label: v }))}
        error={errors.standardVersion}
        value={values.standardVersion}
        onChange={(e) => setValues({ ...values, standardVersion: e.currentTarget.value })}
      />
      {record.options.length > 0 ? (
        <SelectField
          id="correct-standardOption"
          label="Option"
          placeholder="Choose"
          options={record.options.map((o) => ({ value: o, label: o }))}
          error={errors.standardOption}
          value={values.standardOption}
          onChange={(e) => setValues({ ...values, standardOption: e.currentTarget.value })}
        />
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save correction"}
      </Button>
    </form>
  );
}
