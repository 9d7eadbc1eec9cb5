"use client";

import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { ButtonGroup, ButtonLink, ErrorSummary } from "@/components/ui";
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
  const { summary, pending, submit, control, errorFor } = useActionForm<AssignStandardsInput>({
    schema: assignStandardsSchema,
    parsed: true,
    defaultValues: { userId: person.id, standardIds: assigned },
    fields: ["standardIds"],
    action: (values) => setUserStandardsAction({ ...values, userId: person.id }),
    redirect: `/epao/standards?assigned=${encodeURIComponent(person.name)}`,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-3xl">
      <ErrorSummary errors={summary} />
      <StandardsField
        control={control}
        legend={`Standards ${person.name} works on`}
        hint="Only the standards your organisation assesses are listed."
        error={errorFor("standardIds")}
        options={options}
      />
      <ButtonGroup>
        <SubmitButton pending={pending} pendingText="Saving…">
          Save assigned standards
        </SubmitButton>
        <ButtonLink href="/epao/standards" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
