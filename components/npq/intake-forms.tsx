"use client";

import { nameOptions, yesNoOptions } from "@/components/npq/labels";
import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { ErrorSummary, NotificationBanner, RadioGroup, SelectField, Table, TextField } from "@/components/ui";
import { NPQ_COURSES } from "@/lib/domain";
import { createNpqApplicationAction, importNpqApplicationsAction } from "@/lib/npq/intake-actions";
import type { IntakeProblem } from "@/lib/npq";

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
const yesNo = yesNoOptions();

export function ApplicationForm({ leadProviders }: { leadProviders: { id: string; name: string }[] }) {
  const form = useActionForm<Values>({
    defaultValues: { cohort: "2025", headteacherStatus: "no" },
    fields: FIELDS,
    action: createNpqApplicationAction,
    successMessage: "Saved.",
    // The next application is often for the same lead provider and cohort.
    onSuccess: (_, values) => form.reset({ cohort: values.cohort, headteacherStatus: "no", leadProviderId: values.leadProviderId }),
  });
  return (
    <ActionForm form={form}>
      <SuccessBanner message={form.message} />
      <SelectField label="Lead provider" placeholder="Select" options={nameOptions(leadProviders)} {...form.field("leadProviderId")} />
      <TextField label="Participant's full name" {...form.field("fullName")} />
      <TextField type="email" label="Email address" {...form.field("email")} />
      <TextField label="Teacher reference number (TRN, optional)" width="10" {...form.field("trn")} />
      <SelectField label="Course" placeholder="Select" options={NPQ_COURSES.map((c) => ({ value: c, label: c }))} {...form.field("courseIdentifier")} />
      <SelectField label="Cohort" options={["2023", "2024", "2025"].map((c) => ({ value: c, label: c }))} {...form.field("cohort")} />
      <RadioGroup legend="Eligible for DfE funding?" options={yesNo} inline {...form.field("eligibleForFunding")} />
      <SelectField
        label="If not eligible, how will they pay?"
        placeholder="Not applicable"
        options={["school", "trust", "self", "another", "employer"].map((c) => ({ value: c, label: c }))}
        {...form.field("fundingChoice")}
      />
      <SelectField
        label="Headteacher status"
        options={["no", "yes_when_course_starts", "yes_in_first_two_years", "yes_over_two_years", "yes_in_first_five_years", "yes_over_five_years"].map(
          (c) => ({ value: c, label: c }),
        )}
        {...form.field("headteacherStatus")}
      />
      <RadioGroup legend="Works in a school?" options={yesNo} inline {...form.field("worksInSchool")} />
      <TextField label="School URN" width="10" {...form.field("schoolUrn")} />
      <TextField label="Employer (if not in a school)" {...form.field("employerName")} />
      <TextField label="Role (if not in a school)" {...form.field("employmentRole")} />
      <SubmitButton pending={form.pending} pendingText="Loading…">
        Load application
      </SubmitButton>
    </ActionForm>
  );
}

export function ApplicationsCsvForm({ columns }: { columns: readonly string[] }) {
  const { pending, summaryAt, run, fail } = useAction();
  const [result, setResult] = useState<{ imported: number; skippedDuplicates: number; problems: IntakeProblem[] } | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const file = (e.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        if (!file) return fail("Select a CSV file");
        run(async () => importNpqApplicationsAction(await file.text()), { onSuccess: setResult });
      }}
    >
      <p className="mb-4">
        Columns: <code className="text-sm">{columns.join(", ")}</code>. <code>lead_provider</code> is the lead provider&apos;s code; yes/no columns take yes or
        no. Nothing is imported if any row has a problem.
      </p>
      <ErrorSummary errors={summaryAt("file")} />
      <div className="mb-6">
        <label htmlFor="file" className="mb-1 block font-bold">
          CSV file
        </label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" className="block" />
      </div>
      <SubmitButton variant="secondary" pending={pending} pendingText="Checking…">
        Upload applications
      </SubmitButton>
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
