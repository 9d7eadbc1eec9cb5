import { ApiValidationError, BadRequestError } from "@/lib/dfe/http";
import { NotFoundError, toActionError, type ActionResult, type FieldErrors } from "@/lib/errors";

/**
 * Turns what an NPQ service throws into a server action result for the portal's forms. DfE's validation errors
 * (`{title, detail}`) become field errors: a title the form knows (`fields`: DfE attribute → form field) lands on
 * that field, any other title (`base`, `application`, `participant_id`, `cohort`…) is kept under its own name and
 * shown as a problem with the whole form. DfE's wording is kept as it is, as the API shows it.
 */
export function toPortalError(error: unknown, fields: Record<string, string> = {}): Extract<ActionResult, { ok: false }> {
  if (error instanceof ApiValidationError) {
    const fieldErrors: FieldErrors = {};
    for (const { title, detail } of error.errors) {
      const key = fields[title] ?? title;
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${detail}` : detail;
    }
    return { ok: false, status: 422, message: error.errors[0]?.detail ?? "There is a problem with what you entered.", fieldErrors };
  }
  if (error instanceof BadRequestError) return { ok: false, status: 400, message: error.detail, fieldErrors: {} };
  return toActionError(error);
}

/** The DfE messages of a failed change, for per-row results (bulk actions). Unknown errors are re-thrown. */
export function problemsOf(error: unknown): string[] {
  if (error instanceof ApiValidationError) return error.errors.map((e) => e.detail);
  if (error instanceof NotFoundError) return ["This application cannot be found."];
  const result = toPortalError(error);
  const details = Object.values(result.fieldErrors);
  return details.length > 0 ? details : [result.message];
}
