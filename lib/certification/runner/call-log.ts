import "server-only";
import { esfaCalls } from "@/db/schema";
import { db } from "@/lib/db";
import type { EsfaCall } from "@/lib/esfa/client";

/* Every ESFA call is logged to esfa_calls with the route template (no ULN or name), status, time, attempt and items. */

const scrub = (text: string) => text.replace(/\b\d{10}\b/g, "{uln}");

/** Call times strictly increase within the process, so a run's calls list in the order they were made. */
let lastCallAt = 0;
function callTime(): Date {
  lastCallAt = Math.max(Date.now(), lastCallAt + 1);
  return new Date(lastCallAt);
}

/** Collects the client's calls and writes them to esfa_calls. */
export class CallLog {
  private pending: (typeof esfaCalls.$inferInsert)[] = [];
  count = 0;
  constructor(
    private readonly runId: string,
    private readonly epaoId: string,
  ) {}
  readonly push = (call: EsfaCall) => {
    this.count++;
    this.pending.push({
      runId: this.runId,
      epaoId: this.epaoId,
      method: call.method,
      path: call.endpoint,
      status: call.status,
      ms: Math.max(0, Math.round(call.ms)),
      attempt: call.attempt,
      items: call.items ?? null,
      error: call.error ? scrub(call.error).slice(0, 1000) : null,
      at: callTime(),
    });
  };
  async flush() {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    await db().insert(esfaCalls).values(rows);
  }
}
