"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { RadioGroup, SelectField, TextField, type SelectOption } from "@/components/ui";
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
import { portalForm } from "./portal-form";

type EnrolmentProps = {
  participantId: string;
  /** Identifies the enrolment on the page (its application id): keeps control ids unique. */
  enrolmentKey: string;
  courseIdentifier: string;
  href: string;
};

export function DeferForm({ participantId, enrolmentKey, courseIdentifier, href, reasons }: EnrolmentProps & { reasons: SelectOption[] }) {
  const form = useActionForm<DeferFormValues>({
    ...portalForm(`defer-${enrolmentKey}`, deferFormSchema),
    defaultValues: { courseIdentifier: courseIdentifier as DeferFormValues["courseIdentifier"], reason: "" },
    fields: ["reason"],
    action: (values) => deferParticipantAction(participantId, values),
    redirect: `${href}?done=deferred`,
  });
  const { field, pending } = form;
  return (
    <ActionForm form={form}>
      <SelectField label="Reason for deferral" placeholder="Select a reason" options={reasons} {...field("reason")} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Deferring…">
        Defer training
      </SubmitButton>
    </ActionForm>
  );
}

export function WithdrawForm({ participantId, enrolmentKey, courseIdentifier, href, reasons }: EnrolmentProps & { reasons: SelectOption[] }) {
  const form = useActionForm<WithdrawFormValues>({
    ...portalForm(`withdraw-${enrolmentKey}`, withdrawFormSchema),
    defaultValues: { courseIdentifier: courseIdentifier as WithdrawFormValues["courseIdentifier"], reason: "" },
    fields: ["reason"],
    action: (values) => withdrawParticipantAction(participantId, values),
    redirect: `${href}?done=withdrawn`,
  });
  const { field, pending } = form;
  return (
    <ActionForm form={form}>
      <SelectField label="Reason for withdrawal" placeholder="Select a reason" options={reasons} width="full" {...field("reason")} />
      <SubmitButton variant="warning" pending={pending} pendingText="Withdrawing…">
        Withdraw from course
      </SubmitButton>
    </ActionForm>
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
  const form = useActionForm<ChangeScheduleFormValues>({
    ...portalForm(`schedule-${enrolmentKey}`, changeScheduleFormSchema),
    defaultValues: { courseIdentifier: courseIdentifier as ChangeScheduleFormValues["courseIdentifier"], scheduleIdentifier: "" },
    fields: ["scheduleIdentifier"],
    action: (values) => changeScheduleAction(participantId, values),
    redirect: `${href}?done=schedule`,
  });
  const { field, pending } = form;
  return (
    <ActionForm form={form}>
      <SelectField
        label="New schedule"
        hint="Declarations already made must fit the new schedule's windows."
        placeholder="Select a schedule"
        options={schedules}
        width="full"
        {...field("scheduleIdentifier")}
      />
      <SubmitButton variant="secondary" pending={pending} pendingText="Changing…">
        Change schedule
      </SubmitButton>
    </ActionForm>
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
  const form = useActionForm<DeclarationFormValues>({
    ...portalForm("declaration", declarationFormSchema),
    defaultValues: {
      courseIdentifier: enrolments.length === 1 ? enrolments[0]!.courseIdentifier : "",
      declarationType: "",
      declarationDate: "",
      hasPassed: "",
      deliveryPartnerId: "",
      secondaryDeliveryPartnerId: "",
    },
    fields: DECLARATION_FIELDS,
    action: (values) => createDeclarationAction(participantId, values),
    redirect: `${href}?done=declared`,
  });
  const { field, pending, watch, setValue } = form;
  const [course, type] = watch(["courseIdentifier", "declarationType"]);
  const enrolment = enrolments.find((e) => e.courseIdentifier === course);
  // Another course has other types and partners.
  const clearChoices = () => ["declarationType", "deliveryPartnerId", "secondaryDeliveryPartnerId"].forEach((name) => setValue(name as "declarationType", ""));

  return (
    <ActionForm form={form}>
      <SelectField
        label="Course"
        placeholder={enrolments.length === 1 ? undefined : "Select the course"}
        options={enrolments.map((e) => ({ value: e.courseIdentifier, label: e.label }))}
        width="full"
        {...field("courseIdentifier", { onChange: clearChoices })}
      />
      <SelectField
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
        {...field("declarationType")}
      />
      <TextField
        type="date"
        label="Declaration date"
        hint="When the event happened: inside the schedule's window for the type, and not in the future."
        width="10"
        {...field("declarationDate")}
      />
      {type === "completed" ? (
        <RadioGroup
          legend="Has the participant passed the course?"
          inline
          options={[
            { value: "yes", label: "Passed" },
            { value: "no", label: "Failed" },
          ]}
          {...field("hasPassed")}
        />
      ) : null}
      <SelectField
        label={enrolment && !enrolment.partnerRequired ? "Delivery partner (optional)" : "Delivery partner"}
        hint="Your delivery partners for the course's cohort."
        placeholder="Select a delivery partner"
        options={enrolment?.partners ?? []}
        {...field("deliveryPartnerId")}
      />
      <SelectField
        label="Secondary delivery partner (optional)"
        placeholder="None"
        options={enrolment?.partners ?? []}
        {...field("secondaryDeliveryPartnerId")}
      />
      <SubmitButton pending={pending} pendingText="Submitting…">
        Submit declaration
      </SubmitButton>
    </ActionForm>
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
