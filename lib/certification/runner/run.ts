import "server-only";
import { londonDate } from "@/lib/calendar/london";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { claimCandidates, CLAIMS_ACTOR, refreshClaim } from "../claims";
import type { CountdownSettings } from "../countdown";
import { countdownSettingsFor, markKeyRejected } from "../seams";
import { Batch, prepare } from "./batch";
import { CallLog } from "./call-log";
import { openClient } from "./client";
import { create, lookUp } from "./esfa-calls";
import { CLAIM_BATCH_SIZE, CLAIM_LEASE_MS, dueLeft, releaseHeld, takeClaims } from "./leases";
import { submitAndCommit } from "./submit";
import type { RunClaimsInput, RunClaimsResult } from "./types";

/* The run loop: refresh every candidate's claim, then take, send and commit due claims batch by batch. */

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function emptyResult(epaoId: string, today: string): RunClaimsResult {
  return {
    epaoId,
    outcome: "completed",
    message: "",
    today,
    refreshed: 0,
    taken: 0,
    claimed: 0,
    claimedManually: 0,
    created: 0,
    errors: 0,
    released: 0,
    leftQueued: 0,
    calls: 0,
  };
}

/** Refreshes the claim of every candidate record: one transaction per record, eight at a time; the number refreshed. */
async function refreshCandidates(epaoId: string, today: string, settings: CountdownSettings, now: Date): Promise<number> {
  const candidates = await claimCandidates(db(), epaoId);
  // One transaction per record (concurrent runners never hold each other's rows for long), eight at a time.
  for (let i = 0; i < candidates.length; i += 8) {
    await Promise.all(candidates.slice(i, i + 8).map((id) => db().transaction((tx) => refreshClaim(tx, id, today, { settings, now }))));
  }
  return candidates.length;
}

/** Takes, sends and commits due claims a batch at a time until none is left or ESFA stops the run. */
async function runBatches(batch: Batch, input: RunClaimsInput, log: CallLog, result: RunClaimsResult) {
  const { now, today } = batch.input;
  const batchSize = Math.min(input.batchSize ?? CLAIM_BATCH_SIZE, CLAIM_BATCH_SIZE);
  for (;;) {
    const taken = await takeClaims(input.epaoId, input.runId, now, today, input.leaseMs ?? CLAIM_LEASE_MS, batchSize);
    if (taken.length === 0) break;
    result.taken += taken.length;
    try {
      const works = await prepare(batch, taken);
      await input.hooks?.beforeSend?.({ claimIds: works.map((w) => w.claim.id), apprenticeIds: works.map((w) => w.apprenticeId) });
      await lookUp(batch, works);
      await create(batch, works);
      await submitAndCommit(batch, works);
    } catch (error) {
      await releaseHeld(input.runId, taken, new Date()).catch(() => undefined);
      throw error;
    } finally {
      await log.flush();
    }
    if (batch.stop) break;
    await input.onBatch?.();
  }
}

/** The result once the batches are done: a rejected key turns claims off (audited); the message says what happened. */
async function finishRun(batch: Batch, result: RunClaimsResult): Promise<RunClaimsResult> {
  const { epaoId, today } = batch.input;
  const stop = batch.stop;
  if (stop?.kind === "auth") {
    await markKeyRejected(db(), epaoId, stop.error.message);
    await recordAudit(db(), CLAIMS_ACTOR, {
      action: "certificate.key_rejected",
      entityType: "organisation",
      entityId: epaoId,
      summary: `ESFA rejected the API key (${stop.error.message}): certificate claims are off until an EPAO admin enters a new key`,
      organisationId: epaoId,
    });
  }
  result.leftQueued = await dueLeft(epaoId, today);
  const done = `${plural(result.claimed, "certificate")} claimed${result.claimedManually ? ` (${result.claimedManually} found claimed by hand)` : ""}, ${plural(result.errors, "error")}`;
  if (stop?.kind === "auth") {
    return {
      ...result,
      outcome: "key_rejected",
      message: `Claims are off: ESFA rejected the API key (${stop.error.message}). ${done}; ${plural(result.leftQueued, "claim")} left queued until a new key is entered.`,
    };
  }
  if (stop?.kind === "unavailable") {
    return {
      ...result,
      outcome: "unavailable",
      message: `ESFA was unavailable (${stop.error.message}): the run stopped. ${done}; ${plural(result.leftQueued, "claim")} left queued for the next run.`,
    };
  }
  return { ...result, message: `${done}.` };
}

/** Runs one EPAO's certificate claims (see the module comment in index.ts). */
export async function runClaims(input: RunClaimsInput): Promise<RunClaimsResult> {
  const now = input.now ?? new Date();
  const today = londonDate(now);
  const result = emptyResult(input.epaoId, today);
  const log = new CallLog(input.runId, input.epaoId);
  const opened = await openClient(input.epaoId, input.clientFactory, log);
  if ("off" in opened) return { ...result, outcome: "claims_off", message: opened.off };

  const settings = await countdownSettingsFor(db(), input.epaoId);
  result.refreshed = await refreshCandidates(input.epaoId, today, settings, now);

  const batch = new Batch({ epaoId: input.epaoId, runId: input.runId, now, today, settings, hooks: input.hooks ?? {} }, opened.client, result);
  try {
    await runBatches(batch, input, log, result);
  } finally {
    await log.flush();
  }
  result.calls = log.count;
  return finishRun(batch, result);
}
