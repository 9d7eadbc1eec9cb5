"use client";

import { useState } from "react";
import { Button, ErrorSummary, RadioGroup, SummaryList, TextField } from "@/components/ui";
import { summaryOf, useAction } from "@/components/assessment/use-action";
import { countdown, type CountMode, type CountdownRule } from "@/lib/certification/countdown";
import { updateCertificationSettingsAction } from "@/lib/certification/settings-actions";
import { formatDate } from "@/lib/format";
import { ActionMessage } from "./shared";

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
  const { pending, errors, message, run } = useAction();
  const [version, setVersion] = useState(initial.version);
  const [highestDays, setHighestDays] = useState(String(initial.highestGradeDays));
  const [highestMode, setHighestMode] = useState<CountMode>(initial.highestGradeMode);
  const [otherDays, setOtherDays] = useState(String(initial.otherGradesDays));
  const [otherMode, setOtherMode] = useState<CountMode>(initial.otherGradesMode);

  if (!canEdit) {
    return (
      <>
        <SummaryList
          rows={[
            {
              key: "Highest grade",
              value: `Claimed ${describe({ days: initial.highestGradeDays, mode: initial.highestGradeMode })} after the grade is confirmed`,
            },
            {
              key: "Other grades",
              value: `Claimed ${describe({ days: initial.otherGradesDays, mode: initial.otherGradesMode })} after the grade is confirmed (the appeal period)`,
            },
          ]}
        />
        <Example
          today={today}
          highest={{ days: initial.highestGradeDays, mode: initial.highestGradeMode }}
          other={{ days: initial.otherGradesDays, mode: initial.otherGradesMode }}
        />
        <p className="text-govuk-secondary">Only an EPAO admin can change these.</p>
      </>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const result = await updateCertificationSettingsAction({
            highestGradeDays: highestDays,
            highestGradeMode: highestMode,
            otherGradesDays: otherDays,
            otherGradesMode: otherMode,
            version,
          });
          if (result.ok) setVersion(result.data.version);
          return result;
        });
      }}
    >
      <ActionMessage message={message} />
      <ErrorSummary errors={summaryOf(errors, "countdown")} />
      <h3 className="mb-3 text-lg font-bold">The standard&apos;s highest grade</h3>
      <TextField
        id="countdown-highestGradeDays"
        name="highestGradeDays"
        label="Days after the grade is confirmed"
        hint="From 0 to 60. The default is 7."
        inputMode="numeric"
        width="5"
        error={errors.highestGradeDays}
        value={highestDays}
        onChange={(e) => setHighestDays(e.currentTarget.value)}
      />
      <RadioGroup
        name="highestGradeMode"
        idPrefix="countdown-highestGradeMode"
        legend="Count the highest grade's days as"
        inline
        options={MODE_OPTIONS}
        error={errors.highestGradeMode}
        value={highestMode}
        onChange={(e) => setHighestMode(e.currentTarget.value as CountMode)}
      />
      <h3 className="mb-3 text-lg font-bold">Any other grade (the appeal period)</h3>
      <TextField
        id="countdown-otherGradesDays"
        name="otherGradesDays"
        label="Days after the grade is confirmed"
        hint="From 0 to 60. The default is 20 working days."
        inputMode="numeric"
        width="5"
        error={errors.otherGradesDays}
        value={otherDays}
        onChange={(e) => setOtherDays(e.currentTarget.value)}
      />
      <RadioGroup
        name="otherGradesMode"
        idPrefix="countdown-otherGradesMode"
        legend="Count other grades' days as"
        inline
        options={MODE_OPTIONS}
        error={errors.otherGradesMode}
        value={otherMode}
        onChange={(e) => setOtherMode(e.currentTarget.value as CountMode)}
      />
      <Example today={today} highest={ruleOf(highestDays, highestMode)} other={ruleOf(otherDays, otherMode)} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save countdown"}
      </Button>
    </form>
  );
}
