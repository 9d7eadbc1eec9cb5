import { readBodyBytes } from "@/lib/http/body";
import { isUuid } from "@/lib/ids";
import { findNul, isRealDate, isStorableInstant } from "@/lib/validation";
import { API_MESSAGES, fill, message, MESSAGES } from "./messages";

/**
 * Request and response plumbing for the DfE Lead Provider API (v3 NPQ, v2 ECF): X-With-Server-Date, the request
 * body (size cap, JSON only), pagination and filter parsing, DfE's error classes and its exact bodies. The route
 * wrapper (bearer-token auth, the per-token rate limit, errors → DfE bodies) is `apiRoute` in lib/dfe/api-route.ts.
 * Handlers stay thin: parse, call a service with the LeadProviderActor, serialise. Nothing a client sends reaches
 * Postgres unchecked: no NUL characters (which Postgres cannot store), no offsets or dates outside what it can hold.
 */

/** A 400 with DfE's body: {"errors":[{"title":"Bad request","detail":…}]}. */
export class BadRequestError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "BadRequestError";
  }
}

/** A 422 with DfE's body: {"errors":[{"title":<attribute>,"detail":<message>}]}. */
export class ApiValidationError extends Error {
  constructor(readonly errors: { title: string; detail: string }[]) {
    super(errors.map((e) => `${e.title}: ${e.detail}`).join("; "));
    this.name = "ApiValidationError";
  }
}

export function invalid(title: string, detail: string): ApiValidationError {
  return new ApiValidationError([{ title, detail }]);
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

export const unauthorized = () => json({ error: MESSAGES.unauthorized }, 401);
export const notFound = () => json({ error: "Resource not found" }, 404);
export const badRequest = (detail: string) => json({ errors: [{ title: MESSAGES.bad_request, detail }] }, 400);

/** Whether X-With-Server-Date is honoured: only on a sandbox, which says so with ATTAIN_ENVIRONMENT=sandbox (opt-in). */
function serverDateAllowed(): boolean {
  return process.env.ATTAIN_ENVIRONMENT === "sandbox";
}

/**
 * X-With-Server-Date lets a client run the request as if the server clock were that time. A testing aid, so it is
 * opt-in: honoured only when ATTAIN_ENVIRONMENT=sandbox (the demo and the tests set it) and ignored everywhere else.
 */
export function serverDate(request: Request): Date {
  const header = request.headers.get("x-with-server-date");
  if (!header || !serverDateAllowed()) return new Date();
  const parsed = new Date(header);
  if (!isStorableInstant(parsed)) throw new BadRequestError(API_MESSAGES.invalid_server_date);
  return parsed;
}

export type Pagination = { page: number; perPage: number; offset: number };
export const DEFAULT_PER_PAGE = 100;

/** The page object services take, for a 1-based page (pages below 1 count as the first). */
export function pageOf(page: number, perPage: number): Pagination {
  const p = Math.max(1, Math.floor(page));
  return { page: p, perPage, offset: (p - 1) * perPage };
}
export const MAX_PER_PAGE = 3000;

/**
 * page[page] and page[per_page]: defaults 1 and 100; per_page above 3000 falls back to 3000; anything not a positive
 * integer is a 400, and so is a page so far out that its offset is not an exact number (it could not be sent to
 * Postgres): any page up to there past the end is an empty list, as DfE's.
 */
export function pagination(params: URLSearchParams): Pagination {
  const parse = (name: string, fallback: number) => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new BadRequestError(MESSAGES.invalid_page_parameters);
    return Number(raw);
  };
  const page = parse("page[page]", 1);
  const perPage = Math.min(parse("page[per_page]", DEFAULT_PER_PAGE), MAX_PER_PAGE);
  if (!Number.isSafeInteger(page) || !Number.isSafeInteger((page - 1) * perPage)) throw new BadRequestError(MESSAGES.invalid_page_parameters);
  return pageOf(page, perPage);
}

/** filter[updated_since] and other date filters: ISO 8601 with a real calendar date (no 30 February) in years 1–9999, or a 400. */
export function dateFilter(params: URLSearchParams, name: string): Date | undefined {
  const raw = params.get(`filter[${name}]`);
  if (raw === null || raw === "") return undefined;
  const parsed = isRealDate(raw.slice(0, 10)) ? new Date(raw) : new Date(NaN);
  if (!isStorableInstant(parsed)) throw new BadRequestError(message("invalid_date_filter", { parameterized_attribute: name }));
  return parsed;
}

/** filter[cohort]=2021,2022 → [2021, 2022]; nonsense values simply match nothing. */
export function cohortFilter(params: URLSearchParams): number[] | undefined {
  const raw = params.get("filter[cohort]");
  if (!raw) return undefined;
  return raw
    .split(",")
    .map((v) => v.trim())
    .filter((v) => /^\d{4}$/.test(v))
    .map(Number);
}

export { isUuid };

/** filter[participant_id]=uuid,uuid → list, or a 400 when any is not a UUID. */
export function participantIdFilter(params: URLSearchParams): string[] | undefined {
  const raw = params.get("filter[participant_id]");
  if (!raw) return undefined;
  const ids = raw
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (ids.some((id) => !isUuid(id))) throw new BadRequestError(MESSAGES.invalid_participant_id_filter);
  return ids;
}

/** The filters a DfE list endpoint may accept (filter[cohort], filter[updated_since], filter[participant_id]). */
export type ListFilterName = "cohort" | "updated_since" | "participant_id";
export type ListFilters = { pagination: Pagination; cohorts?: number[]; updatedSince?: Date; participantIds?: string[] };

/**
 * A DfE list endpoint's query: page[…] first, then the filters it names, read in the order given (so the first
 * problem a request has is the one reported, as each endpoint always did).
 */
export function listFilters(query: URLSearchParams, ...names: ListFilterName[]): ListFilters {
  const filters: ListFilters = { pagination: pagination(query) };
  for (const name of names) {
    if (name === "cohort") filters.cohorts = cohortFilter(query);
    else if (name === "updated_since") filters.updatedSince = dateFilter(query, "updated_since");
    else filters.participantIds = participantIdFilter(query);
  }
  return filters;
}

/** sort=-created_at,updated_at → [{ field, direction }], only for allowed fields (others ignored, as DfE does). */
export function sortParam<F extends string>(params: URLSearchParams, allowed: readonly F[]): { field: F; direction: "asc" | "desc" }[] {
  const raw = params.get("sort");
  if (!raw) return [];
  return raw
    .split(",")
    .map((part) => part.trim())
    .flatMap((part) => {
      const direction = part.startsWith("-") ? ("desc" as const) : ("asc" as const);
      const field = part.replace(/^[-+]/, "") as F;
      return allowed.includes(field) ? [{ field, direction }] : [];
    });
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** API_MAX_BODY_BYTES: the largest request body the API reads (default 1 MB); anything larger is a 413. */
export function maxBodyBytes(): number {
  const configured = Number(process.env.API_MAX_BODY_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_BODY_BYTES;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const bodies = new WeakMap<Request, Promise<unknown>>();

/**
 * The request's JSON body, read once per request whoever asks (undefined when there is none). The one reader of
 * API bodies: at most API_MAX_BODY_BYTES are ever held (BodyTooLargeError, a 413, otherwise); a body that is not
 * application/json, not UTF-8 or not JSON is DfE's 400; a string holding a NUL character is a 422 on its attribute.
 */
export function requestBody(request: Request): Promise<unknown> {
  let body = bodies.get(request);
  if (!body) {
    body = parseBody(request);
    bodies.set(request, body);
  }
  return body;
}

async function parseBody(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBodyBytes());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError(MESSAGES.invalid_data_structure);
  }
  if (!text.trim()) return undefined;
  // DfE's Rails only parses JSON bodies: any other type leaves `data` missing, which its API answers with this 400.
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new BadRequestError(MESSAGES.invalid_data_structure);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError(MESSAGES.invalid_data_structure);
  }
  const nul = findNul(body);
  if (nul) {
    const attribute = (nul[0] === "data" && nul[1] === "attributes" ? nul.slice(2) : nul).join("/") || "data";
    throw invalid(attribute, fill(API_MESSAGES.nul_in_attribute, { parameterized_attribute: attribute }));
  }
  return body;
}

/** Whether the JSON body has a `data` member at all (DfE: no `data` means no attributes; `data` without usable ones is a 400). */
async function sentData(request: Request): Promise<boolean> {
  const body = await requestBody(request);
  return typeof body === "object" && body !== null && "data" in body;
}

/** The JSON body's `data.attributes` (DfE request shape), or a 400 when the body is not that structure. */
export async function readAttributes(request: Request, { optional = false } = {}): Promise<Record<string, unknown>> {
  const body = await requestBody(request);
  if (body === undefined) {
    if (optional) return {};
    throw new BadRequestError(MESSAGES.invalid_data_structure);
  }
  const data = (body as { data?: unknown })?.data;
  const attributes = (data as { attributes?: unknown })?.attributes;
  if (
    typeof body !== "object" ||
    body === null ||
    typeof data !== "object" ||
    data === null ||
    typeof attributes !== "object" ||
    attributes === null ||
    Array.isArray(attributes)
  ) {
    if (optional && typeof body === "object" && body !== null && !("data" in body)) return {};
    throw new BadRequestError(MESSAGES.invalid_data_structure);
  }
  return attributes as Record<string, unknown>;
}

/**
 * The attributes of an optional body that changes some of `names` (accept, change funded place): no body, or a body
 * without `data`, changes nothing ({}); `data` whose attributes hold none of `names` is DfE's 400.
 */
export async function optionalAttributes(request: Request, names: readonly string[]): Promise<Record<string, unknown>> {
  const attributes = await readAttributes(request, { optional: true });
  if (!names.some((name) => name in attributes) && (await sentData(request))) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return attributes;
}

/** `{"data": …}` — list responses hold only data (no totals), as DfE's do. */
export function dataResponse(data: unknown, status = 200): Response {
  return json({ data }, status);
}
