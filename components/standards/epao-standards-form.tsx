"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors, summaryFromErrors } from "@/components/forms/errors";
import { Button, ErrorSummary, NotificationBanner } from "@/components/ui";
import { setEpaoStandardsAction } from "@/lib/standards/actions";
import { chooseStandardsSchema, type ChooseStandardsInput } from "@/lib/standards/schema";
import { StandardCheckboxes, type StandardOption } from "./standard-checkboxes";

/** An EPAO admin chooses, from the whole catalogue, the standards their organisation assesses. */
export function EpaoStandardsForm({ catalogue, chosen }: { catalogue: StandardOption[]; chosen: string[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChooseStandardsInput>({ resolver: zodResolver(chooseStandardsSchema), defaultValues: { standardIds: chosen } });
  const {
    control,
    handleSubmit,
    formState: { errors },
  } = form;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    setMessage(null);
    startTransition(async () => {
      const result = await setEpaoStandardsAction(values);
      if (result.ok) {
        setMessage(result.message ?? "Standards saved.");
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={[...summaryFromErrors(errors, ["standardIds"]), ...(formError ? [{ message: formError }] : [])]} />
      {message ? (
        <NotificationBanner type="success" title="Success">
          <p>{message}</p>
        </NotificationBanner>
      ) : null}
      <Controller
        control={control}
        name="standardIds"
        render={({ field }) => (
          <StandardCheckboxes
            name={field.name}
            legend="Standards your organisation assesses"
            hint="Training providers can ask to link with you for these standards. Taking a standard off also takes it off your assessors and staff."
            error={errors.standardIds?.message}
            options={catalogue}
            value={field.value}
            onChange={(next) => {
              setMessage(null);
              field.onChange(next);
            }}
            onBlur={field.onBlur}
          />
        )}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save standards"}
      </Button>
    </form>
  );
}
