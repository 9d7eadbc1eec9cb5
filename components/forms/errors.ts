import type { FieldErrors, FieldValues, Path, UseFormReturn } from "react-hook-form";

/** Puts server-side field errors (from a service ValidationError) onto the react-hook-form fields. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, fieldErrors: Record<string, string>) {
  let first = true;
  for (const [field, message] of Object.entries(fieldErrors)) {
    form.setError(field as Path<T>, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
}

/** The error summary entries for the given fields, in form order. */
export function summaryFromErrors<T extends FieldValues>(errors: FieldErrors<T>, fields: (keyof T & string)[]) {
  return fields.flatMap((field) => {
    const message = errors[field]?.message;
    return typeof message === "string" ? [{ field, message }] : [];
  });
}
