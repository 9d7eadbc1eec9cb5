import { ApiValidationError, BadRequestError, badRequest, json, notFound } from "@/lib/api/http";
import { API_MESSAGES, fill } from "@/lib/api/messages";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ActionResult, type FieldErrors } from "@/lib/errors";
import { BodyTooLargeError, formatBytes } from "@/lib/http/body";
import { jsonProblem, textProblem } from "@/lib/http/routes";

/**
 * The entry kit's error table: what every error a service (or a request parser) throws becomes at each way in.
 * One row per error class, one column per entry:
 *
 * - action: the failed `ActionResult` a server action returns to its form (lib/entry/action.ts);
 * - route: the status and problem of a portal route handler, written as JSON `{ message, fieldErrors }` or plain
 *   text (lib/entry/route.ts, lib/entry/uploads.ts);
 * - api: the DfE Lead Provider API's response body (lib/dfe/api-route.ts).
 *
 * An error without a row, or whose row leaves that column empty, is a real failure: it is re-thrown (a 500).
 *
 *     try { … } catch (error) { return toActionError(error, { declaration_date: "declarationDate" }); }
 *     try { … } catch (error) { return toRouteResponse(error, "text"); }
 *     try { … } catch (error) { return toApiResponse(error); }
 *
 * The wrappers call these; entry code rarely needs them itself.
 */

export type ActionFailure = Extract<ActionResult, { ok: false }>;

/** A DfE attribute (an ApiValidationError's `title`) → the form field its message belongs on. */
export type FieldNames = Record<string, string>;

/** A route handler's problem: the status, a message for the page and the field errors for a form. */
export type RouteProblem = { status: number; message: string; fieldErrors: FieldErrors };

type Row<E extends Error> = {
  error: abstract new (...args: never[]) => E;
  action?: (error: E, fields: FieldNames) => ActionFailure;
  route?: (error: E) => RouteProblem;
  api: (error: E) => Response;
};

const failure = (status: number, message: string, fieldErrors: FieldErrors = {}): ActionFailure => ({ ok: false, status, message, fieldErrors });
const problem = (status: number, message: string, fieldErrors: FieldErrors = {}): RouteProblem => ({ status, message, fieldErrors });
const row = <E extends Error>(r: Row<E>) => r as unknown as Row<Error>;

const TABLE: readonly Row<Error>[] = [
  row({
    error: ValidationError,
    action: (e) => failure(422, e.message, e.fieldErrors),
    // A route's page shows one message: the first field's.
    route: (e) => problem(422, Object.values(e.fieldErrors)[0] ?? e.message, e.fieldErrors),
    api: (e) => json({ errors: Object.entries(e.fieldErrors).map(([title, detail]) => ({ title, detail })) }, 422),
  }),
  // The API never says whether another lead provider's record exists: forbidden is not found there.
  row({ error: ForbiddenError, action: (e) => failure(e.status, e.message), route: (e) => problem(e.status, e.message), api: () => notFound() }),
  row({ error: NotFoundError, action: (e) => failure(e.status, e.message), route: (e) => problem(e.status, e.message), api: () => notFound() }),
  row({
    error: ConflictError,
    action: (e) => failure(e.status, e.message),
    route: (e) => problem(e.status, e.message),
    api: (e) => json({ errors: [{ title: "conflict", detail: e.message }] }, 422),
  }),
  row({
    error: ApiValidationError,
    // DfE's `{title, detail}`: a title the form knows lands on that field, any other (`base`, `application`,
    // `participant_id`, `cohort`…) is kept under its own name and shown as a problem with the whole form. DfE's
    // wording is kept as it is, as the API shows it.
    action: (e, fields) => {
      const fieldErrors: FieldErrors = {};
      for (const { title, detail } of e.errors) {
        const key = fields[title] ?? title;
        fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${detail}` : detail;
      }
      return failure(422, e.errors[0]?.detail ?? "There is a problem with what you entered.", fieldErrors);
    },
    api: (e) => json({ errors: e.errors }, 422),
  }),
  row({ error: BadRequestError, action: (e) => failure(400, e.detail), api: (e) => badRequest(e.detail) }),
  row({
    error: BodyTooLargeError,
    api: (e) =>
      json({ errors: [{ title: API_MESSAGES.payload_too_large, detail: fill(API_MESSAGES.payload_too_large_detail, { limit: formatBytes(e.limit) }) }] }, 413),
  }),
];

function rowOf(error: unknown): Row<Error> | undefined {
  return TABLE.find((r) => error instanceof r.error);
}

/** A thrown error as a server action's failed result (`fields` maps DfE attributes to form fields). Unknown errors are re-thrown. */
export function toActionError(error: unknown, fields: FieldNames = {}): ActionFailure {
  const action = rowOf(error)?.action;
  if (!action) throw error;
  return action(error as Error, fields);
}

/** A thrown error as a portal route's status and problem (403, 404, 409, 422). Unknown errors are re-thrown. */
export function toRouteProblem(error: unknown): RouteProblem {
  const route = rowOf(error)?.route;
  if (!route) throw error;
  return route(error as Error);
}

/** A thrown error as a portal route's response: JSON `{ message, fieldErrors }` for forms, plain text for downloads. */
export function toRouteResponse(error: unknown, format: "json" | "text"): Response {
  const { status, message, fieldErrors } = toRouteProblem(error);
  return format === "json" ? jsonProblem(status, message, fieldErrors) : textProblem(status, message);
}

/** A thrown error (a service's or a request parser's) as the DfE API's response. Unknown errors are re-thrown (500). */
export function toApiResponse(error: unknown): Response {
  const row = rowOf(error);
  if (!row) throw error;
  return row.api(error as Error);
}
