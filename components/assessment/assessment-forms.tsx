"use client";

import { useState } from "react";
import { Button, CheckboxField, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui";
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
import { summaryOf, useAction } from "./use-action";

function Done({ message }: { message: string | null }) {
  return message ? (
    <p role="status" className="mb-4 font-bold text-govuk-dark-green">
      {message}
    </p>
  ) : null;
}

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
  const { pending, errors, run } = useAction();
  const [grade, setGrade] = useState(current?.grade ?? "");
  const [assessedOn, setAssessedOn] = useState(current?.assessedOn ?? "");
  const prefix = `grade-${component.code}`;
  return (
    <form
      noValidate
      aria-label={`Grade for ${component.name}`}
      className="flex flex-wrap items-end gap-x-4"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => recordComponentGradeAction({ apprenticeId, componentId: component.id, grade, assessedOn }));
      }}
    >
      <SelectField
        id={`${prefix}-grade`}
        label="Grade"
        placeholder="Choose"
        options={component.grades.map((g) => ({ value: g, label: g }))}
        error={errors.grade ?? errors.componentId ?? errors.form}
        value={grade}
        onChange={(e) => setGrade(e.currentTarget.value)}
      />
      <TextField
        id={`${prefix}-assessedOn`}
        type="date"
        label="Assessed on"
        max={today}
        width="10"
        error={errors.assessedOn}
        value={assessedOn}
        onChange={(e) => setAssessedOn(e.currentTarget.value)}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : current ? "Change grade" : "Save grade"}
      </Button>
    </form>
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
  const { pending, errors, run } = useAction();
  const [achievementDate, setDate] = useState(defaultDate);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(`Confirm ${provisional} as the overall grade? It will be locked; only an EPAO admin can unlock it.`)) return;
        run(() => confirmOverallGradeAction({ attemptId, version, achievementDate }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "confirm")} />
      <TextField
        id="confirm-achievementDate"
        type="date"
        label="Achievement date"
        hint="The date of the last assessment, unless another date applies."
        width="10"
        error={errors.achievementDate}
        value={achievementDate}
        onChange={(e) => setDate(e.currentTarget.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Confirming…" : `Confirm ${provisional} as the overall grade`}
      </Button>
    </form>
  );
}

/** An EPAO admin unlocks the overall grade or one component, with a reason. */
export function UnlockGradeForm({ attemptId, version, components }: { attemptId: string; version: number; components: { id: string; name: string }[] }) {
  const { pending, errors, run } = useAction();
  const [target, setTarget] = useState("overall");
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => unlockGradeAction({ attemptId, version, target, reason }),
          () => setReason(""),
        );
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "unlock")} />
      <SelectField
        id="unlock-target"
        label="What to unlock"
        options={[
          { value: "overall", label: "The overall grade (every component can be changed)" },
          ...components.map((c) => ({ value: c.id, label: `${c.name} only` })),
        ]}
        error={errors.target}
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value)}
      />
      <TextArea
        id="unlock-reason"
        label="Reason for unlocking"
        hint="Recorded on the record's timeline."
        rows={3}
        error={errors.reason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Button type="submit" variant="warning" disabled={pending}>
        {pending ? "Unlocking…" : "Unlock grade"}
      </Button>
    </form>
  );
}

/** The provider asks for a resit or retake of failed components. */
export function RequestResitForm({ apprenticeId, failed }: { apprenticeId: string; failed: { code: string; name: string }[] }) {
  const { pending, errors, message, run } = useAction();
  const [kind, setKind] = useState("");
  const [components, setComponents] = useState<string[]>(failed.map((f) => f.code));
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => requestResitAction({ apprenticeId, kind: kind || undefined, components, reason }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "resit")} />
      <Done message={message} />
      <RadioGroup
        legend="Resit or retake?"
        idPrefix="resit-kind"
        name="kind"
        error={errors.kind}
        options={[
          { value: "resit", label: "Resit", hint: "No further learning before the assessment is taken again." },
          { value: "retake", label: "Retake", hint: "Further learning first, then the assessment again." },
        ]}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value)}
      />
      <fieldset className="mb-6" aria-describedby={errors.components ? "resit-components-error" : undefined}>
        <legend className="mb-2 font-bold">Components to take again</legend>
        {errors.components ? (
          <p id="resit-components-error" className="mb-2 font-bold text-govuk-red">
            <span className="sr-only">Error:</span> {errors.components}
          </p>
        ) : null}
        <div id="resit-components" tabIndex={-1}>
          {failed.map((f) => (
            <CheckboxField
              key={f.code}
              id={`resit-component-${f.code}`}
              label={`${f.name} (failed)`}
              checked={components.includes(f.code)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setComponents((c) => (on ? [...c, f.code] : c.filter((x) => x !== f.code)));
              }}
            />
          ))}
        </div>
      </fieldset>
      <TextArea
        id="resit-reason"
        label="Reason for the request"
        rows={3}
        error={errors.reason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Request resit or retake"}
      </Button>
    </form>
  );
}

/** The EPAO approves (a new attempt starts) or declines a resit/retake request. */
export function DecideResitForm({ requestId }: { requestId: string }) {
  const { pending, errors, run } = useAction();
  const [decision, setDecision] = useState("");
  const [declineReason, setReason] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => decideResitAction({ requestId, decision: decision || undefined, declineReason: declineReason || undefined }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "decide-resit")} />
      <RadioGroup
        legend="Your decision"
        idPrefix="decide-resit-decision"
        name="resit-decision"
        error={errors.decision}
        options={[
          { value: "approve", label: "Approve: start a new attempt for these components" },
          { value: "decline", label: "Decline" },
        ]}
        value={decision}
        onChange={(e) => setDecision(e.currentTarget.value)}
      />
      {decision === "decline" ? (
        <TextArea
          id="decide-resit-declineReason"
          label="Reason for declining"
          rows={2}
          error={errors.declineReason}
          value={declineReason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Record decision"}
      </Button>
    </form>
  );
}

/** The provider lodges an appeal against the confirmed grade (for itself or on the apprentice's behalf). */
export function LodgeAppealForm({ apprenticeId }: { apprenticeId: string }) {
  const { pending, errors, message, run } = useAction();
  const [grounds, setGrounds] = useState("");
  const [onBehalf, setOnBehalf] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => lodgeAppealAction({ apprenticeId, grounds, lodgedOnBehalfOfApprentice: onBehalf }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "appeal")} />
      <Done message={message} />
      <TextArea
        id="appeal-grounds"
        label="Grounds for the appeal"
        hint="What was wrong with the assessment or the grading, and what you ask the EPAO to do."
        rows={4}
        error={errors.grounds}
        value={grounds}
        onChange={(e) => setGrounds(e.currentTarget.value)}
      />
      <CheckboxField
        id="appeal-lodgedOnBehalfOfApprentice"
        label="Lodged on behalf of the apprentice"
        checked={onBehalf}
        onChange={(e) => setOnBehalf(e.currentTarget.checked)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Lodging…" : "Lodge appeal"}
      </Button>
    </form>
  );
}

/** The EPAO decides an open appeal; when upheld it may change the overall grade. */
export function DecideAppealForm({ appealId, grades, current }: { appealId: string; grades: string[]; current: string | null }) {
  const { pending, errors, run } = useAction();
  const [outcome, setOutcome] = useState("");
  const [newGrade, setNewGrade] = useState("");
  const [decisionNotes, setNotes] = useState("");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => decideAppealAction({ appealId, outcome: outcome || undefined, newGrade, decisionNotes }));
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "decide-appeal")} />
      <RadioGroup
        legend="Outcome"
        idPrefix="decide-appeal-outcome"
        name="appeal-outcome"
        error={errors.outcome}
        options={[
          { value: "upheld", label: "Upheld" },
          { value: "not_upheld", label: "Not upheld" },
        ]}
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
      />
      {outcome === "upheld" ? (
        <SelectField
          id="decide-appeal-newGrade"
          label="New overall grade (optional)"
          hint={current ? `The confirmed grade is ${current}. Leave empty to keep it.` : undefined}
          placeholder="Keep the current grade"
          options={grades.filter((g) => g !== current).map((g) => ({ value: g, label: g }))}
          error={errors.newGrade}
          value={newGrade}
          onChange={(e) => setNewGrade(e.currentTarget.value)}
        />
      ) : null}
      <TextArea
        id="decide-appeal-decisionNotes"
        label="Notes on the decision"
        rows={3}
        error={errors.decisionNotes}
        value={decisionNotes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Record decision"}
      </Button>
    </form>
  );
}

export function WithdrawAppealButton({ appealId }: { appealId: string }) {
  const { pending, errors, run } = useAction();
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (window.confirm("Withdraw the appeal?")) run(() => withdrawAppealAction({ appealId }));
        }}
      >
        {pending ? "Withdrawing…" : "Withdraw appeal"}
      </Button>
      {errors.form ? <p className="font-bold text-govuk-red">{errors.form}</p> : null}
    </>
  );
}
