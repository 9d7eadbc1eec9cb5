"use client";

import { Button, ErrorSummary, RadioGroup, SelectField, TextField, type SelectOption } from "@/components/ui";
import { declarationTypeLabel } from "@/components/npq/labels";
import {
  changeScheduleAction,
  createDeclarationAction,
  deferParticipantAction,
  resumeParticipantAction,
  voidDeclarationAction,
  withdrawParticipantAction,
} from "@/lib/npq/portal-actions";
import {
  changeScheduleFormSchema,
  declarationFormSchema,
  deferFormSchema,
  withdrawFormSchema,
  type ChangeScheduleFormValues,
  type DeclarationFormValues,
  type DeferFormValues,
  type WithdrawFormValues,
} from "@/lib/npq/portal-schema";
import { ConfirmActionButton } from "./application-forms";
import { usePortalForm } from "./use-portal-form";

type EnrolmentProps = {
  participantId: string;
  /** Identifies the enrolment on the page (its application id): keeps control ids unique. */
  enrolmentKey: string;
  courseIdentifier: string;
  href: string;
};

export function DeferForm({ participantId, enrolmentKey, courseIdentifier, href, reasons }: EnrolmentProps & { reasons: SelectOption[] }) {
  const { form, pending, summary, submit, idFor } = usePortalForm<DeferFormValues>({
    schema: deferFormSchema,
    defaultValues: { courseIdentifier: courseIdentifier as DeferFormValues["courseIdentifier"], reason: "" },
    fields: ["reason"],
    idPrefix: `defer-${enrolmentKey}`,
  });
  return (
    <form onSubmit={submit((values) => deferParticipantAction(participantId, values), `${href}?done=deferred`)} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("reason")}
        label="Reason for deferral"
        placeholder="Select a reason"
        options={reasons}
        error={form.formState.errors.reason?.message}
        {...form.register("reason")}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Deferring…" : "Defer training"}
      </Button>
    </form>
  );
}

export function WithdrawForm({ participantId, enrolmentKey, courseIdentifier, href, reasons }: EnrolmentProps & { reasons: SelectOption[] }) {
  const { form, pending, summary, submit, idFor } = usePortalForm<WithdrawFormValues>({
    schema: withdrawFormSchema,
    defaultValues: { courseIdentifier: courseIdentifier as WithdrawFormValues["courseIdentifier"], reason: "" },
    fields: ["reason"],
    idPrefix: `withdraw-${enrolmentKey}`,
  });
  return (
    <form onSubmit={submit((values) => withdrawParticipantAction(participantId, values), `${href}?done=withdrawn`)} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("reason")}
        label="Reason for withdrawal"
        placeholder="Select a reason"
        options={reasons}
        error={form.formState.errors.reason?.message}
        width="full"
        {...form.register("reason")}
      />
      <Button type="submit" variant="warning" disabled={pending}>
        {pending ? "Withdrawing…" : "Withdraw from course"}
      </Button>
    </form>
  );
}

export function ResumeButton({ participantId, courseIdentifier, href }: Omit<EnrolmentProps, "enrolmentKey">) {
  return (
    <ConfirmActionButton
      label="Resume training"
      variant="secondary"
      confirmText="Resume this participant's training on this course?"
      action={() => resumeParticipantAction(participantId, { courseIdentifier })}
      doneHref={`${href}?done=resumed`}
      hiddenContext={`on ${courseIdentifier}`}
    />
  );
}

export function ChangeScheduleForm({ participantId, enrolmentKey, courseIdentifier, href, schedules }: EnrolmentProps & { schedules: SelectOption[] }) {
  const { form, pending, summary, submit, idFor } = usePortalForm<ChangeScheduleFormValues>({
    schema: changeScheduleFormSchema,
    defaultValues: { courseIdentifier: courseIdentifier as ChangeScheduleFormValues["courseIdentifier"], scheduleIdentifier: "" },
    fields: ["scheduleIdentifier"],
    idPrefix: `schedule-${enrolmentKey}`,
  });
  return (
    <form onSubmit={submit((values) => changeScheduleAction(participantId, values), `${href}?done=schedule`)} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("scheduleIdentifier")}
        label="New schedule"
        hint="Declarations already made must fit the new schedule's windows."
        placeholder="Select a schedule"
        options={schedules}
        error={form.formState.errors.scheduleIdentifier?.message}
        width="full"
        {...form.register("scheduleIdentifier")}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Changing…" : "Change schedule"}
      </Button>
    </form>
  );
}

export type DeclarableEnrolment = {
  courseIdentifier: string;
  label: string;
  /** Delivery partners are required (cohorts from 2024, in England). */
  partnerRequired: boolean;
  /** The caller's delivery partners in the enrolment's cohort. */
  partners: SelectOption[];
  /** Declaration types of the enrolment's schedule, each with its window in words ("" when unknown). */
  types: { type: string; window: string }[];
};

const DECLARATION_FIELDS: (keyof DeclarationFormValues & string)[] = [
  "courseIdentifier",
  "declarationType",
  "declarationDate",
  "hasPassed",
  "deliveryPartnerId",
  "secondaryDeliveryPartnerId",
];

/** Submit a declaration for one of the participant's courses (as POST /api/v3/participant-declarations). */
export function DeclarationForm({ participantId, href, enrolments }: { participantId: string; href: string; enrolments: DeclarableEnrolment[] }) {
  const { form, pending, summary, submit, idFor } = usePortalForm<DeclarationFormValues>({
    schema: declarationFormSchema,
    defaultValues: {
      courseIdentifier: enrolments.length === 1 ? enrolments[0]!.courseIdentifier : "",
      declarationType: "",
      declarationDate: "",
      hasPassed: "",
      deliveryPartnerId: "",
      secondaryDeliveryPartnerId: "",
    },
    fields: DECLARATION_FIELDS,
    idPrefix: "declaration",
  });
  const errors = form.formState.errors;
  const [course, type] = form.watch(["courseIdentifier", "declarationType"]);
  const enrolment = enrolments.find((e) => e.courseIdentifier === course);
  const courseField = form.register("courseIdentifier");

  return (
    <form onSubmit={submit((values) => createDeclarationAction(participantId, values), `${href}?done=declared`)} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("courseIdentifier")}
        label="Course"
        placeholder={enrolments.length === 1 ? undefined : "Select the course"}
        options={enrolments.map((e) => ({ value: e.courseIdentifier, label: e.label }))}
        error={errors.courseIdentifier?.message}
        width="full"
        {...courseField}
        onChange={(event) => {
          void courseField.onChange(event);
          form.setValue("declarationType", "");
          form.setValue("deliveryPartnerId", "");
          form.setValue("secondaryDeliveryPartnerId", "");
        }}
      />
      <SelectField
        id={idFor("declarationType")}
        label="Declaration type"
        hint={
          enrolment && enrolment.types.some((t) => t.window) ? (
            <ul className="list-disc pl-5">
              {enrolment.types
                .filter((t) => t.window)
                .map((t) => (
                  <li key={t.type}>
                    {declarationTypeLabel(t.type)}: {t.window}
                  </li>
                ))}
            </ul>
          ) : undefined
        }
        placeholder="Select the type"
        options={(enrolment?.types ?? []).map((t) => ({ value: t.type, label: declarationTypeLabel(t.type) }))}
        error={errors.declarationType?.message}
        {...form.register("declarationType")}
      />
      <TextField
        id={idFor("declarationDate")}
        type="date"
        label="Declaration date"
        hint="When the event happened: inside the schedule's window for the type, and not in the future."
        width="10"
        error={errors.declarationDate?.message}
        {...form.register("declarationDate")}
      />
      {type === "completed" ? (
        <RadioGroup
          legend="Has the participant passed the course?"
          idPrefix={idFor("hasPassed")}
          inline
          options={[
            { value: "yes", label: "Passed" },
            { value: "no", label: "Failed" },
          ]}
          error={errors.hasPassed?.message}
          {...form.register("hasPassed")}
        />
      ) : null}
      <SelectField
        id={idFor("deliveryPartnerId")}
        label={enrolment && !enrolment.partnerRequired ? "Delivery partner (optional)" : "Delivery partner"}
        hint="Your delivery partners for the course's cohort."
        placeholder="Select a delivery partner"
        options={enrolment?.partners ?? []}
        error={errors.deliveryPartnerId?.message}
        {...form.register("deliveryPartnerId")}
      />
      <SelectField
        id={idFor("secondaryDeliveryPartnerId")}
        label="Secondary delivery partner (optional)"
        placeholder="None"
        options={enrolment?.partners ?? []}
        error={errors.secondaryDeliveryPartnerId?.message}
        {...form.register("secondaryDeliveryPartnerId")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Submitting…" : "Submit declaration"}
      </Button>
    </form>
  );
}

export function VoidDeclarationButton({ declarationId, paid, context, href }: { declarationId: string; paid: boolean; context: string; href: string }) {
  return (
    <ConfirmActionButton
      label="Void"
      hiddenContext={context}
      confirmText={paid ? "Void this paid declaration? Its payment will be clawed back on the next statement." : "Void this declaration? It will not be paid."}
      action={() => voidDeclarationAction(declarationId)}
      doneHref={`${href}?done=voided`}
    />
  );
}
