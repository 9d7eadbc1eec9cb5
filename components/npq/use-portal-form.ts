"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { ErrorSummaryItem } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";

/**
 * react-hook-form for the NPQ portal's forms: validates with the form's zod schema, sends the values to a server
 * action and, when the service refuses, puts DfE's messages on the fields they are about; messages about the
 * request as a whole (DfE titles such as `base` or `application`) are shown in the error summary without a link.
 * Several of these forms can share a page: `idPrefix` keeps their control ids (and summary links) apart.
 */
export function usePortalForm<V extends FieldValues>({
  schema,
  defaultValues,
  fields,
  idPrefix = "",
}: {
  schema: Parameters<typeof zodResolver>[0];
  defaultValues: DefaultValues<V>;
  fields: (keyof V & string)[];
  idPrefix?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<V>({ resolver: zodResolver(schema, undefined, { raw: true }) as unknown as Resolver<V>, defaultValues });
  const idFor = (field: keyof V & string) => (idPrefix ? `${idPrefix}-${field}` : field);

  const summary: ErrorSummaryItem[] = [
    ...fields.flatMap((f) => {
      const message = form.formState.errors[f]?.message;
      return typeof message === "string" ? [{ field: idFor(f), message }] : [];
    }),
    ...formErrors.map((message) => ({ message })),
  ];

  /** Submits to `action`; on success resets the form and goes to `doneHref` (usually the page with `?done=…`). */
  function submit<T>(action: (values: V) => Promise<ActionResult<T>>, doneHref: string | ((data: T) => string)) {
    return form.handleSubmit((values) => {
      setFormErrors([]);
      startTransition(async () => {
        const result = await action(values);
        if (result.ok) {
          form.reset(defaultValues);
          router.push(typeof doneHref === "function" ? doneHref(result.data) : doneHref, { scroll: true });
          router.refresh();
          return;
        }
        const general: string[] = [];
        let onFields = 0;
        for (const [key, message] of Object.entries(result.fieldErrors)) {
          if ((fields as string[]).includes(key)) {
            // The error summary takes focus and links to the field.
            form.setError(key as Path<V>, { type: "server", message }, { shouldFocus: false });
            onFields++;
          } else general.push(message);
        }
        if (onFields === 0 && general.length === 0) general.push(result.message);
        setFormErrors(general);
      });
    });
  }

  return { form, pending, summary, submit, idFor };
}
