"use client";

import { Button, ErrorSummary, SelectField } from "@/components/ui";
import { copyNpqSchedulesAction } from "@/lib/npq/portal-actions";
import { copySchedulesFormSchema, type CopySchedulesFormValues } from "@/lib/npq/portal-schema";
import { usePortalForm } from "./use-portal-form";

/** Open a cohort for NPQ: copy an earlier cohort's schedules with their milestone dates moved on. */
export function CopySchedulesForm({
  cohorts,
  suggestion,
}: {
  cohorts: { cohort: number; schedules: number }[];
  suggestion: { from: number; to: number } | null;
}) {
  const { form, pending, summary, submit, idFor } = usePortalForm<CopySchedulesFormValues>({
    schema: copySchedulesFormSchema,
    defaultValues: { fromCohort: suggestion ? String(suggestion.from) : "", toCohort: suggestion ? String(suggestion.to) : "" },
    fields: ["fromCohort", "toCohort"],
    idPrefix: "schedules",
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit((values) => copyNpqSchedulesAction(values), "/admin/npq?schedules=copied")} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("fromCohort")}
        label="Copy the schedules of cohort"
        placeholder="Choose a cohort"
        options={cohorts.filter((c) => c.schedules > 0).map((c) => ({ value: String(c.cohort), label: String(c.cohort) }))}
        error={errors.fromCohort?.message}
        {...form.register("fromCohort")}
      />
      <SelectField
        id={idFor("toCohort")}
        label="Into cohort"
        hint="Only a cohort with no NPQ schedules yet. Every milestone date moves on by the years between the two cohorts."
        placeholder="Choose a cohort"
        options={cohorts.filter((c) => c.schedules === 0).map((c) => ({ value: String(c.cohort), label: String(c.cohort) }))}
        error={errors.toCohort?.message}
        {...form.register("toCohort")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Copying…" : "Copy schedules"}
      </Button>
    </form>
  );
}
