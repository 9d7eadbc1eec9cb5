import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { certificateClaims } from "@/db/schema";
import { db } from "@/lib/db";
import { alreadyExistsReference, certificateStage, EsfaRequestError, type EsfaBatchItemResult } from "@/lib/esfa/client";
import type { EsfaCertificate } from "@/lib/esfa/types";
import { SENT_MARKER } from "../claims";
import type { Batch } from "./batch";
import type { Work } from "./types";

/*
 * The ESFA calls of a batch before the submit: a GET certificate per record (a certificate ESFA already holds is
 * pulled onto the claim, a Draft of ours is kept to submit), then a create for those ESFA does not hold yet.
 */

export const isDraft = (certificate: EsfaCertificate) => ["Draft", "Ready"].includes(certificate.status.currentStatus);

/** After a stop, every work not yet settled goes back to the queue (a Draft is submitted by a later run). */
function releaseIfStopped(batch: Batch, works: Work[]) {
  if (batch.stop) for (const w of works) if (!w.outcome || w.draft) w.outcome = { kind: "release" };
}

/** A certificate ESFA holds for the record: claimed (by us, or by hand), a Draft of ours to submit, or another's. */
function found(w: Work, certificate: EsfaCertificate, ours: boolean) {
  const reference = certificate.certificateData.certificateReference;
  if (!reference) {
    w.outcome = {
      kind: "error",
      messages: ["ESFA holds a certificate for this apprentice on this standard claimed by another organisation"],
      keepMarker: false,
    };
  } else if (isDraft(certificate) && ours) {
    w.draft = { reference, fromGet: true };
  } else {
    w.outcome = { kind: "claimed", reference, status: certificateStage(certificate), manual: !ours };
  }
}

/** GET certificate for each record: found (claimed, or a Draft to submit), none (to create) or a validation error. */
export async function lookUp(batch: Batch, works: Work[]) {
  for (const w of works) {
    if (batch.stop || w.outcome || !w.payload) continue;
    try {
      const certificate = await batch.client.getCertificate(w.payload.learner.uln, w.payload.learner.familyName, w.larsCode);
      if (certificate) found(w, certificate, w.sentBefore);
    } catch (error) {
      if (batch.fail([w], error)) continue;
      if (error instanceof EsfaRequestError) w.outcome = { kind: "error", messages: error.messages, keepMarker: true };
      else throw error;
    }
  }
  releaseIfStopped(batch, works);
}

/** Commits the SENT_MARKER on the claims about to be created, before the create is sent. */
async function markSent(batch: Batch, toCreate: Work[]) {
  await db()
    .update(certificateClaims)
    .set({ certificateStatus: SENT_MARKER, updatedAt: batch.input.now })
    .where(
      and(
        inArray(
          certificateClaims.id,
          toCreate.map((w) => w.claim.id),
        ),
        eq(certificateClaims.runId, batch.runId),
        eq(certificateClaims.state, "in_flight"),
      ),
    );
}

/** ESFA's answer to the create, item by item; the works ESFA says already have a certificate are returned. */
function applyCreated(batch: Batch, toCreate: Work[], results: EsfaBatchItemResult[]): Work[] {
  const alreadyThere: Work[] = [];
  results.forEach((r, i) => {
    const w = toCreate[i]!;
    if (r.error) {
      if (batch.fail([w], r.error)) return;
      w.outcome = { kind: "error", messages: [r.error.message], keepMarker: false };
    } else if (r.validationErrors.length > 0) {
      const existing = alreadyExistsReference(r.validationErrors);
      if (existing) alreadyThere.push(w);
      else w.outcome = { kind: "error", messages: r.validationErrors, keepMarker: false };
    } else if (r.certificate?.certificateData.certificateReference) {
      w.created = true;
      batch.counters.created++;
      const reference = r.certificate.certificateData.certificateReference;
      if (isDraft(r.certificate)) w.draft = { reference, fromGet: false };
      else w.outcome = { kind: "claimed", reference, status: certificateStage(r.certificate), manual: false };
    } else {
      w.outcome = { kind: "error", messages: ["ESFA answered without a certificate or an error"], keepMarker: true };
    }
  });
  return alreadyThere;
}

/** "Certificate already exists: {ref}": read it back like a found one (idempotent recovery). */
async function readBack(batch: Batch, alreadyThere: Work[]) {
  for (const w of alreadyThere) {
    if (batch.stop) break;
    try {
      const certificate = await batch.client.getCertificate(w.payload!.learner.uln, w.payload!.learner.familyName, w.larsCode);
      if (certificate) found(w, certificate, w.sentBefore);
      else w.outcome = { kind: "error", messages: ["ESFA says a certificate already exists but does not show it"], keepMarker: false };
    } catch (error) {
      if (batch.fail([w], error)) break;
      if (error instanceof EsfaRequestError) w.outcome = { kind: "error", messages: error.messages, keepMarker: true };
      else throw error;
    }
  }
}

/** Creates the certificates ESFA does not hold yet (batches of 25 by the client); the marker is committed first. */
export async function create(batch: Batch, works: Work[]) {
  const toCreate = works.filter((w) => !w.outcome && !w.draft && w.payload);
  if (batch.stop || toCreate.length === 0) return;
  await markSent(batch, toCreate);
  const results = await batch.client.createCertificates(toCreate.map((w) => w.payload!));
  const alreadyThere = applyCreated(batch, toCreate, results);
  await batch.input.hooks.afterCreate?.({
    claimIds: toCreate.map((w) => w.claim.id),
    references: toCreate.flatMap((w) => (w.draft ? [w.draft.reference] : [])),
  });
  await readBack(batch, alreadyThere);
  releaseIfStopped(batch, works);
}
