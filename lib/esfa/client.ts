/**
 * Typed client for the ESFA Assessment Service External API ("Record a grade API").
 *
 * - Batches: create/update/submit split the items into requests of at most 25 items (and under the gateway's
 *   ~32 KB body limit) and answer one result per item, in input order. A request that fails as a whole marks its
 *   own items with `error`; after an auth or availability failure the remaining requests are not sent.
 * - Retries with exponential backoff and full jitter on 5xx, 429 (Retry-After honoured), network errors and
 *   timeouts; never on 4xx. Every attempt goes through the pacer (120 calls per 60 s by default).
 * - POST is not idempotent: a create that timed out may have been applied, and its retry then answers
 *   "Certificate already exists: {ref}" for that item. `alreadyExistsReference()` reads the reference from it.
 */
import {
  ESFA_ENDPOINTS,
  ESFA_KEY_HEADER,
  ESFA_MAX_BATCH,
  ESFA_MAX_BODY_BYTES,
  ESFA_RATE_LIMIT,
  type EsfaBatchCertificateResponse,
  type EsfaCertificate,
  type EsfaCreateCertificateRequest,
  type EsfaEndpoint,
  type EsfaLearnerRecord,
  type EsfaStandardOptions,
  type EsfaSubmitCertificateRequest,
  type EsfaUpdateCertificateRequest,
} from "./types";

// ---------------------------------------------------------------- errors

export class EsfaError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly endpoint: EsfaEndpoint | null,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "EsfaError";
  }
}

/** 401, or 403 for the subscription key (missing, wrong, expired). Retrying will not help; the key needs fixing. */
export class EsfaAuthError extends EsfaError {
  constructor(message: string, status: number, endpoint: EsfaEndpoint | null, body: unknown) {
    super(message, status, endpoint, body);
    this.name = "EsfaAuthError";
  }
}

/** Any other 4xx: validation answers (403 with "; "-joined messages), batch limit, body too large, bad input. */
export class EsfaRequestError extends EsfaError {
  /** The API's validation messages, split. */
  readonly messages: string[];
  constructor(message: string, status: number, endpoint: EsfaEndpoint | null, body: unknown) {
    super(message, status, endpoint, body);
    this.name = "EsfaRequestError";
    this.messages = message.split("; ").filter(Boolean);
  }
}

/** The service could not be reached or kept failing (5xx, 429, network errors, timeouts) after every retry. */
export class EsfaUnavailableError extends EsfaError {
  constructor(
    message: string,
    status: number | null,
    endpoint: EsfaEndpoint | null,
    readonly attempts: number,
    readonly reason: "status" | "timeout" | "network",
    body: unknown = null,
    options?: { cause?: unknown },
  ) {
    super(message, status, endpoint, body);
    this.name = "EsfaUnavailableError";
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

// ---------------------------------------------------------------- pacing

export interface EsfaPacer {
  /** Resolves when one more call fits in the window; records it. */
  acquire(): Promise<void>;
}

/**
 * A sliding-window pacer: at most `calls` call starts in any `periodMs` (plus `marginMs` of slack for clock
 * differences with the gateway). Share one instance between clients that share an IP address.
 */
export function createPacer(
  options: {
    calls?: number;
    periodMs?: number;
    marginMs?: number;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): EsfaPacer {
  const calls = options.calls ?? ESFA_RATE_LIMIT.calls;
  const period = (options.periodMs ?? ESFA_RATE_LIMIT.periodMs) + (options.marginMs ?? 0);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return {
    acquire() {
      const turn = queue.then(async () => {
        for (;;) {
          const t = now();
          while (starts.length > 0 && starts[0]! <= t - period) starts.shift();
          if (starts.length < calls) {
            starts.push(t);
            return;
          }
          await sleep(starts[0]! + period - t);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

// ---------------------------------------------------------------- client

export interface EsfaCall {
  method: string;
  /** The request path (holds ULN and family name for single-learner calls). */
  path: string;
  /** Route template, free of personal data, e.g. "GET /api/v1/certificate/{uln}/{familyName}/{standard}". */
  endpoint: EsfaEndpoint;
  /** HTTP status, or null when no answer came (timeout, network error). */
  status: number | null;
  ms: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Items in the request (batch calls). */
  items?: number;
  error?: string;
}

export interface EsfaClientOptions {
  /** e.g. https://…/assessor-service-api-preprod/ or the simulator's url. */
  baseUrl: string;
  subscriptionKey: string;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  fetch?: typeof fetch;
  /** A pacer, pacer settings, or false for none. Default: 120 calls per 60 s (+500 ms margin) for this client. */
  pace?: EsfaPacer | { calls?: number; periodMs?: number; marginMs?: number } | false;
  /** Backoff: delay before retry n (1-based) is random() × min(maxMs, baseMs × 2^(n-1)). Defaults 500 ms, 30 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Longest Retry-After the client waits for. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Test hooks. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onCall?: (call: EsfaCall) => void;
  /** Defaults 25 items and 32 KB. */
  maxBatchSize?: number;
  maxBodyBytes?: number;
}

/** One result per input item, in input order. */
export interface EsfaBatchItemResult extends EsfaBatchCertificateResponse {
  /** Set when the request carrying this item failed as a whole (then `certificate` is null and there are no validationErrors). */
  error?: EsfaError;
}

export interface EsfaClient {
  ping(): Promise<void>;
  /** null when the learner is unknown (404); validation answers (403) throw EsfaRequestError. */
  getLearner(uln: number | string, familyName: string, standard: number | string): Promise<EsfaLearnerRecord | null>;
  /** null when there is no certificate (204); validation answers (403) throw EsfaRequestError. */
  getCertificate(uln: number | string, familyName: string, standard: number | string): Promise<EsfaCertificate | null>;
  createCertificates(items: EsfaCreateCertificateRequest[]): Promise<EsfaBatchItemResult[]>;
  updateCertificates(items: EsfaUpdateCertificateRequest[]): Promise<EsfaBatchItemResult[]>;
  submitCertificates(items: EsfaSubmitCertificateRequest[]): Promise<EsfaBatchItemResult[]>;
  /** Only while Draft/Ready; validation answers (403) throw EsfaRequestError. */
  deleteCertificate(uln: number | string, familyName: string, standard: number | string, certificateReference: string): Promise<void>;
  grades(): Promise<string[]>;
  /** Every standard version with options. */
  options(): Promise<EsfaStandardOptions[]>;
  /** One standard (latest version, or `version`): null when unknown (404), empty courseOption when it has none (204). */
  options(standard: number | string, version?: string): Promise<EsfaStandardOptions | null>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Answer {
  status: number;
  body: unknown;
}

class TimeoutError extends Error {}

function errorMessage(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const b = body as { message?: unknown; title?: unknown; errors?: unknown };
    if (typeof b.message === "string" && b.message) return b.message;
    if (typeof b.title === "string") {
      const details =
        b.errors && typeof b.errors === "object"
          ? Object.values(b.errors as Record<string, unknown>)
              .flat()
              .filter((e) => typeof e === "string")
          : [];
      return [b.title, ...details].join(" ");
    }
  }
  if (typeof body === "string" && body.trim()) return body.trim().slice(0, 500);
  return `HTTP ${status}`;
}

/** "Certificate already exists: 00001234" → "00001234". */
export function alreadyExistsReference(validationErrors: readonly string[]): string | null {
  for (const message of validationErrors) {
    const match = /^Certificate already exists: (\S+)$/.exec(message.trim());
    if (match) return match[1]!;
  }
  return null;
}

/**
 * Where the certificate really is. The API shows the print-process statuses as "Submitted" and puts the
 * progress in `printed` and `delivered`; this reads them back: Draft, Ready, Submitted, Printed, Delivered,
 * NotDelivered (or the raw status for anything else).
 */
export function certificateStage(certificate: EsfaCertificate): string {
  const status = certificate.status.currentStatus;
  if (status !== "Submitted") return status;
  const delivered = certificate.delivered?.status;
  if (delivered === "Delivered" || delivered === "NotDelivered") return delivered;
  if (delivered === "WaitingForDelivery" || certificate.printed?.printedAt) return "Printed";
  return "Submitted";
}

const encoder = new TextEncoder();
const seg = (value: number | string) => encodeURIComponent(String(value).trim());

export function createEsfaClient(options: EsfaClientOptions): EsfaClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = Math.max(0, options.retries ?? 3);
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const baseMs = options.backoff?.baseMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const maxBatch = Math.min(options.maxBatchSize ?? ESFA_MAX_BATCH, ESFA_MAX_BATCH);
  const maxBody = options.maxBodyBytes ?? ESFA_MAX_BODY_BYTES;
  const pacer: EsfaPacer | null =
    options.pace === false ? null : options.pace && "acquire" in options.pace ? options.pace : createPacer({ marginMs: 500, ...options.pace, now, sleep });

  /** One attempt. Resolves with the status and parsed body; rejects with TimeoutError or the network error. */
  async function attempt(method: string, path: string, body: string | undefined): Promise<Answer & { retryAfterMs: number | null }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(`No answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          [ESFA_KEY_HEADER]: options.subscriptionKey,
          Accept: "application/json",
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body,
        signal: controller.signal,
      });
      const text = await response.text();
      let parsed: unknown = text;
      if (text && (response.headers.get("content-type") ?? "").includes("json")) {
        try {
          parsed = JSON.parse(text);
        } catch {
          /* keep the text */
        }
      } else if (!text) parsed = null;
      const header = response.headers.get("retry-after");
      let retryAfterMs: number | null = null;
      if (header) {
        const seconds = Number(header);
        retryAfterMs = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(header) - Date.now());
        if (!Number.isFinite(retryAfterMs)) retryAfterMs = null;
      }
      return { status: response.status, body: parsed, retryAfterMs };
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends with pacing and retries; answers 2xx/404 (for the caller to read) or throws a typed error. */
  async function call(endpoint: EsfaEndpoint, path: string, body?: unknown, items?: number): Promise<Answer> {
    const method = endpoint.split(" ")[0]!;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let last: EsfaUnavailableError | null = null;
    for (let n = 1; n <= retries + 1; n++) {
      if (pacer) await pacer.acquire();
      const started = now();
      let wait: number | null = null;
      try {
        const answer = await attempt(method, path, payload);
        const ms = now() - started;
        const { status } = answer;
        const failed = status >= 400 && status !== 404;
        options.onCall?.({ method, path, endpoint, status, ms, attempt: n, items, ...(failed ? { error: errorMessage(answer.body, status) } : {}) });
        if (status < 400 || status === 404) return answer;
        const message = errorMessage(answer.body, status);
        if (status === 429 || status >= 500) {
          last = new EsfaUnavailableError(message, status, endpoint, n, "status", answer.body);
          if (answer.retryAfterMs != null) wait = Math.min(answer.retryAfterMs, maxRetryAfterMs);
        } else if (status === 401 || (status === 403 && /subscription|access denied/i.test(message))) {
          throw new EsfaAuthError(message, status, endpoint, answer.body);
        } else {
          throw new EsfaRequestError(message, status, endpoint, answer.body);
        }
      } catch (error) {
        if (error instanceof EsfaError) throw error;
        const ms = now() - started;
        const timedOut = error instanceof TimeoutError;
        const message = timedOut ? (error as Error).message : `Network error: ${(error as Error)?.message ?? String(error)}`;
        options.onCall?.({ method, path, endpoint, status: null, ms, attempt: n, items, error: message });
        last = new EsfaUnavailableError(message, null, endpoint, n, timedOut ? "timeout" : "network", null, { cause: error });
      }
      if (n <= retries) {
        const backoff = random() * Math.min(maxMs, baseMs * 2 ** (n - 1));
        await sleep(wait ?? backoff);
      }
    }
    const final = last!;
    throw new EsfaUnavailableError(
      `ESFA unavailable after ${retries + 1} attempt${retries ? "s" : ""}: ${final.message}`,
      final.status,
      endpoint,
      retries + 1,
      final.reason,
      final.body,
      { cause: final },
    );
  }

  /** Splits into requests of at most maxBatch items and maxBody bytes. */
  function chunk<T>(items: T[]): { start: number; items: T[] }[] {
    const chunks: { start: number; items: T[] }[] = [];
    let current: T[] = [];
    let size = 2;
    let start = 0;
    items.forEach((item, i) => {
      const itemSize = encoder.encode(JSON.stringify(item)).length + 1;
      if (current.length > 0 && (current.length >= maxBatch || size + itemSize > maxBody)) {
        chunks.push({ start, items: current });
        current = [];
        size = 2;
        start = i;
      }
      current.push(item);
      size += itemSize;
    });
    if (current.length > 0) chunks.push({ start, items: current });
    return chunks;
  }

  async function runBatch<T extends { requestId: string }>(endpoint: EsfaEndpoint, items: T[]): Promise<EsfaBatchItemResult[]> {
    const results: EsfaBatchItemResult[] = new Array(items.length);
    const path = `/${endpoint.split(" ")[1]!.replace(/^\//, "")}`;
    let stop: EsfaError | null = null;
    for (const part of chunk(items)) {
      const fail = (error: EsfaError) =>
        part.items.forEach((item, i) => {
          results[part.start + i] = { requestId: item.requestId, certificate: null, validationErrors: [], error };
        });
      if (stop) {
        fail(stop);
        continue;
      }
      try {
        const answer = await call(endpoint, path, part.items, part.items.length);
        const list = Array.isArray(answer.body) ? (answer.body as EsfaBatchCertificateResponse[]) : null;
        if (!list || list.length !== part.items.length) {
          fail(
            new EsfaError(
              `Unexpected answer: ${list ? `${list.length} results for ${part.items.length} items` : "not a list"}`,
              answer.status,
              endpoint,
              answer.body,
            ),
          );
          continue;
        }
        part.items.forEach((item, i) => {
          // The API answers in request order; match by requestId when they are unique, else by position.
          const byId = list.filter((r) => r.requestId === item.requestId);
          const r = byId.length === 1 ? byId[0]! : list[i]!;
          results[part.start + i] = {
            requestId: r.requestId ?? item.requestId,
            certificate: r.certificate ?? null,
            validationErrors: r.validationErrors ?? [],
          };
        });
      } catch (error) {
        if (!(error instanceof EsfaError)) throw error;
        fail(error);
        if (error instanceof EsfaAuthError || error instanceof EsfaUnavailableError) stop = error;
      }
    }
    return results;
  }

  async function standardOptions(standard?: number | string, version?: string): Promise<EsfaStandardOptions[] | EsfaStandardOptions | null> {
    if (standard === undefined) {
      const answer = await call(ESFA_ENDPOINTS.options, "/api/v1/standards/options");
      return (answer.body as EsfaStandardOptions[]) ?? [];
    }
    const endpoint = version ? ESFA_ENDPOINTS.optionsForVersion : ESFA_ENDPOINTS.optionsForStandard;
    const answer = await call(endpoint, `/api/v1/standards/options/${seg(standard)}${version ? `/${seg(version)}` : ""}`);
    if (answer.status === 404) return null;
    if (answer.status === 204) {
      const code = typeof standard === "number" || /^\d+$/.test(standard) ? Number(standard) : null;
      return { standardCode: code, standardReference: code == null ? String(standard) : null, version: version ?? null, courseOption: [] };
    }
    return answer.body as EsfaStandardOptions;
  }

  const notFoundIsError = (answer: Answer, endpoint: EsfaEndpoint) => {
    if (answer.status === 404) throw new EsfaRequestError(errorMessage(answer.body, 404), 404, endpoint, answer.body);
    return answer;
  };

  return {
    async ping() {
      notFoundIsError(await call(ESFA_ENDPOINTS.ping, "/Ping"), ESFA_ENDPOINTS.ping);
    },
    async getLearner(uln, familyName, standard) {
      const answer = await call(ESFA_ENDPOINTS.getLearner, `/api/v1/learner/${seg(uln)}/${seg(familyName)}/${seg(standard)}`);
      return answer.status === 404 || answer.status === 204 ? null : (answer.body as EsfaLearnerRecord);
    },
    async getCertificate(uln, familyName, standard) {
      const endpoint = ESFA_ENDPOINTS.getCertificate;
      const answer = notFoundIsError(await call(endpoint, `/api/v1/certificate/${seg(uln)}/${seg(familyName)}/${seg(standard)}`), endpoint);
      return answer.status === 204 || answer.body == null ? null : (answer.body as EsfaCertificate);
    },
    createCertificates: (items) => runBatch(ESFA_ENDPOINTS.createCertificates, items),
    updateCertificates: (items) => runBatch(ESFA_ENDPOINTS.updateCertificates, items),
    submitCertificates: (items) => runBatch(ESFA_ENDPOINTS.submitCertificates, items),
    async deleteCertificate(uln, familyName, standard, certificateReference) {
      const endpoint = ESFA_ENDPOINTS.deleteCertificate;
      notFoundIsError(await call(endpoint, `/api/v1/certificate/${seg(uln)}/${seg(familyName)}/${seg(standard)}/${seg(certificateReference)}`), endpoint);
    },
    async grades() {
      const endpoint = ESFA_ENDPOINTS.grades;
      const answer = notFoundIsError(await call(endpoint, "/api/v1/certificate/grades"), endpoint);
      return answer.body as string[];
    },
    options: standardOptions as EsfaClient["options"],
  };
}
