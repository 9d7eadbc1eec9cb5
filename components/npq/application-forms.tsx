"use client";

import { yesNoOptions } from "./labels";
import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { ButtonGroup, RadioGroup, SelectField } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { acceptApplicationAction, changeFundedPlaceAction, rejectApplicationAction } from "@/lib/npq/portal-actions";
import { acceptFormSchema, fundedPlaceFormSchema, type AcceptFormValues, type FundedPlaceFormValues } from "@/lib/npq/schema";
import { portalForm } from "./portal-form";

export type ScheduleChoice = { identifier: string; label: string };

/** Accept a pending application, optionally choosing the schedule and (cohorts from 2024) whether the place is funded. */
export function AcceptApplicationForm({
  applicationId,
  href,
  schedules,
  fundingCapped,
  eligibleForFunding,
}: {
  applicationId: string;
  href: string;
  schedules: ScheduleChoice[];
  fundingCapped: boolean;
  eligibleForFunding: boolean;
}) {
  const form = useActionForm<AcceptFormValues>({
    ...portalForm("accept", acceptFormSchema),
    defaultValues: { scheduleIdentifier: "", fundedPlace: "" },
    action: (values) => acceptApplicationAction(applicationId, values),
    redirect: `${href}?done=accepted`,
  });
  return (
    <ActionForm form={form}>
      <SelectField
        label="Schedule (optional)"
        hint="Leave it to DfE's rule to use the course's schedule whose start has most recently passed."
        placeholder="The DfE default schedule"
        options={schedules.map((s) => ({ value: s.identifier, label: s.label }))}
        {...form.field("scheduleIdentifier")}
      />
      {fundingCapped ? (
        <RadioGroup
          legend="Is this a funded place?"
          hint={
            eligibleForFunding
              ? "DfE caps funded places from the 2024 cohort and needs an answer when you accept. You can change it afterwards."
              : "This participant is not eligible for funding, so the place cannot be funded."
          }
          options={[
            { value: "yes", label: "Yes, a funded place", disabled: !eligibleForFunding },
            { value: "no", label: "No" },
          ]}
          {...form.field("fundedPlace")}
        />
      ) : null}
      <SubmitButton pending={form.pending} pendingText="Accepting…">
        Accept application
      </SubmitButton>
    </ActionForm>
  );
}

const YES_NO = yesNoOptions();

/** Change whether DfE funds an accepted place (cohorts from 2024). */
export function FundedPlaceForm({ applicationId, href, current }: { applicationId: string; href: string; current: boolean | null }) {
  const form = useActionForm<FundedPlaceFormValues>({
    ...portalForm("change", fundedPlaceFormSchema),
    defaultValues: { fundedPlace: current === null ? undefined : current ? "yes" : "no" },
    fields: ["fundedPlace"],
    action: (values) => changeFundedPlaceAction(applicationId, values),
    redirect: `${href}?done=funded-place`,
  });
  return (
    <ActionForm form={form}>
      <RadioGroup legend="Is this a funded place?" inline options={YES_NO} {...form.field("fundedPlace")} />
      <SubmitButton variant="secondary" pending={form.pending} pendingText="Saving…">
        Change funded place
      </SubmitButton>
    </ActionForm>
  );
}

/** A button that runs an action after the user confirms, then goes to `doneHref`; DfE's refusal is shown next to it. */
export function ConfirmActionButton({
  label,
  confirmText,
  action,
  doneHref,
  variant = "warning",
  hiddenContext,
}: {
  label: string;
  confirmText: string;
  action: () => Promise<ActionResult<unknown>>;
  doneHref: string;
  variant?: "primary" | "secondary" | "warning";
  /** Visually hidden words that make the button's name unique on the page (e.g. which declaration). */
  hiddenContext?: string;
}) {
  return (
    <ButtonGroup className="gap-2">
      <ActionButton variant={variant} confirm={confirmText} action={action} redirect={doneHref} hiddenContext={hiddenContext} problem={refusal}>
        {label}
      </ActionButton>
    </ButtonGroup>
  );
}

/** DfE's refusal, under the button across the row. */
const refusal = { className: "basis-full font-bold text-red-700", prefixed: true };

export function RejectApplicationButton({ applicationId, href }: { applicationId: string; href: string }) {
  return (
    <ConfirmActionButton
      label="Reject application"
      confirmText="Reject this application? A rejected application cannot be accepted later."
      action={() => rejectApplicationAction(applicationId)}
      doneHref={`${href}?done=rejected`}
    />
  );
}
