import type { ComponentProps, FormEventHandler } from "react";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui";

/**
 * The `<form>` of a `useActionForm`: submits through it and opens with its error summary (which takes focus when
 * problems are found). Put the success message, if any, first among the children.
 */
export function ActionForm({
  form,
  children,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit"> & { form: { submit: FormEventHandler; summary: ErrorSummaryItem[] } }) {
  return (
    <form onSubmit={form.submit} noValidate {...props}>
      <ErrorSummary errors={form.summary} />
      {children}
    </form>
  );
}
