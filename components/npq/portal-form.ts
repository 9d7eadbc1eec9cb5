import type { ActionFormOptions } from "@/components/forms/use-action-form";

/**
 * What the NPQ portal's forms have in common: the form's zod schema checks the values as typed, several forms can
 * share a page (`idPrefix` keeps their control ids and summary links apart), and a form empties once DfE took it.
 * DfE's messages about the request as a whole (titles such as `base` or `application`) go in the error summary.
 */
export function portalForm(idPrefix: string, schema: NonNullable<ActionFormOptions<never, never>["schema"]>) {
  return { idPrefix, schema, resetOnSuccess: true } as const;
}
