"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Path, type RegisterOptions, type Resolver } from "react-hook-form";
import type { ErrorSummaryItem } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { useAction, type AfterSuccess } from "./use-action";

export type ActionFormOptions<V extends FieldValues, T> = Omit<AfterSuccess<T>, "redirect" | "onSuccess"> & {
  /** Go here once the action worked (router.push), then refresh. */
  redirect?: string | ((data: T, values: V) => string);
  /** Runs first once the action worked, with what it returned and the values sent. */
  onSuccess?: (data: T, values: V) => void;
  /** Checked in the browser before anything is sent (the server checks again). Without one, only the server checks. */
  schema?: Parameters<typeof zodResolver>[0];
  /** Send the schema's output (trimmed, transformed) instead of the values as typed. */
  parsed?: boolean;
  defaultValues: DefaultValues<V>;
  /**
   * The form's fields in page order (the error summary's order), with any the service names that the form keeps
   * outside react-hook-form. Default: the keys of `defaultValues`.
   */
  fields?: string[];
  /** Several forms can share a page: control ids (and summary links) are `${idPrefix}-${field}`. */
  idPrefix?: string;
  action: (values: V) => Promise<ActionResult<T>>;
  /** Put the form back to its default values once the action worked. */
  resetOnSuccess?: boolean;
  /** A question to confirm (window.confirm) before sending; nothing is sent when the user says no. */
  confirm?: (values: V) => string | undefined;
};

/** Values through unchanged: a form without a schema still replaces its errors on every submit. */
const passThrough = (values: FieldValues) => ({ values, errors: {} });

/**
 * One react-hook-form form that sends its values to a server action. The service's field errors go on the fields
 * (`field(name)` gives a control its id, error and registration); messages about no field of the form go in the
 * error summary without a link. `summary` is what the `ErrorSummary` shows; it takes focus itself.
 */
export function useActionForm<V extends FieldValues, T = unknown>(options: ActionFormOptions<V, T>) {
  const { schema, parsed = false, defaultValues, idPrefix = "", action, resetOnSuccess = false, confirm, redirect, onSuccess, ...after } = options;
  const fields = options.fields ?? Object.keys(defaultValues);
  const resolver = schema ? zodResolver(schema, undefined, { raw: !parsed } as { raw: true }) : passThrough;
  const form = useForm<V>({
    resolver: resolver as unknown as Resolver<V>,
    defaultValues,
    // With a schema, a field is checked again as it changes; without one a server error stays until the next submit.
    reValidateMode: schema ? "onChange" : "onSubmit",
  });
  const runner = useAction();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const idFor = (name: string) => (idPrefix ? `${idPrefix}-${name}` : name);
  const errorFor = (name: string): string | undefined => {
    const message: unknown = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
    return typeof message === "string" ? message : undefined;
  };
  /** Props for a control of `name`: `<TextField label="…" {...field("name")} />`. */
  const field = (name: Path<V> & string, rules?: RegisterOptions<V, Path<V>>) => ({ id: idFor(name), error: errorFor(name), ...form.register(name, rules) });

  const summary: ErrorSummaryItem[] = [
    ...fields.flatMap((name) => {
      const message = errorFor(name);
      return message ? [{ field: idFor(name), message }] : [];
    }),
    ...formErrors.map((message) => ({ message })),
  ];

  const submit = form.handleSubmit((values) => {
    const question = confirm?.(values);
    if (question !== undefined && !window.confirm(question)) return;
    setFormErrors([]);
    runner.setMessage(null);
    runner.run(() => action(values), {
      ...after,
      redirect: typeof redirect === "function" ? (data) => redirect(data, values) : redirect,
      onSuccess: (data) => {
        if (resetOnSuccess) form.reset(defaultValues);
        onSuccess?.(data, values);
      },
      onFailure: (failure) => {
        const general: string[] = [];
        for (const [key, message] of Object.entries(failure.fieldErrors)) {
          // The error summary takes focus and links to the field.
          if (fields.includes(key)) form.setError(key as Path<V>, { type: "server", message }, { shouldFocus: false });
          else general.push(message);
        }
        if (general.length === 0 && Object.keys(failure.fieldErrors).length === 0) general.push(failure.message);
        setFormErrors(general);
        after.onFailure?.(failure);
      },
    });
  });

  // `runner` runs the form's other actions (a "Remove" beside "Save") with the same pending state and message.
  return { ...form, submit, field, idFor, errorFor, summary, formErrors, pending: runner.pending, message: runner.message, runner };
}
