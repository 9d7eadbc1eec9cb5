"use client";

import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { ErrorSummary } from "@/components/ui";
import { setEpaoStandardsAction } from "@/lib/standards/actions";
import { chooseStandardsSchema, type ChooseStandardsInput } from "@/lib/standards/schema";
import { StandardsField, type StandardOption } from "./standard-checkboxes";

/** An EPAO admin chooses, from the whole catalogue, the standards their organisation assesses. */
export function EpaoStandardsForm({ catalogue, chosen }: { catalogue: StandardOption[]; chosen: string[] }) {
  const { summary, message, pending, submit, control, errorFor, runner } = useActionForm<ChooseStandardsInput>({
    schema: chooseStandardsSchema,
    parsed: true,
    defaultValues: { standardIds: chosen },
    action: setEpaoStandardsAction,
    successMessage: "Standards saved.",
  });
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} />
      <SuccessBanner message={message} />
      <StandardsField
        control={control}
        legend="Standards your organisation assesses"
        hint="Training providers can ask to link with you for these standards. Taking a standard off also takes it off your assessors and staff."
        error={errorFor("standardIds")}
        options={catalogue}
        onChange={() => runner.setMessage(null)}
      />
      <SubmitButton pending={pending} pendingText="Saving…">
        Save standards
      </SubmitButton>
    </form>
  );
}
