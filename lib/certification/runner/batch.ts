import "server-only";
import { db, type DbOrTx } from "@/lib/db";
import type { EsfaClient } from "@/lib/esfa/client";
import { refreshClaim, SENT_MARKER, type ClaimContext } from "../claims";
import { stopFor } from "./client";
import { buildPayload } from "./payload";
import type { BatchInput, Counters, Stop, Taken, Work } from "./types";

/*
 * One batch of taken claims: what it runs with (the EPAO, the run, the client, the counters of the result), whether
 * ESFA stopped the run, and preparing the batch (each claim re-checked against the current record, its payload built).
 */

export class Batch {
  stop: Stop | null = null;
  constructor(
    readonly input: BatchInput,
    readonly client: EsfaClient,
    readonly counters: Counters,
  ) {}

  get runId() {
    return this.input.runId;
  }

  /** When the error stops the run (key rejected, ESFA unavailable): records the stop and releases the works. */
  fail(works: Work[], error: unknown): boolean {
    const stop = stopFor(error);
    if (!stop) return false;
    this.stop ??= stop;
    for (const w of works) if (!w.outcome || w.outcome.kind === "error") w.outcome = { kind: "release" };
    return true;
  }
}

function newWork({ claim, previous }: Taken): Work {
  return {
    claim,
    previous,
    sentBefore: claim.certificateStatus === SENT_MARKER,
    apprenticeId: claim.apprenticeId,
    version: 0,
    payload: null,
    larsCode: 0,
    reference: "",
    grade: "",
    draft: null,
    needsUpdate: false,
    created: false,
    outcome: null,
  };
}

function fill(work: Work, context: ClaimContext) {
  work.version = context.apprentice.version;
  work.larsCode = context.standard.larsCode;
  work.reference = context.standard.reference;
  work.grade = context.evaluation.kind === "countdown" ? context.evaluation.grade : "";
}

/**
 * Refreshes the work's claim from the current record and builds its payload. False when there is nothing to send:
 * the claim changed (no longer this run's, or no longer due) or the record lacks consent or an address; the work's
 * outcome then says so.
 */
export async function rebuild(batch: Batch, tx: DbOrTx, work: Work): Promise<boolean> {
  const { today, settings, now } = batch.input;
  const refreshed = await refreshClaim(tx, work.apprenticeId, today, { heldBy: batch.runId, settings, now });
  const current = refreshed.claim;
  if (!refreshed.context || current?.id !== work.claim.id || current.state !== "in_flight" || current.runId !== batch.runId || current.claimDate > today) {
    work.outcome = { kind: "refreshed" };
    return false;
  }
  work.claim = current;
  fill(work, refreshed.context);
  const built = await buildPayload(tx, current, refreshed.context);
  if ("problems" in built) {
    work.outcome = { kind: "error", messages: built.problems, keepMarker: true };
    return false;
  }
  work.payload = built.payload;
  return true;
}

/** Re-reads each record, rebuilds claims of changed records, checks consent and address, builds the payloads. */
export async function prepare(batch: Batch, taken: Taken[]): Promise<Work[]> {
  return db().transaction(async (tx) => {
    const works: Work[] = [];
    for (const t of taken) {
      const work = newWork(t);
      works.push(work);
      await rebuild(batch, tx, work);
    }
    return works;
  });
}
