"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, ButtonGroup, ErrorSummary, RadioGroup, SelectField } from "@/components/ui";
import { acceptApplicationAction, changeFundedPlaceAction, rejectApplicationAction } from "@/lib/npq/portal-actions";
import { acceptFormSchema, fundedPlaceFormSchema, type AcceptFormValues, type FundedPlaceFormValues } from "@/lib/npq/portal-schema";
import { usePortalForm } from "./use-portal-form";

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
  const { form, pending, summary, submit, idFor } = usePortalForm<AcceptFormValues>({
    schema: acceptFormSchema,
    defaultValues: { scheduleIdentifier: "", fundedPlace: "" },
    fields: ["scheduleIdentifier", "fundedPlace"],
    idPrefix: "accept",
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit((values) => acceptApplicationAction(applicationId, values), `${href}?done=accepted`)} noValidate>
      <ErrorSummary errors={summary} />
      <SelectField
        id={idFor("scheduleIdentifier")}
        label="Schedule (optional)"
        hint="Leave it to DfE's rule to use the course's schedule whose start has most recently passed."
        placeholder="The DfE default schedule"
        options={schedules.map((s) => ({ value: s.identifier, label: s.label }))}
        error={errors.scheduleIdentifier?.message}
        {...form.register("scheduleIdentifier")}
      />
      {fundingCapped ? (
        <RadioGroup
          legend="Is this a funded place?"
          hint={
            eligibleForFunding
              ? "DfE caps funded places from the 2024 cohort and needs an answer when you accept. You can change it afterwards."
              : "This participant is not eligible for funding, so the place cannot be funded."
          }
          idPrefix={idFor("fundedPlace")}
          options={[
            { value: "yes", label: "Yes, a funded place", disabled: !eligibleForFunding },
            { value: "no", label: "No" },
          ]}
          error={errors.fundedPlace?.message}
          {...form.register("fundedPlace")}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Accepting…" : "Accept application"}
      </Button>
    </form>
  );
}

/** Change whether DfE funds an accepted place (cohorts from 2024). */
export function FundedPlaceForm({ applicationId, href, current }: { applicationId: string; href: string; current: boolean | null }) {
  const { form, pending, summary, submit, idFor } = usePortalForm<FundedPlaceFormValues>({
    schema: fundedPlaceFormSchema,
    defaultValues: { fundedPlace: current === null ? undefined : current ? "yes" : "no" },
    fields: ["fundedPlace"],
    idPrefix: "change",
  });
  return (
    <form onSubmit={submit((values) => changeFundedPlaceAction(applicationId, values), `${href}?done=funded-place`)} noValidate>
      <ErrorSummary errors={summary} />
      <RadioGroup
        legend="Is this a funded place?"
        idPrefix={idFor("fundedPlace")}
        inline
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
        error={form.formState.errors.fundedPlace?.message}
        {...form.register("fundedPlace")}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Change funded place"}
      </Button>
    </form>
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
  action: () => Promise<{ ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> }>;
  doneHref: string;
  variant?: "primary" | "secondary" | "warning";
  /** Visually hidden words that make the button's name unique on the page (e.g. which declaration). */
  hiddenContext?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <ButtonGroup className="gap-2">
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        onClick={() => {
          if (!window.confirm(confirmText)) return;
          startTransition(async () => {
            const result = await action();
            if (result.ok) {
              setError(null);
              router.push(doneHref);
              router.refresh();
            } else setError(Object.values(result.fieldErrors).join(" ") || result.message);
          });
        }}
      >
        {label}
        {hiddenContext ? <span className="sr-only"> {hiddenContext}</span> : null}
      </Button>
      {error ? (
        <p className="basis-full font-bold text-red-700" role="alert">
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
    </ButtonGroup>
  );
}

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
