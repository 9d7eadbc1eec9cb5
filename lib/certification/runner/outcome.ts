import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { apprentices, certificateClaims } from "@/db/schema";
import { recordAudit } from "@/lib/audit/service";
import type { Tx } from "@/lib/db";
import { CLAIMS_ACTOR } from "../claims";
import type { Batch } from "./batch";
import { held } from "./leases";
import type { Outcome, Work } from "./types";

/* Recording a claim's outcome (claimed, error, or back to the queue), fenced on the run still holding the claim. */

type Claimed = Extract<Outcome, { kind: "claimed" }>;
type Failed = Extract<Outcome, { kind: "error" }>;

function auditFor(batch: Batch, tx: Tx, w: Work) {
  return (action: string, summary: string, after: Record<string, unknown>) =>
    recordAudit(tx, CLAIMS_ACTOR, { action, entityType: "apprentice", entityId: w.apprenticeId, summary, after, organisationId: batch.input.epaoId });
}

/** Claimed: the claim takes the reference and status, the record is certificated, and the claim is audited. */
async function writeClaimed(batch: Batch, tx: Tx, w: Work, outcome: Claimed): Promise<void> {
  const { now } = batch.input;
  // A reference belongs to one claim: another record (e.g. a withdrawn duplicate) already holds this certificate.
  const [other] = await tx
    .select({ apprenticeId: certificateClaims.apprenticeId })
    .from(certificateClaims)
    .where(and(eq(certificateClaims.certificateReference, outcome.reference), ne(certificateClaims.id, w.claim.id)));
  if (other) {
    w.outcome = {
      kind: "error",
      messages: [`ESFA's certificate ${outcome.reference} for this apprentice is already on another record in Attain`],
      keepMarker: false,
    };
    return writeOutcome(batch, tx, w);
  }
  const [row] = await tx
    .update(certificateClaims)
    .set({
      state: "claimed",
      certificateReference: outcome.reference,
      certificateStatus: outcome.status,
      claimedManually: outcome.manual,
      claimedAt: now,
      statusSyncedAt: now,
      recordVersion: w.version || w.claim.recordVersion,
      attempts: sql`${certificateClaims.attempts} + 1`,
      lockedUntil: null,
      updatedAt: now,
    })
    .where(held(batch.runId, w.claim.id))
    .returning({ id: certificateClaims.id });
  if (!row) return;
  // The record is certificated once ESFA holds its certificate.
  await tx
    .update(apprentices)
    .set({ status: "certificated", version: sql`${apprentices.version} + 1`, updatedAt: now })
    .where(and(eq(apprentices.id, w.apprenticeId), eq(apprentices.status, "graded")));
  batch.counters.claimed++;
  const audit = auditFor(batch, tx, w);
  if (outcome.manual) {
    batch.counters.claimedManually++;
    await audit(
      "certificate.found_claimed",
      `ESFA already holds certificate ${outcome.reference} (${outcome.status ?? "status unknown"}), claimed by hand in the ESFA service: its reference was pulled onto the record`,
      { certificateReference: outcome.reference, certificateStatus: outcome.status, claimedManually: true },
    );
  } else {
    await audit("certificate.claimed", `Claimed certificate ${outcome.reference} from ESFA (${w.grade}, ${outcome.status ?? "Submitted"})`, {
      certificateReference: outcome.reference,
      certificateStatus: outcome.status,
    });
  }
}

/** Error: the claim keeps ESFA's (or our) messages; audited when the error is new. */
async function writeError(batch: Batch, tx: Tx, w: Work, outcome: Failed): Promise<void> {
  const { now } = batch.input;
  const message = outcome.messages.join("; ");
  const [row] = await tx
    .update(certificateClaims)
    .set({
      state: "error",
      lastError: message,
      lastErrorAt: now,
      firstErrorAt: sql`coalesce(${certificateClaims.firstErrorAt}, ${now.toISOString()}::timestamptz)`,
      attempts: sql`${certificateClaims.attempts} + 1`,
      lockedUntil: null,
      updatedAt: now,
      ...(outcome.keepMarker ? {} : { certificateStatus: null }),
    })
    .where(held(batch.runId, w.claim.id))
    .returning({ id: certificateClaims.id });
  if (!row) return;
  batch.counters.errors++;
  if (w.previous !== "error" || w.claim.lastError !== message) {
    await auditFor(batch, tx, w)("certificate.claim_error", `The certificate could not be claimed: ${message}`, { error: message });
  }
}

/** Released or refreshed: back to the queue (a released error claim stays an error). */
async function writeReleased(batch: Batch, tx: Tx, w: Work, kind: "release" | "refreshed"): Promise<void> {
  const [row] = await tx
    .update(certificateClaims)
    .set({ state: kind === "release" && w.previous === "error" ? "error" : "queued", lockedUntil: null, updatedAt: batch.input.now })
    .where(held(batch.runId, w.claim.id))
    .returning({ id: certificateClaims.id });
  if (row || kind === "refreshed") batch.counters.released++;
}

/** Writes a claim's outcome, fenced on this run still holding it. */
export async function writeOutcome(batch: Batch, tx: Tx, w: Work): Promise<void> {
  const outcome = w.outcome ?? { kind: "release" as const };
  switch (outcome.kind) {
    case "claimed":
      return writeClaimed(batch, tx, w, outcome);
    case "error":
      return writeError(batch, tx, w, outcome);
    case "release":
    case "refreshed":
      return writeReleased(batch, tx, w, outcome.kind);
  }
}
