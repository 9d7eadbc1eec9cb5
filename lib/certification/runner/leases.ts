import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { certificateClaims } from "@/db/schema";
import { type ClaimState } from "@/lib/domain";
import { db } from "@/lib/db";
import type { Taken } from "./types";

/*
 * Taking due claims for a run and handing them back. A claim taken is in_flight with the run id and a lease, so two
 * runners never hold the same claim; a claim whose lease expired is taken again by the next run.
 */

export const CLAIM_BATCH_SIZE = 25;
export const CLAIM_LEASE_MS = 10 * 60_000;

/** Takes up to `limit` due claims of the EPAO for this run (SKIP LOCKED), with their state before. */
export async function takeClaims(epaoId: string, runId: string, now: Date, today: string, leaseMs: number, limit: number): Promise<Taken[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const taken = await db().execute<{ id: string; previous: ClaimState }>(sql`
    with picked as (
      select id, state from certificate_claims
       where epao_id = ${epaoId}
         and claim_date <= ${today}::date
         and run_id is distinct from ${runId}::uuid
         and (state in ('queued', 'error') or (state = 'in_flight' and locked_until < ${nowIso}::timestamptz))
       order by claim_date, id
       limit ${limit}
       for update skip locked
    )
    update certificate_claims c
       set state = 'in_flight', run_id = ${runId}::uuid, locked_until = ${until}::timestamptz, updated_at = ${nowIso}::timestamptz
      from picked
     where c.id = picked.id
    returning c.id, picked.state as previous`);
  if (taken.length === 0) return [];
  const previous = new Map(taken.map((t) => [t.id, t.previous]));
  const rows = await db()
    .select()
    .from(certificateClaims)
    .where(inArray(certificateClaims.id, [...previous.keys()]));
  rows.sort((a, b) => a.claimDate.localeCompare(b.claimDate) || a.id.localeCompare(b.id));
  return rows.map((claim) => ({ claim, previous: previous.get(claim.id)! }));
}

/** The claim, while this run still holds it in flight (every write about a taken claim is fenced on this). */
export const held = (runId: string, id: string) =>
  and(eq(certificateClaims.id, id), eq(certificateClaims.runId, runId), eq(certificateClaims.state, "in_flight"));

/** Puts claims still held by the run back to their state before it took them (best effort after a failure). */
export async function releaseHeld(runId: string, works: Taken[], now: Date) {
  for (const w of works) {
    await db()
      .update(certificateClaims)
      .set({ state: w.previous === "error" ? "error" : "queued", lockedUntil: null, updatedAt: now })
      .where(held(runId, w.claim.id));
  }
}

/**
 * Hands back every claim a run still holds in flight, after the run's process died (the job queue's onAbandoned). The
 * claims go back to the queue for the next run at once; one whose create may have reached ESFA is safe to retry, since
 * every claim is looked up at ESFA first (a certificate created before the crash is found, never made twice).
 */
export async function releaseRun(runId: string, now: Date): Promise<number> {
  const released = await db()
    .update(certificateClaims)
    .set({ state: "queued", lockedUntil: null, updatedAt: now })
    .where(and(eq(certificateClaims.runId, runId), eq(certificateClaims.state, "in_flight")))
    .returning({ id: certificateClaims.id });
  return released.length;
}

/** Due claims of the EPAO still queued or in flight (left for the next run). */
export async function dueLeft(epaoId: string, today: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(certificateClaims)
    .where(and(eq(certificateClaims.epaoId, epaoId), lte(certificateClaims.claimDate, today), inArray(certificateClaims.state, ["queued", "in_flight"])));
  return row?.n ?? 0;
}
