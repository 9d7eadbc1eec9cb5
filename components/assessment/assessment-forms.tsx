"use client";

import { Controller } from "react-hook-form";
import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { ChoiceGroup } from "@/components/forms/choice-group";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { CheckboxField, CheckboxList, DateField, RadioGroup, SelectField, TextArea } from "@/components/ui";
import {
  confirmOverallGradeAction,
  decideAppealAction,
  decideResitAction,
  lodgeAppealAction,
  recordComponentGradeAction,
  requestResitAction,
  unlockGradeAction,
  withdrawAppealAction,
} from "@/lib/assessment/grading-actions";

const RESIT_KINDS = [
  { value: "resit", label: "Resit", hint: "No further learning before the assessment is taken again." },
  { value: "retake", label: "Retake", hint: "Further learning first, then the assessment again." },
];
const RESIT_DECISIONS = [
  { value: "approve", label: "Approve: start a new attempt for these components" },
  { value: "decline", label: "Decline" },
];
const APPEAL_OUTCOMES = [
  { value: "upheld", label: "Upheld" },
  { value: "not_upheld", label: "Not upheld" },
];

/** The assessor records (or corrects, while unlocked) one component's grade and assessment date. */
export function RecordGradeForm({
  apprenticeId,
  component,
  current,
  today,
}: {
  apprenticeId: string;
  component: { id: string; code: string; name: string; grades: string[] };
  current: { grade: string; assessedOn: string } | null;
  today: string;
}) {
  const form = useActionForm({
    defaultValues: { grade: current?.grade ?? "", assessedOn: current?.assessedOn ?? "" },
    idPrefix: `grade-${component.code}`,
    action: (v) => recordComponentGradeAction({ apprenticeId, componentId: component.id, ...v }),
  });
  const grade = form.field("grade");
  return (
    <ActionForm form={form} aria-label={`Grade for ${component.name}`} className="flex flex-wrap items-end gap-x-4">
      <SelectField
        label="Grade"
        placeholder="Choose"
        options={component.grades.map((g) => ({ value: g, label: g }))}
        {...grade}
        error={grade.error ?? form.formErrors[0]}
      />
      <DateField label="Assessed on" max={today} {...form.field("assessedOn")} />
      <SubmitButton variant="secondary" pending={form.pending} pendingText="Saving…">
        {current ? "Change grade" : "Save grade"}
      </SubmitButton>
    </ActionForm>
  );
}

/** An EPAO user confirms the provisional grade: it becomes the locked overall grade. */
export function ConfirmGradeForm({
  attemptId,
  version,
  provisional,
  defaultDate,
}: {
  attemptId: string;
  version: number;
  provisional: string;
  defaultDate: string;
}) {
  const form = useActionForm({
    defaultValues: { achievementDate: defaultDate },
    idPrefix: "confirm",
    confirm: () => `Confirm ${provisional} as the overall grade? It will be locked; only an EPAO admin can unlock it.`,
    action: (v) => confirmOverallGradeAction({ attemptId, version, ...v }),
  });
  return (
    <ActionForm form={form}>
      <DateField label="Achievement date" hint="The date of the last assessment, unless another date applies." {...form.field("achievementDate")} />
      <SubmitButton pending={form.pending} pendingText="Confirming…">{`Confirm ${provisional} as the overall grade`}</SubmitButton>
    </ActionForm>
  );
}

/** An EPAO admin unlocks the overall grade or one component, with a reason. */
export function UnlockGradeForm({ attemptId, version, components }: { attemptId: string; version: number; components: { id: string; name: string }[] }) {
  const form = useActionForm({
    defaultValues: { target: "overall", reason: "" },
    idPrefix: "unlock",
    action: (v) => unlockGradeAction({ attemptId, version, ...v }),
    onSuccess: () => form.resetField("reason"),
  });
  const targets = [
    { value: "overall", label: "The overall grade (every component can be changed)" },
    ...components.map((c) => ({ value: c.id, label: `${c.name} only` })),
  ];
  return (
    <ActionForm form={form}>
      <SelectField label="What to unlock" options={targets} {...form.field("target")} />
      <TextArea label="Reason for unlocking" hint="Recorded on the record's timeline." rows={3} {...form.field("reason")} />
      <SubmitButton variant="warning" pending={form.pending} pendingText="Unlocking…">
        Unlock grade
      </SubmitButton>
    </ActionForm>
  );
}

/** The provider asks for a resit or retake of failed components. */
export function RequestResitForm({ apprenticeId, failed }: { apprenticeId: string; failed: { code: string; name: string }[] }) {
  const form = useActionForm({
    defaultValues: { kind: "", components: failed.map((f) => f.code), reason: "" },
    idPrefix: "resit",
    action: (v) => requestResitAction({ apprenticeId, ...v, kind: v.kind || undefined }),
  });
  const options = failed.map((f) => ({ value: f.code, id: `resit-component-${f.code}`, label: `${f.name} (failed)` }));
  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      <RadioGroup legend="Resit or retake?" options={RESIT_KINDS} {...form.field("kind")} />
      <ChoiceGroup id={form.idFor("components")} legend="Components to take again" error={form.errorFor("components")}>
        <Controller
          control={form.control}
          name="components"
          render={({ field: f }) => <CheckboxList options={options} value={f.value} onChange={f.onChange} />}
        />
      </ChoiceGroup>
      <TextArea label="Reason for the request" rows={3} {...form.field("reason")} />
      <SubmitButton pending={form.pending} pendingText="Sending…">
        Request resit or retake
      </SubmitButton>
    </ActionForm>
  );
}

/** The EPAO approves (a new attempt starts) or declines a resit/retake request. */
export function DecideResitForm({ requestId }: { requestId: string }) {
  const form = useActionForm({
    defaultValues: { decision: "", declineReason: "" },
    idPrefix: "decide-resit",
    action: (v) => decideResitAction({ requestId, decision: v.decision || undefined, declineReason: v.declineReason || undefined }),
  });
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Your decision" options={RESIT_DECISIONS} {...form.field("decision")} />
      {form.watch("decision") === "decline" ? <TextArea label="Reason for declining" rows={2} {...form.field("declineReason")} /> : null}
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Record decision
      </SubmitButton>
    </ActionForm>
  );
}

/** The provider lodges an appeal against the confirmed grade (for itself or on the apprentice's behalf). */
export function LodgeAppealForm({ apprenticeId }: { apprenticeId: string }) {
  const form = useActionForm({
    defaultValues: { grounds: "", lodgedOnBehalfOfApprentice: false },
    idPrefix: "appeal",
    action: (v) => lodgeAppealAction({ apprenticeId, ...v }),
  });
  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      <TextArea
        label="Grounds for the appeal"
        hint="What was wrong with the assessment or the grading, and what you ask the EPAO to do."
        rows={4}
        {...form.field("grounds")}
      />
      <CheckboxField label="Lodged on behalf of the apprentice" {...form.field("lodgedOnBehalfOfApprentice")} />
      <SubmitButton pending={form.pending} pendingText="Lodging…">
        Lodge appeal
      </SubmitButton>
    </ActionForm>
  );
}

/** The EPAO decides an open appeal; when upheld it may change the overall grade. */
export function DecideAppealForm({ appealId, grades, current }: { appealId: string; grades: string[]; current: string | null }) {
  const form = useActionForm({
    defaultValues: { outcome: "", newGrade: "", decisionNotes: "" },
    idPrefix: "decide-appeal",
    action: (v) => decideAppealAction({ appealId, ...v, outcome: v.outcome || undefined }),
  });
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Outcome" options={APPEAL_OUTCOMES} {...form.field("outcome")} />
      {form.watch("outcome") === "upheld" ? (
        <SelectField
          label="New overall grade (optional)"
          hint={current ? `The confirmed grade is ${current}. Leave empty to keep it.` : undefined}
          placeholder="Keep the current grade"
          options={grades.filter((g) => g !== current).map((g) => ({ value: g, label: g }))}
          {...form.field("newGrade")}
        />
      ) : null}
      <TextArea label="Notes on the decision" rows={3} {...form.field("decisionNotes")} />
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Record decision
      </SubmitButton>
    </ActionForm>
  );
}

export function WithdrawAppealButton({ appealId }: { appealId: string }) {
  return (
    <ActionButton
      variant="secondary"
      confirm="Withdraw the appeal?"
      action={() => withdrawAppealAction({ appealId })}
      pendingText="Withdrawing…"
      problem={{ className: "font-bold text-govuk-red", role: null }}
    >
      Withdraw appeal
    </ActionButton>
  );
}
