/** Errors services throw; pages, actions and API handlers translate them to 403/404/422 responses. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

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
export class ConflictError extends Error {
  readonly status = 409;
  constructor(message = "This was changed by someone else while you were editing. Reload the page to see the latest version and try again.") {
    super(message);
    this.name = "ConflictError";
  }
}

export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; status: number; message: string; fieldErrors: FieldErrors };

/** Turns a thrown service error into a serialisable result for a server action. Unknown errors are re-thrown. */
export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof ValidationError) return { ok: false, status: 422, message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError || error instanceof NotFoundError || error instanceof ConflictError) {
    return { ok: false, status: error.status, message: error.message, fieldErrors: {} };
  }
  throw error;
}
