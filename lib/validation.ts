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

// ---------------------------------------------------------------------------------------------------------------
// Values Postgres cannot take. Checked where input arrives, so a bad value is a 4xx and never a failed query (500).

/**
 * The path to the first string (a value or a key) holding a NUL character (U+0000) in a JSON-like value (plain
 * objects, arrays, strings), or null when there is none. Other values (dates, files, bytes) are not looked into.
 */
export function findNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return null;
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** A calendar date written YYYY-MM-DD that exists (no 30 February, no month 13) in the years Postgres stores (0001–9999). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith("0000")) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An instant Postgres can store and JavaScript can print as ISO 8601: a valid date in the UTC years 1–9999. */
export function isStorableInstant(date: Date): boolean {
  if (Number.isNaN(date.getTime())) return false;
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999;
}
