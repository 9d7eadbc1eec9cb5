/** Errors services throw; the entry kit (lib/entry/errors.ts) translates them for actions, routes and the API (403/404/409/422). */
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

/** What a server action returns to its form (lib/entry/action.ts builds it; client components read it). */
export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; status: number; message: string; fieldErrors: FieldErrors };
