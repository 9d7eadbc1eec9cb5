"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { setUserStandardsAction } from "@/lib/standards/actions";
import { assignStandardsSchema, type AssignStandardsInput } from "@/lib/standards/schema";
import { StandardsField, type StandardOption } from "./standard-checkboxes";

type Props = {
  person: { id: string; name: string };
  /** The standards the EPAO assesses. */
  options: StandardOption[];
  assigned: string[];
};

/** An EPAO admin chooses which of the EPAO's standards an assessor or member of staff works on. */
export function UserStandardsForm({ person, options, assigned }: Props) {
  const form = useActionForm<AssignStandardsInput>({
    schema: assignStandardsSchema,
    parsed: true,
    defaultValues: { userId: person.id, standardIds: assigned },
    fields: ["standardIds"],
    action: (values) => setUserStandardsAction({ ...values, userId: person.id }),
    redirect: `/epao/standards?assigned=${encodeURIComponent(person.name)}`,
  });
  return (
    <ActionForm form={form} className="max-w-3xl">
      <StandardsField
        control={form.control}
        legend={`Standards ${person.name} works on`}
        hint="Only the standards your organisation assesses are listed."
        error={form.errorFor("standardIds")}
        options={options}
      />
      <SubmitOrCancel pending={form.pending} pendingText="Saving…" cancelHref="/epao/standards">
        Save assigned standards
      </SubmitOrCancel>
    </ActionForm>
  );
}
