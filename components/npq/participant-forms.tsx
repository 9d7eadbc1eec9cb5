"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { DateField, RadioGroup, SelectField, type SelectOption } from "@/components/ui";
import { declarationTypeLabel, yesNoOptions } from "@/components/npq/labels";
import {
  changeScheduleAction,
  createDeclarationAction,
  deferParticipantAction,
  resumeParticipantAction,
  voidDeclarationAction,
  withdrawParticipantAction,
} from "@/lib/npq/portal-actions";
import { changeScheduleFormSchema, declarationFormSchema, deferFormSchema, withdrawFormSchema, type DeclarationFormValues } from "@/lib/npq/schema";
import { ConfirmActionButton } from "./application-forms";
import { portalForm } from "./portal-form";

type EnrolmentProps = {
  participantId: string;
  /** Identifies the enrolment on the page (its application id): keeps control ids unique. */
  enrolmentKey: string;
  courseIdentifier: string;
  href: string;
};

/** The enrolment changes made with one choice from a list: what is asked, what is sent, and what the page then says. */
const CHOICE_FORMS = {
  defer: {
    schema: deferFormSchema,
    action: deferParticipantAction,
    name: "reason",
    select: { label: "Reason for deferral", placeholder: "Select a reason" },
    submit: { variant: "secondary", pendingText: "Deferring…", label: "Defer training" },
    done: "deferred",
  },
  withdraw: {
    schema: withdrawFormSchema,
    action: withdrawParticipantAction,
    name: "reason",
    select: { label: "Reason for withdrawal", placeholder: "Select a reason", width: "full" },
    submit: { variant: "warning", pendingText: "Withdrawing…", label: "Withdraw from course" },
    done: "withdrawn",
  },
  schedule: {
    schema: changeScheduleFormSchema,
    action: changeScheduleAction,
    name: "scheduleIdentifier",
    select: { label: "New schedule", hint: "Declarations already made must fit the new schedule's windows.", placeholder: "Select a schedule", width: "full" },
    submit: { variant: "secondary", pendingText: "Changing…", label: "Change schedule" },
    done: "schedule",
  },
} as const;

/** One of `CHOICE_FORMS` for one enrolment; its control ids start `${kind}-${enrolmentKey}`. */
function ChoiceForm({
  kind,
  participantId,
  enrolmentKey,
  courseIdentifier,
  href,
  options,
}: EnrolmentProps & { kind: keyof typeof CHOICE_FORMS; options: SelectOption[] }) {
  const { schema, action, name, select, submit, done } = CHOICE_FORMS[kind];
  const form = useActionForm<Record<string, string>>({
    ...portalForm(`${kind}-${enrolmentKey}`, schema),
    defaultValues: { courseIdentifier, [name]: "" },
    fields: [name],
    action: (values) => action(participantId, values),
    redirect: `${href}?done=${done}`,
  });
  const { label, ...button } = submit;
  return (
    <ActionForm form={form}>
      <SelectField options={options} {...select} {...form.field(name)} />
      <SubmitButton pending={form.pending} {...button}>
        {label}
      </SubmitButton>
    </ActionForm>
  );
}

export const DeferForm = ({ reasons, ...props }: EnrolmentProps & { reasons: SelectOption[] }) => <ChoiceForm kind="defer" options={reasons} {...props} />;

export const WithdrawForm = ({ reasons, ...props }: EnrolmentProps & { reasons: SelectOption[] }) => (
  <ChoiceForm kind="withdraw" options={reasons} {...props} />
);

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

export const ChangeScheduleForm = ({ schedules, ...props }: EnrolmentProps & { schedules: SelectOption[] }) => (
  <ChoiceForm kind="schedule" options={schedules} {...props} />
);

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

const PASSED_OR_FAILED = yesNoOptions("Passed", "Failed");

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
  const [course, type] = form.watch(["courseIdentifier", "declarationType"]);
  const enrolment = enrolments.find((e) => e.courseIdentifier === course);
  // Another course has other types and partners.
  const clearChoices = () =>
    ["declarationType", "deliveryPartnerId", "secondaryDeliveryPartnerId"].forEach((name) => form.setValue(name as "declarationType", ""));

  return (
    <ActionForm form={form}>
      <SelectField
        label="Course"
        placeholder={enrolments.length === 1 ? undefined : "Select the course"}
        options={enrolments.map((e) => ({ value: e.courseIdentifier, label: e.label }))}
        width="full"
        {...form.field("courseIdentifier", { onChange: clearChoices })}
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
        {...form.field("declarationType")}
      />
      <DateField
        label="Declaration date"
        hint="When the event happened: inside the schedule's window for the type, and not in the future."
        {...form.field("declarationDate")}
      />
      {type === "completed" ? (
        <RadioGroup legend="Has the participant passed the course?" inline options={PASSED_OR_FAILED} {...form.field("hasPassed")} />
      ) : null}
      <SelectField
        label={enrolment && !enrolment.partnerRequired ? "Delivery partner (optional)" : "Delivery partner"}
        hint="Your delivery partners for the course's cohort."
        placeholder="Select a delivery partner"
        options={enrolment?.partners ?? []}
        {...form.field("deliveryPartnerId")}
      />
      <SelectField
        label="Secondary delivery partner (optional)"
        placeholder="None"
        options={enrolment?.partners ?? []}
        {...form.field("secondaryDeliveryPartnerId")}
      />
      <SubmitButton pending={form.pending} pendingText="Submitting…">
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
