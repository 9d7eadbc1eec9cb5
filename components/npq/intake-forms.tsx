"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, ErrorSummary, NotificationBanner, RadioGroup, SelectField, Table, TextField } from "@/components/ui";
import { NPQ_COURSES } from "@/lib/domain";
import { createNpqApplicationAction, importNpqApplicationsAction } from "@/lib/npq/intake-actions";
import type { IntakeProblem } from "@/lib/npq/intake";

type Values = Record<
  | "leadProviderId"
  | "fullName"
  | "email"
  | "trn"
  | "courseIdentifier"
  | "cohort"
  | "eligibleForFunding"
  | "fundingChoice"
  | "headteacherStatus"
  | "worksInSchool"
  | "schoolUrn"
  | "employerName"
  | "employmentRole",
  string
>;
const FIELDS: (keyof Values)[] = [
  "leadProviderId",
  "fullName",
  "email",
  "trn",
  "courseIdentifier",
  "cohort",
  "eligibleForFunding",
  "fundingChoice",
  "headteacherStatus",
  "worksInSchool",
  "schoolUrn",
  "employerName",
  "employmentRole",
];
const yesNo = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

export function ApplicationForm({ leadProviders }: { leadProviders: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { cohort: "2025", headteacherStatus: "no" } as Values });
  const { register, handleSubmit, formState, reset } = form;
  const errors = formState.errors;
  const onSubmit = handleSubmit((values) => {
    setDone(null);
    startTransition(async () => {
      const result = await createNpqApplicationAction(values);
      if (result.ok) {
        setDone(result.message ?? "Saved.");
        reset({ cohort: values.cohort, headteacherStatus: "no", leadProviderId: values.leadProviderId } as Values);
        router.refresh();
      } else applyServerErrors(form, result.fieldErrors);
    });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      {done ? (
        <NotificationBanner type="success" title="Success">
          <p>{done}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={FIELDS.flatMap((f) => (errors[f]?.message ? [{ field: f, message: errors[f]!.message! }] : []))} />
      <SelectField
        id="leadProviderId"
        label="Lead provider"
        placeholder="Select"
        options={leadProviders.map((l) => ({ value: l.id, label: l.name }))}
        error={errors.leadProviderId?.message}
        {...register("leadProviderId")}
      />
      <TextField id="fullName" label="Participant's full name" error={errors.fullName?.message} {...register("fullName")} />
      <TextField id="email" type="email" label="Email address" error={errors.email?.message} {...register("email")} />
      <TextField id="trn" label="Teacher reference number (TRN, optional)" width="10" error={errors.trn?.message} {...register("trn")} />
      <SelectField
        id="courseIdentifier"
        label="Course"
        placeholder="Select"
        options={NPQ_COURSES.map((c) => ({ value: c, label: c }))}
        error={errors.courseIdentifier?.message}
        {...register("courseIdentifier")}
      />
      <SelectField
        id="cohort"
        label="Cohort"
        options={["2023", "2024", "2025"].map((c) => ({ value: c, label: c }))}
        error={errors.cohort?.message}
        {...register("cohort")}
      />
      <RadioGroup legend="Eligible for DfE funding?" options={yesNo} inline error={errors.eligibleForFunding?.message} {...register("eligibleForFunding")} />
      <SelectField
        id="fundingChoice"
        label="If not eligible, how will they pay?"
        placeholder="Not applicable"
        options={["school", "trust", "self", "another", "employer"].map((c) => ({ value: c, label: c }))}
        error={errors.fundingChoice?.message}
        {...register("fundingChoice")}
      />
      <SelectField
        id="headteacherStatus"
        label="Headteacher status"
        options={["no", "yes_when_course_starts", "yes_in_first_two_years", "yes_over_two_years", "yes_in_first_five_years", "yes_over_five_years"].map(
          (c) => ({ value: c, label: c }),
        )}
        error={errors.headteacherStatus?.message}
        {...register("headteacherStatus")}
      />
      <RadioGroup legend="Works in a school?" options={yesNo} inline error={errors.worksInSchool?.message} {...register("worksInSchool")} />
      <TextField id="schoolUrn" label="School URN" width="10" error={errors.schoolUrn?.message} {...register("schoolUrn")} />
      <TextField id="employerName" label="Employer (if not in a school)" error={errors.employerName?.message} {...register("employerName")} />
      <TextField id="employmentRole" label="Role (if not in a school)" error={errors.employmentRole?.message} {...register("employmentRole")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Loading…" : "Load application"}
      </Button>
    </form>
  );
}

export function ApplicationsCsvForm({ columns }: { columns: readonly string[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ imported: number; skippedDuplicates: number; problems: IntakeProblem[] } | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const file = (e.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        if (!file) {
          setError("Select a CSV file");
          return;
        }
        startTransition(async () => {
          const outcome = await importNpqApplicationsAction(await file.text());
          if (outcome.ok) {
            setError(null);
            setResult(outcome.data);
            router.refresh();
          } else setError(outcome.fieldErrors.file ?? outcome.message);
        });
      }}
    >
      <p className="mb-4">
        Columns: <code className="text-sm">{columns.join(", ")}</code>. <code>lead_provider</code> is the lead provider&apos;s code; yes/no columns take yes or
        no. Nothing is imported if any row has a problem.
      </p>
      <ErrorSummary errors={error ? [{ field: "file", message: error }] : []} />
      <div className="mb-6">
        <label htmlFor="file" className="mb-1 block font-bold">
          CSV file
        </label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" className="block" />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Checking…" : "Upload applications"}
      </Button>
      {result ? (
        result.problems.length ? (
          <div className="mt-6">
            <p className="mb-2 font-bold text-red-700" role="alert">
              Nothing was imported: {result.problems.length} {result.problems.length === 1 ? "problem" : "problems"} to fix.
            </p>
            <Table
              caption="Problems by line and column"
              rows={result.problems}
              rowKey={(p) => `${p.line}-${p.column}`}
              columns={[
                { key: "line", header: "Line", cell: (p) => p.line, numeric: true },
                { key: "column", header: "Column", cell: (p) => p.column },
                { key: "message", header: "Problem", cell: (p) => p.message },
              ]}
            />
          </div>
        ) : (
          <NotificationBanner type="success" title="Imported">
            <p>
              {result.imported} {result.imported === 1 ? "application" : "applications"} loaded
              {result.skippedDuplicates ? `; ${result.skippedDuplicates} already there and skipped` : ""}.
            </p>
          </NotificationBanner>
        )
      ) : null}
    </form>
  );
}
