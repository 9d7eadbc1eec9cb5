import "server-only";
import { eq, inArray } from "drizzle-orm";
import { apprentices } from "@/db/schema";
import { db, type Tx } from "@/lib/db";
import { certificateStage, type EsfaBatchItemResult } from "@/lib/esfa/client";
import { rebuild, type Batch } from "./batch";
import { writeOutcome } from "./outcome";
import type { Work } from "./types";

/*
 * The submit of a batch and the commit of every outcome, in one transaction. The records are locked (FOR SHARE) from
 * the last check until the submit is committed, so an edit made while the claim is in flight waits for the commit, and
 * a change made since the payload was built is sent first (PUT, the certificate is still a Draft): a certificate is
 * never submitted with stale data.
 */

/** ESFA's answer to an update or submit, item by item; "already been submitted" counts as done. */
function applyBatch(batch: Batch, works: Work[], results: EsfaBatchItemResult[], ok: (w: Work, r: EsfaBatchItemResult) => void) {
  results.forEach((r, i) => {
    const w = works[i]!;
    if (r.error) {
      if (batch.fail([w], r.error)) return;
      w.outcome = { kind: "error", messages: [r.error.message], keepMarker: true };
    } else if (r.validationErrors.length > 0) {
      if (r.validationErrors.some((m) => /already been submitted/i.test(m))) ok(w, { ...r, certificate: null });
      else w.outcome = { kind: "error", messages: r.validationErrors, keepMarker: true };
    } else ok(w, r);
  });
}

/** Locks the drafts' records and marks the drafts to update: a record changed since (rebuilt first), or a Draft found at ESFA. */
async function recheckDrafts(batch: Batch, tx: Tx, drafts: Work[]) {
  const ids = [...new Set(drafts.map((w) => w.apprenticeId))].sort();
  await tx.select({ id: apprentices.id }).from(apprentices).where(inArray(apprentices.id, ids)).orderBy(apprentices.id).for("share");
  for (const w of drafts) {
    const [row] = await tx.select({ version: apprentices.version }).from(apprentices).where(eq(apprentices.id, w.apprenticeId));
    if (row?.version === w.version && !w.draft!.fromGet) continue;
    if (row?.version !== w.version && !(await rebuild(batch, tx, w))) continue;
    w.needsUpdate = true;
  }
}

/** Updates the Drafts marked to update with the current data. */
async function updateDrafts(batch: Batch, drafts: Work[]) {
  const updates = drafts.filter((w) => w.needsUpdate && !w.outcome);
  if (updates.length === 0) return;
  const results = await batch.client.updateCertificates(updates.map((w) => ({ ...w.payload!, certificateReference: w.draft!.reference })));
  applyBatch(batch, updates, results, (w) => {
    w.needsUpdate = false;
  });
}

/** Submits the Drafts still to submit; each submitted one is claimed. */
async function submitDrafts(batch: Batch, drafts: Work[]) {
  const toSubmit = drafts.filter((w) => !w.outcome);
  if (batch.stop || toSubmit.length === 0) return;
  const results = await batch.client.submitCertificates(
    toSubmit.map((w) => ({
      requestId: w.claim.id,
      uln: w.payload!.learner.uln,
      familyName: w.payload!.learner.familyName,
      standardCode: w.larsCode,
      standardReference: w.reference,
      certificateReference: w.draft!.reference,
    })),
  );
  applyBatch(batch, toSubmit, results, (w, r) => {
    w.outcome = {
      kind: "claimed",
      reference: w.draft!.reference,
      status: r.certificate ? certificateStage(r.certificate) : "Submitted",
      manual: !w.created && !w.sentBefore,
    };
  });
}

/**
 * Under a FOR SHARE lock on the records: rebuilds the payload of any record changed since it was built (and updates
 * the Draft with it), updates Drafts found at ESFA with the current data, submits, and writes every outcome.
 */
export async function submitAndCommit(batch: Batch, works: Work[]) {
  await db().transaction(async (tx) => {
    const drafts = works.filter((w) => w.draft && !w.outcome);
    if (!batch.stop && drafts.length > 0) {
      await recheckDrafts(batch, tx, drafts);
      await updateDrafts(batch, drafts);
      await submitDrafts(batch, drafts);
      if (batch.stop) for (const w of works) if (!w.outcome || (w.draft && w.outcome.kind !== "claimed")) w.outcome = { kind: "release" };
    }
    for (const w of works) await writeOutcome(batch, tx, w);
  });
}
