/**
 * The APIM gateway in front of the API, as Azure API Management documents it: the subscription key (missing or
 * unknown 401, expired 403; a key acts as its EPAO and nothing tells the caller whose key it is), the rate limit (a
 * sliding window per caller IP, or per key) and the body size limit.
 */
import type http from "node:http";
import type { SimClock } from "./clock";
import { APIM_MESSAGES } from "./messages";
import { apiError, type Reply } from "./reply";
import type { Caller, EsfaSimulatorKey, EsfaSimulatorOptions } from "./types";
import { ESFA_KEY_HEADER, ESFA_MAX_BODY_BYTES, ESFA_RATE_LIMIT } from "./wire";

/** The subscriptions: each key bound to one EPAO. */
export class KeyRing {
  private readonly keys: Map<string, EsfaSimulatorKey>;
  /** A key was added or expired since the last save. */
  changed = false;

  constructor(keys: EsfaSimulatorOptions["keys"]) {
    this.keys = new Map(normaliseKeys(keys).map((k) => [k.key, k]));
  }

  get(key: string) {
    return this.keys.get(key);
  }
  all(): EsfaSimulatorKey[] {
    return [...this.keys.values()];
  }
  /** Keys from state.json: they win over the ones given (a key's expiry survives a restart). */
  restore(keys: EsfaSimulatorKey[]) {
    for (const key of keys) this.keys.set(key.key, { ...key });
  }
  add(key: EsfaSimulatorKey) {
    this.keys.set(key.key, { ...key });
    this.changed = true;
  }
  expire(key: string) {
    const k = this.keys.get(key);
    if (!k) throw new Error("Unknown key");
    k.expired = true;
    this.changed = true;
  }
}

function normaliseKeys(keys: EsfaSimulatorOptions["keys"]): EsfaSimulatorKey[] {
  if (!keys) return [];
  if (Array.isArray(keys)) return keys.map((k) => ({ ...k }));
  return Object.entries(keys).map(([key, epaoId]) => ({ key, epaoId }));
}

/** Sliding windows of call times (simulator clock), one per caller. */
class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly clock: SimClock,
    private readonly rate: { calls: number; periodMs: number },
  ) {}

  /** Counts the call, or answers the seconds to wait when the window is full. */
  take(id: string): number | null {
    const { rate } = this;
    const now = this.clock.now();
    const window = (this.windows.get(id) ?? []).filter((t) => t > now - rate.periodMs);
    this.windows.set(id, window);
    if (window.length >= rate.calls) return Math.max(1, Math.ceil((window[0]! + rate.periodMs - now) / 1000));
    window.push(now);
    return null;
  }
  clear() {
    this.windows.clear();
  }
}

export class Gateway {
  readonly keys: KeyRing;
  private readonly rate: { calls: number; periodMs: number; by: "ip" | "key" } | null;
  private readonly limiter: RateLimiter | null;
  private readonly maxBody: number;

  constructor(clock: SimClock, options: Pick<EsfaSimulatorOptions, "keys" | "rateLimit" | "maxBodyBytes">) {
    this.keys = new KeyRing(options.keys);
    this.rate = options.rateLimit === false ? null : { ...ESFA_RATE_LIMIT, by: "ip" as const, ...options.rateLimit };
    this.limiter = this.rate ? new RateLimiter(clock, this.rate) : null;
    this.maxBody = options.maxBodyBytes ?? ESFA_MAX_BODY_BYTES;
  }

  /** Lets the request through as its caller, or answers what APIM answers: key, then rate limit, then body size. */
  admit(req: http.IncomingMessage, bodyLength: number): { caller: Caller } | { refused: Reply } {
    const presented = req.headers[ESFA_KEY_HEADER.toLowerCase()];
    const keyValue = Array.isArray(presented) ? presented[0] : presented;
    if (!keyValue) return { refused: apiError(401, APIM_MESSAGES.missingKey) };
    const key = this.keys.get(keyValue);
    if (!key) return { refused: apiError(401, APIM_MESSAGES.invalidKey) };
    if (key.expired) return { refused: apiError(403, APIM_MESSAGES.expiredKey) };
    const caller: Caller = { key, ip: req.socket.remoteAddress ?? "unknown" };

    const retryAfter = this.limiter?.take(this.rate?.by === "key" ? `key:${key.key}` : `ip:${caller.ip}`) ?? null;
    if (retryAfter != null) return { refused: apiError(429, APIM_MESSAGES.rateLimit(retryAfter), { "Retry-After": String(retryAfter) }) };

    const size = Number(req.headers["content-length"] ?? bodyLength);
    if (size > this.maxBody) return { refused: apiError(400, APIM_MESSAGES.bodyTooLarge(size, this.maxBody)) };
    return { caller };
  }

  /** Forgets the rate-limit windows. */
  resetRateLimit() {
    this.limiter?.clear();
  }
}
