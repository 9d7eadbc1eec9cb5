import { ApiValidationError } from "@/lib/api/http";
import { toActionError } from "@/lib/entry/errors";
import { NotFoundError } from "@/lib/errors";

/**
 * The DfE messages of a failed change, for per-row results (the portal's bulk actions, lib/npq/portal-actions.ts);
 * anything else is read from the entry kit's error table (lib/entry/errors.ts). Unknown errors are re-thrown.
 */
export function problemsOf(error: unknown): string[] {
  if (error instanceof ApiValidationError) return error.errors.map((e) => e.detail);
  if (error instanceof NotFoundError) return ["This application cannot be found."];
  const result = toActionError(error);
  const details = Object.values(result.fieldErrors);
  return details.length > 0 ? details : [result.message];
}
