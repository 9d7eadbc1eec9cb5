"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Controller } from "react-hook-form";
import { ActionButton } from "@/components/forms/action-button";
import { ChoiceGroup } from "@/components/forms/choice-group";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { CheckboxField, CheckboxList, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui";
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
  const { field, formErrors, pending } = form;
  const grade = field("grade");
  return (
    <ActionForm form={form} aria-label={`Grade for ${component.name}`} className="flex flex-wrap items-end gap-x-4">
      <SelectField
        label="Grade"
        placeholder="Choose"
        options={component.grades.map((g) => ({ value: g, label: g }))}
        {...grade}
        error={grade.error ?? formErrors[0]}
      />
      <TextField type="date" label="Assessed on" max={today} width="10" {...field("assessedOn")} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Saving…">
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
  const { field, pending } = form;
  return (
    <ActionForm form={form}>
      <TextField
        type="date"
        label="Achievement date"
        hint="The date of the last assessment, unless another date applies."
        width="10"
        {...field("achievementDate")}
      />
      <SubmitButton pending={pending} pendingText="Confirming…">{`Confirm ${provisional} as the overall grade`}</SubmitButton>
    </ActionForm>
  );
}

/** An EPAO admin unlocks the overall grade or one component, with a reason. */
export function UnlockGradeForm({ attemptId, version, components }: { attemptId: string; version: number; components: { id: string; name: string }[] }) {
  const form = useActionForm({
    defaultValues: { target: "overall", reason: "" },
    idPrefix: "unlock",
    action: (v) => unlockGradeAction({ attemptId, version, ...v }),
    onSuccess: () => resetField("reason"),
  });
  const { field, pending, resetField } = form;
  const targets = [
    { value: "overall", label: "The overall grade (every component can be changed)" },
    ...components.map((c) => ({ value: c.id, label: `${c.name} only` })),
  ];
  return (
    <ActionForm form={form}>
      <SelectField label="What to unlock" options={targets} {...field("target")} />
      <TextArea label="Reason for unlocking" hint="Recorded on the record's timeline." rows={3} {...field("reason")} />
      <SubmitButton variant="warning" pending={pending} pendingText="Unlocking…">
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
  const { field, message, pending, control, errorFor, idFor } = form;
  const options = failed.map((f) => ({ value: f.code, id: `resit-component-${f.code}`, label: `${f.name} (failed)` }));
  return (
    <ActionForm form={form}>
      <StatusLine message={message} />
      <RadioGroup
        legend="Resit or retake?"
        options={[
          { value: "resit", label: "Resit", hint: "No further learning before the assessment is taken again." },
          { value: "retake", label: "Retake", hint: "Further learning first, then the assessment again." },
        ]}
        {...field("kind")}
      />
      <ChoiceGroup id={idFor("components")} legend="Components to take again" error={errorFor("components")}>
        <Controller control={control} name="components" render={({ field: f }) => <CheckboxList options={options} value={f.value} onChange={f.onChange} />} />
      </ChoiceGroup>
      <TextArea label="Reason for the request" rows={3} {...field("reason")} />
      <SubmitButton pending={pending} pendingText="Sending…">
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
  const { field, pending, watch } = form;
  const decisions = [
    { value: "approve", label: "Approve: start a new attempt for these components" },
    { value: "decline", label: "Decline" },
  ];
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Your decision" options={decisions} {...field("decision")} />
      {watch("decision") === "decline" ? <TextArea label="Reason for declining" rows={2} {...field("declineReason")} /> : null}
      <SubmitButton pending={pending} pendingText="Saving…">
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
  const { field, message, pending } = form;
  return (
    <ActionForm form={form}>
      <StatusLine message={message} />
      <TextArea
        label="Grounds for the appeal"
        hint="What was wrong with the assessment or the grading, and what you ask the EPAO to do."
        rows={4}
        {...field("grounds")}
      />
      <CheckboxField label="Lodged on behalf of the apprentice" {...field("lodgedOnBehalfOfApprentice")} />
      <SubmitButton pending={pending} pendingText="Lodging…">
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
  const { field, pending, watch } = form;
  const outcomes = [
    { value: "upheld", label: "Upheld" },
    { value: "not_upheld", label: "Not upheld" },
  ];
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Outcome" options={outcomes} {...field("outcome")} />
      {watch("outcome") === "upheld" ? (
        <SelectField
          label="New overall grade (optional)"
          hint={current ? `The confirmed grade is ${current}. Leave empty to keep it.` : undefined}
          placeholder="Keep the current grade"
          options={grades.filter((g) => g !== current).map((g) => ({ value: g, label: g }))}
          {...field("newGrade")}
        />
      ) : null}
      <TextArea label="Notes on the decision" rows={3} {...field("decisionNotes")} />
      <SubmitButton pending={pending} pendingText="Saving…">
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
