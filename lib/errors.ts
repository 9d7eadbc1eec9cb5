/** Errors services throw; the entry kit (lib/entry/errors.ts) translates them for actions, routes and the API (403/404/409/422). */

/** An error class with its HTTP status, its name and the message used when none is given. */
function errorWithStatus<S extends number>(name: string, status: S, defaultMessage: string) {
  return class extends Error {
    readonly status: S = status;
    constructor(message = defaultMessage) {
      super(message);
      this.name = name;
    }
  };
}

export class ForbiddenError extends errorWithStatus("ForbiddenError", 403, "You do not have permission to do that.") {}

export class NotFoundError extends errorWithStatus("NotFoundError", 404, "Not found.") {}

export type FieldErrors = Record<string, string>;

export class ValidationError extends Error {
  readonly status = 422;
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "There is a problem with what you entered.",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** A stale edit: someone else changed the thing since the form was loaded. */
export class ConflictError extends errorWithStatus(
  "ConflictError",
  409,
  "This was changed by someone else while you were editing. Reload the page to see the latest version and try again.",
) {}

/** What a server action returns to its form (lib/entry/action.ts builds it; client components read it). */
export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; status: number; message: string; fieldErrors: FieldErrors };

/** The one row a query found, or NotFoundError (with `message`, or the default "Not found."). */
export async function oneOrNotFound<T>(rows: PromiseLike<T[]>, message?: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new NotFoundError(message);
  return row;
}
