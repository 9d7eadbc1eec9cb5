"use client";

import { Fragment } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { RadioGroup, SummaryList, TextField } from "@/components/ui";
import { countdown, type CountMode, type CountdownRule } from "@/lib/certification/schema";
import { updateCertificationSettingsAction } from "@/lib/certification/settings-actions";
import { formatDate } from "@/lib/format";

export type CountdownFormValues = {
  highestGradeDays: number;
  highestGradeMode: CountMode;
  otherGradesDays: number;
  otherGradesMode: CountMode;
  version: number;
};

const MODE_OPTIONS = [
  { value: "calendar", label: "Calendar days" },
  { value: "working", label: "Working days", hint: "Monday to Friday, not counting bank holidays in England and Wales" },
];

/** The two rules the form edits, in order. */
const RULES = [
  { rule: "highestGrade", heading: "The standard's highest grade", hint: "From 0 to 60. The default is 7.", legend: "Count the highest grade's days as" },
  {
    rule: "otherGrades",
    heading: "Any other grade (the appeal period)",
    hint: "From 0 to 60. The default is 20 working days.",
    legend: "Count other grades' days as",
  },
] as const;

const describe = (rule: CountdownRule) => `${rule.days} ${rule.mode === "working" ? "working" : "calendar"} ${rule.days === 1 ? "day" : "days"}`;

function ruleOf(days: string | number, mode: CountMode): CountdownRule | null {
  const n = typeof days === "number" ? days : Number(days.trim());
  if (String(days).trim() === "" || !Number.isInteger(n) || n < 0 || n > 60) return null;
  return { days: n, mode };
}

/** "A Distinction confirmed today would be claimed on …", for the rules as they stand (or are being edited). */
function Example({ today, highest, other }: { today: string; highest: CountdownRule | null; other: CountdownRule | null }) {
  const claimOn = (rule: CountdownRule, isHighest: boolean) => {
    const result = countdown({ confirmedOn: today, highest: isHighest, settings: { highestGrade: rule, otherGrades: rule } });
    return result.status === "counting" ? formatDate(result.claimDate) : "";
  };
  return (
    <div aria-live="polite" className="mb-6 border-l-4 border-govuk-blue bg-govuk-light-grey p-4">
      <p className="mb-2 font-bold">For example, for a grade confirmed today ({formatDate(today)}):</p>
      <ul className="list-disc pl-6">
        <li>
          {highest ? (
            <>
              A Distinction (the standard&apos;s highest grade) confirmed today would be claimed on <strong>{claimOn(highest, true)}</strong>.
            </>
          ) : (
            "Enter the days for the highest grade to see when it would be claimed."
          )}
        </li>
        <li>
          {other ? (
            <>
              A Pass or a Merit confirmed today would be claimed on <strong>{claimOn(other, false)}</strong>, after the appeal period.
            </>
          ) : (
            "Enter the days for other grades to see when they would be claimed."
          )}
        </li>
      </ul>
      <p className="mt-2 text-sm text-govuk-secondary">
        An appeal or a resit request stops the count; it carries on from where it stopped when they are settled.
      </p>
    </div>
  );
}

/** The countdown: EPAO admins edit it, staff read it. Both see an example of what it means today. */
export function CountdownSettingsForm({ initial, canEdit, today }: { initial: CountdownFormValues; canEdit: boolean; today: string }) {
  const form = useActionForm({
    defaultValues: {
      highestGradeDays: String(initial.highestGradeDays),
      highestGradeMode: initial.highestGradeMode,
      otherGradesDays: String(initial.otherGradesDays),
      otherGradesMode: initial.otherGradesMode,
      version: initial.version,
    },
    fields: ["highestGradeDays", "highestGradeMode", "otherGradesDays", "otherGradesMode"],
    idPrefix: "countdown",
    action: updateCertificationSettingsAction,
    onSuccess: (data) => form.setValue("version", data.version),
  });

  if (!canEdit) {
    const highest = { days: initial.highestGradeDays, mode: initial.highestGradeMode };
    const other = { days: initial.otherGradesDays, mode: initial.otherGradesMode };
    return (
      <>
        <SummaryList
          rows={[
            { key: "Highest grade", value: `Claimed ${describe(highest)} after the grade is confirmed` },
            { key: "Other grades", value: `Claimed ${describe(other)} after the grade is confirmed (the appeal period)` },
          ]}
        />
        <Example today={today} highest={highest} other={other} />
        <p className="text-govuk-secondary">Only an EPAO admin can change these.</p>
      </>
    );
  }

  const [highestDays, highestMode, otherDays, otherMode] = form.watch(["highestGradeDays", "highestGradeMode", "otherGradesDays", "otherGradesMode"]);
  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      {RULES.map(({ rule, heading, hint, legend }) => (
        <Fragment key={rule}>
          <h3 className="mb-3 text-lg font-bold">{heading}</h3>
          <TextField label="Days after the grade is confirmed" hint={hint} inputMode="numeric" width="5" {...form.field(`${rule}Days`)} />
          <RadioGroup legend={legend} inline options={MODE_OPTIONS} {...form.field(`${rule}Mode`)} />
        </Fragment>
      ))}
      <Example today={today} highest={ruleOf(highestDays, highestMode)} other={ruleOf(otherDays, otherMode)} />
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Save countdown
      </SubmitButton>
    </ActionForm>
  );
}
