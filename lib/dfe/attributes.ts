import type { z } from "zod";

/**
 * Reading a request's `data.attributes` as DfE's Rails services do, for NPQ and ECF: whether an attribute is blank,
 * an attribute as text, and whether it has its documented shape (the attribute's schema in lib/dfe/api-schemas.ts,
 * which /api/docs is generated from, parses it). The services answer each failed rule with DfE's own message.
 */

/** Blank as Rails' `blank?` sees a request attribute: absent, null, or nothing but whitespace. */
export function isBlank(value: unknown): value is null | undefined {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** A request attribute as Rails would read it: strings as sent, numbers and booleans as text, anything else absent. */
export function textAttribute(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** Whether a request attribute has its documented shape: the attribute's schema parses it. */
export function conforms<T extends z.ZodType>(schema: T, value: unknown): value is z.output<T> & z.input<T> {
  return schema.safeParse(value).success;
}
