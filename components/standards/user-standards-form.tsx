"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors, summaryFromErrors } from "@/components/forms/errors";
import { Button, ButtonGroup, ButtonLink, ErrorSummary } from "@/components/ui";
import { setUserStandardsAction } from "@/lib/standards/actions";
import { assignStandardsSchema, type AssignStandardsInput } from "@/lib/standards/schema";
import { StandardCheckboxes, type StandardOption } from "./standard-checkboxes";

type Props = {
  person: { id: string; name: string };
  /** The standards the EPAO assesses. */
  options: StandardOption[];
  assigned: string[];
};

/** An EPAO admin chooses which of the EPAO's standards an assessor or member of staff works on. */
export function UserStandardsForm({ person, options, assigned }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AssignStandardsInput>({
    resolver: zodResolver(assignStandardsSchema),
    defaultValues: { userId: person.id, standardIds: assigned },
  });
  const {
    control,
    handleSubmit,
    formState: { errors },
  } = form;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await setUserStandardsAction({ ...values, userId: person.id });
      if (result.ok) {
        router.push(`/epao/standards?assigned=${encodeURIComponent(person.name)}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        const known = ["standardIds"];
        const other = Object.entries(result.fieldErrors)
          .filter(([field]) => !known.includes(field))
          .map(([, msg]) => msg);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
        else if (other.length > 0) setFormError(other.join(" "));
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <ErrorSummary errors={[...summaryFromErrors(errors, ["standardIds"]), ...(formError ? [{ message: formError }] : [])]} />
      <Controller
        control={control}
        name="standardIds"
        render={({ field }) => (
          <StandardCheckboxes
            name={field.name}
            legend={`Standards ${person.name} works on`}
            hint="Only the standards your organisation assesses are listed."
            error={errors.standardIds?.message}
            options={options}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save assigned standards"}
        </Button>
        <ButtonLink href="/epao/standards" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
