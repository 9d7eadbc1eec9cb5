/**
 * Faults a test injects before the gateway (control.failNext, hangNext, setDelay, throttle): error statuses,
 * requests that hang, a delay on every response, 429s for a while. Delays and hangs use real timers.
 */
import type { SimClock } from "./clock";
import { APIM_MESSAGES, STATUS_MESSAGES } from "./messages";
import { apiError, type Reply } from "./reply";
import type { EsfaFault } from "./types";

interface ActiveFault {
  type: "status" | "hang" | "throttle";
  remaining: number;
  endpoint?: string;
  status?: number;
  message?: string;
  retryAfterSeconds?: number;
  ms?: number;
  until?: number;
}

/** The request is never answered (close() drops the connection). */
export const HANG = Symbol("hang");

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private delayMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly clock: SimClock) {}

  /** The next `count` requests (to `endpoint`, if given) answer `status` (default 500). */
  failNext(count: number, status = 500, opts: { endpoint?: string; retryAfterSeconds?: number; message?: string } = {}) {
    this.faults.push({ type: "status", remaining: count, status, endpoint: opts.endpoint, retryAfterSeconds: opts.retryAfterSeconds, message: opts.message });
  }
  /** The next `count` requests never answer, or answer normally after `ms`. */
  hangNext(count: number, opts: { ms?: number; endpoint?: string } = {}) {
    this.faults.push({ type: "hang", remaining: count, ms: opts.ms, endpoint: opts.endpoint });
  }
  /** Every response is delayed by `ms` (0 turns it off). */
  setDelay(ms: number) {
    this.delayMs = Math.max(0, ms);
  }
  /** Answer 429 for `forMs` of simulator time and/or the next `count` requests. */
  throttle(opts: { forMs?: number; count?: number; retryAfterSeconds?: number }) {
    this.faults.push({
      type: "throttle",
      remaining: opts.count ?? 0,
      until: opts.forMs != null ? this.clock.now() + opts.forMs : undefined,
      retryAfterSeconds: opts.retryAfterSeconds ?? (opts.forMs != null ? Math.max(1, Math.ceil(opts.forMs / 1000)) : 1),
    });
  }
  /** A fault described as data (what POST /__control/faults takes). */
  inject(fault: EsfaFault) {
    if (fault.type === "status") this.failNext(fault.count ?? 1, fault.status, fault);
    else if (fault.type === "hang") this.hangNext(fault.count ?? 1, fault);
    else if (fault.type === "delay") this.setDelay(fault.ms);
    else this.throttle(fault);
  }
  /** No faults and no delay. */
  clear() {
    this.faults = [];
    this.delayMs = 0;
  }

  private take(endpoint: string): ActiveFault | null {
    const now = this.clock.now();
    for (const fault of this.faults) {
      if (fault.endpoint && fault.endpoint !== endpoint) continue;
      if (fault.type === "throttle" && fault.until != null && now < fault.until) return fault;
      if (fault.remaining > 0) {
        fault.remaining--;
        return fault;
      }
    }
    this.faults = this.faults.filter((f) => f.remaining > 0 || (f.until != null && now < f.until));
    return null;
  }

  /**
   * Applies the next fault for this request: answers what it injects, HANG for a request never to be answered, or
   * null (after any hang with `ms` and the delay) to go on normally.
   */
  async apply(endpoint: string): Promise<Reply | typeof HANG | null> {
    const fault = this.take(endpoint);
    if (fault?.type === "hang") {
      if (fault.ms == null) return HANG;
      await this.wait(fault.ms);
    } else if (fault?.type === "status") {
      const headers = fault.retryAfterSeconds != null ? { "Retry-After": String(fault.retryAfterSeconds) } : undefined;
      return apiError(fault.status!, fault.message ?? STATUS_MESSAGES[fault.status!] ?? "Error", headers);
    } else if (fault?.type === "throttle") {
      const seconds = fault.retryAfterSeconds ?? 1;
      return apiError(429, APIM_MESSAGES.rateLimit(seconds), { "Retry-After": String(seconds) });
    }
    if (this.delayMs > 0) await this.wait(this.delayMs);
    return null;
  }

  private wait(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Stops every pending delay and hang (their requests are never answered). */
  cancelWaits() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
