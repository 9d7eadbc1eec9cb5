"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { SelectField } from "@/components/ui";
import { copyNpqSchedulesAction } from "@/lib/npq/portal-actions";
import { copySchedulesFormSchema, type CopySchedulesFormValues } from "@/lib/npq/schema";
import { portalForm } from "./portal-form";

/** Open a cohort for NPQ: copy an earlier cohort's schedules with their milestone dates moved on. */
export function CopySchedulesForm({
  cohorts,
  suggestion,
}: {
  cohorts: { cohort: number; schedules: number }[];
  suggestion: { from: number; to: number } | null;
}) {
  const form = useActionForm<CopySchedulesFormValues>({
    ...portalForm("schedules", copySchedulesFormSchema),
    defaultValues: { fromCohort: suggestion ? String(suggestion.from) : "", toCohort: suggestion ? String(suggestion.to) : "" },
    fields: ["fromCohort", "toCohort"],
    action: (values) => copyNpqSchedulesAction(values),
    redirect: "/admin/npq?schedules=copied",
  });
  return (
    <ActionForm form={form}>
      <SelectField
        label="Copy the schedules of cohort"
        placeholder="Choose a cohort"
        options={cohorts.filter((c) => c.schedules > 0).map((c) => ({ value: String(c.cohort), label: String(c.cohort) }))}
        {...form.field("fromCohort")}
      />
      <SelectField
        label="Into cohort"
        hint="Only a cohort with no NPQ schedules yet. Every milestone date moves on by the years between the two cohorts."
        placeholder="Choose a cohort"
        options={cohorts.filter((c) => c.schedules === 0).map((c) => ({ value: String(c.cohort), label: String(c.cohort) }))}
        {...form.field("toCohort")}
      />
      <SubmitButton pending={form.pending} pendingText="Copying…">
        Copy schedules
      </SubmitButton>
    </ActionForm>
  );
}
