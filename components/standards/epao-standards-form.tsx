"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { setEpaoStandardsAction } from "@/lib/standards/actions";
import { chooseStandardsSchema, type ChooseStandardsInput } from "@/lib/standards/schema";
import { StandardsField, type StandardOption } from "./standard-checkboxes";

/** An EPAO admin chooses, from the whole catalogue, the standards their organisation assesses. */
export function EpaoStandardsForm({ catalogue, chosen }: { catalogue: StandardOption[]; chosen: string[] }) {
  const form = useActionForm<ChooseStandardsInput>({
    schema: chooseStandardsSchema,
    parsed: true,
    defaultValues: { standardIds: chosen },
    action: setEpaoStandardsAction,
    successMessage: "Standards saved.",
  });
  return (
    <ActionForm form={form}>
      <SuccessBanner message={form.message} />
      <StandardsField
        control={form.control}
        legend="Standards your organisation assesses"
        hint="Training providers can ask to link with you for these standards. Taking a standard off also takes it off your assessors and staff."
        error={form.errorFor("standardIds")}
        options={catalogue}
        onChange={() => form.runner.setMessage(null)}
      />
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Save standards
      </SubmitButton>
    </ActionForm>
  );
}
