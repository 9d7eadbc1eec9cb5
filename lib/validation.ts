import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

type SafeParser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

export const NUL_MESSAGE = "Remove the hidden control character from this answer";

/** Validates a service's input with its zod schema; every problem becomes a field error (first message per field; input-level problems under "form"). */
export function parseInput<T>(schema: SafeParser<T>, input: unknown): T {
  // Postgres cannot store a NUL character in text: refuse it here, for every service, rather than fail in the query.
  const nul = findNul(input);
  if (nul) {
    const key = nul.length > 0 ? nul[0]! : "form";
    throw new ValidationError({ [key]: NUL_MESSAGE }, NUL_MESSAGE);
  }
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
    // An uploaded file ({ name, bytes }): its name is checked by lib/storage, which refuses control characters with
    // the upload's own field error and keeps nothing of a refused upload.
    if ((value as { bytes?: unknown }).bytes instanceof Uint8Array) return null;
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

// ---------------------------------------------------------------------------------------------------------------
// List URLs (search params). One set of parsers for every portal list, so a hand-edited or hostile URL never reaches
// the database: a value that cannot be used is dropped (the filter is not applied), and the page can say so.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Search params as a page receives them (or a URLSearchParams): the first of repeated values; empty values dropped. */
export function flatSearchParams(params: RawSearchParams | URLSearchParams): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((k) => [k, params.get(k)] as const)
      : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(entries.filter((e): e is readonly [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

// C0 controls and DEL: nobody types them into a search box, and Postgres refuses NUL outright.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * Free text from a list URL (a search box): control characters become spaces, then it is trimmed; empty is no
 * filter; longer than `max` characters is dropped.
 */
export const searchText = (max = 100) =>
  z
    .string()
    .transform((v) => v.replace(CONTROL_CHARACTERS, " ").trim())
    .pipe(z.string().max(max))
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined);

/** A date filter: a real calendar date (isRealDate), or dropped. */
export const searchDate = () => z.string().refine(isRealDate).optional().catch(undefined);

const boundedInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A whole number from a list URL within [min, max] (an age, a year); anything else (huge, negative, 1.5, "abc") is dropped. */
export const searchInt = (min: number, max: number) => boundedInt(min, max).optional().catch(undefined);

/** A page number from a list URL: 1 to `max`, otherwise the first page (so the offset always fits the database). */
export const searchPage = (max = 100_000) => boundedInt(1, max).catch(1);

/**
 * A list URL read with its schema (whose fields use the parsers above and `.catch`), and the names of the params
 * that were given but not used (so a page can show that a filter was not applied, rather than silently nothing).
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, params: RawSearchParams | URLSearchParams): { query: z.infer<S>; ignored: string[] } {
  const flat = flatSearchParams(params);
  const query = schema.parse(flat) as z.infer<S>;
  const ignored = Object.keys(flat).filter((key) => key in schema.shape && (query as Record<string, unknown>)[key] === undefined);
  return { query, ignored };
}
