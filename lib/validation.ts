import { ValidationError, type FieldErrors } from "@/lib/errors";

type SafeParser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

/** Validates a service's input with its zod schema; every problem becomes a field error (first message per field; input-level problems under "form"). */
export function parseInput<T>(schema: SafeParser<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // Keyed by the form field (the first path segment): an error inside a list belongs to the list's field.
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    fieldErrors[key] ??= issue.message;
  }
  throw new ValidationError(fieldErrors, fieldErrors.form ?? "There is a problem with what you entered.");
}
