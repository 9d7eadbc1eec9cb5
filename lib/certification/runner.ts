import { and, eq, inArray, isNull, lte, ne, notInArray, or, sql } from "drizzle-orm";
import { apprentices, certificateClaims, esfaCalls, standards } from "@/db/schema";
import { type ClaimState } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { londonDate } from "@/lib/assessment/grading";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import {
  alreadyExistsReference,
  certificateStage,
  createEsfaClient,
  createPacer,
  EsfaAuthError,
  EsfaError,
  EsfaRequestError,
  EsfaUnavailableError,
  type EsfaBatchItemResult,
  type EsfaCall,
  type EsfaClient,
} from "@/lib/esfa/client";
import type { EsfaCertificate, EsfaCreateCertificateRequest } from "@/lib/esfa/types";
import { CLAIMS_ACTOR, claimCandidates, refreshClaim, SENT_MARKER, type Claim, type ClaimContext } from "./claims";
import { esfaBaseUrl, esfaClientSettings } from "./config";
import type { CountdownSettings } from "./countdown";
import { countdownSettingsFor, esfaKeyFor, markKeyRejected, postalContactFor } from "./seams";

/**
 * The certificate claim runner (issue #7): for one EPAO, claims from ESFA the certificates whose claim date has come.
 *
 * 1. Claims are off without an ESFA key, or when ESFA rejected it (the result says "Claims are off: …").
 * 2. Every candidate record's claim is refreshed (claims.ts `refreshClaim`).
 * 3. Due claims (claim date today or earlier; queued, or error — errors are retried on every run — or in_flight with
 *    an expired lease) are taken 25 at a time with FOR UPDATE SKIP LOCKED and marked in_flight with the run id and a
 *    lease, so two runners never hold the same claim. Each batch is then worked through and committed on its own: a
 *    crash loses at most the batch in flight, whose lease then expires and the next run takes it again.
 * 4. For each claim the record is re-read (the current row, never the claim's snapshot): consent and a postal contact
 *    are required (else an error, without calling ESFA); a record changed since the claim was built is rebuilt first.
 * 5. ESFA is first asked whether it already holds a certificate (GET certificate, one per record, paced by the
 *    client). If it does, its reference and status are pulled onto the claim (claimed; `claimedManually` unless we
 *    sent a create for this claim before, see SENT_MARKER); a Draft of ours left by a crash is updated and submitted.
 *    Otherwise the certificates are created in batches of 25 and the created ones submitted; reference and status
 *    are stored. "Certificate already exists: {ref}" is answered like a found certificate. Per-item validation errors
 *    put the claim in error with ESFA's messages.
 * 6. The record is locked (FOR SHARE) from the last check until the submit is committed, so an edit made while the
 *    claim is in flight waits for the commit, and a change made since the payload was built is sent first (PUT, the
 *    certificate is still a Draft): a certificate is never submitted with stale data.
 * 7. 401/403 marks the key rejected and stops the run; ESFA unavailable after the client's retries stops it too. In
 *    both cases the claims of the batch go back to their previous state (queued, or error) and nothing is lost.
 *
 * Every ESFA call is logged to esfa_calls with the route template (no ULN or name), status, time, attempt and items.
 */

export type EsfaClientFactory = (input: { baseUrl: string | null; subscriptionKey: string; onCall: (call: EsfaCall) => void }) => EsfaClient;

/** One pacer for the process: ESFA's limit (120 calls a minute) is per caller IP, whichever EPAO's key is used. */
const sharedPacer = createPacer({ marginMs: 500 });

export const defaultClientFactory: EsfaClientFactory = ({ baseUrl, subscriptionKey, onCall }) => {
  if (!baseUrl) throw new Error("ESFA_API_URL is not configured");
  return createEsfaClient({ baseUrl, subscriptionKey, ...esfaClientSettings(), pace: sharedPacer, onCall });
};

export const CLAIM_BATCH_SIZE = 25;
export const CLAIM_LEASE_MS = 10 * 60_000;

export type RunHooks = {
  /** After a batch was taken and its payloads built, before the first ESFA call. */
  beforeSend?: (info: { claimIds: string[]; apprenticeIds: string[] }) => void | Promise<void>;
  /** After ESFA answered a batch's create request, before anything about it is committed (tests crash here). */
  afterCreate?: (info: { claimIds: string[]; references: string[] }) => void | Promise<void>;
};

export type RunClaimsInput = {
  epaoId: string;
  /** The jobs row of the run (esfa_calls and the claims' run_id point at it). */
  runId: string;
  now?: Date;
  clientFactory?: EsfaClientFactory;
  hooks?: RunHooks;
  leaseMs?: number;
  batchSize?: number;
  /** Called after each committed batch (the job extends its lease with it). */
  onBatch?: () => Promise<unknown>;
};

export type RunOutcome = "completed" | "claims_off" | "key_rejected" | "unavailable";

export type RunClaimsResult = {
  epaoId: string;
  outcome: RunOutcome;
  message: string;
  today: string;
  /** Candidate records whose claim was refreshed. */
  refreshed: number;
  /** Claims taken by this run. */
  taken: number;
  claimed: number;
  /** Of those claimed, found already claimed by hand in the ESFA service. */
  claimedManually: number;
  /** Certificates this run created at ESFA. */
  created: number;
  errors: number;
  /** Claims handed back (ESFA unavailable, key rejected) or no longer due when re-checked. */
  released: number;
  /** Due claims this run did not take (left for the next run). */
  leftQueued: number;
  calls: number;
};

const scrub = (text: string) => text.replace(/\b\d{10}\b/g, "{uln}");

/** Call times strictly increase within the process, so a run's calls list in the order they were made. */
let lastCallAt = 0;
function callTime(): Date {
  lastCallAt = Math.max(Date.now(), lastCallAt + 1);
  return new Date(lastCallAt);
}

/** Collects the client's calls and writes them to esfa_calls. */
class CallLog {
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

type Stop = { kind: "auth" | "unavailable"; error: EsfaError };

type Outcome =
  | { kind: "claimed"; reference: string; status: string | null; manual: boolean }
  | { kind: "error"; messages: string[]; keepMarker: boolean }
  /** Back to its state before the run took it. */
  | { kind: "release" }
  /** refreshClaim changed it (cancelled, or no longer due): back to queued if still held. */
  | { kind: "refreshed" };

type Work = {
  claim: Claim;
  previous: ClaimState;
  /** A create was sent for this claim earlier without a recorded outcome. */
  sentBefore: boolean;
  apprenticeId: string;
  /** The record version the payload was built from. */
  version: number;
  payload: EsfaCreateCertificateRequest | null;
  larsCode: number;
  reference: string;
  grade: string;
  /** A Draft/Ready certificate at ESFA to submit. */
  draft: { reference: string; fromGet: boolean } | null;
  needsUpdate: boolean;
  created: boolean;
  outcome: Outcome | null;
};

type Counters = Pick<RunClaimsResult, "taken" | "claimed" | "claimedManually" | "created" | "errors" | "released">;

const CONSENT_MESSAGE = "Record the apprentice's permission to claim the certificate";
const addressMessage = (employer: string) => `Add a postal address for ${employer} or for this apprentice`;

/** The create request from the current record, or the reasons it cannot be sent (not sent to ESFA). */
async function buildPayload(tx: DbOrTx, claim: Claim, context: ClaimContext): Promise<{ payload: EsfaCreateCertificateRequest } | { problems: string[] }> {
  const { apprentice, standard, evaluation } = context;
  if (evaluation.kind !== "countdown") return { problems: ["The overall grade is no longer confirmed"] };
  const problems: string[] = [];
  const postal = await postalContactFor(tx, apprentice);
  if (!postal) problems.push(addressMessage(apprentice.employerName));
  if (!apprentice.certificateConsentAt) problems.push(CONSENT_MESSAGE);
  if (!postal || problems.length > 0) return { problems };
  return {
    payload: {
      requestId: claim.id,
      standard: { standardCode: standard.larsCode, standardReference: standard.reference },
      learner: { uln: Number(apprentice.uln), familyName: apprentice.familyName },
      learningDetails: {
        version: apprentice.standardVersion,
        courseOption: apprentice.standardOption || null,
        overallGrade: evaluation.grade,
        achievementDate: evaluation.achievementDate,
      },
      postalContact: postal,
    },
  };
}

const isDraft = (certificate: EsfaCertificate) => ["Draft", "Ready"].includes(certificate.status.currentStatus);

function stopFor(error: unknown): Stop | null {
  if (error instanceof EsfaAuthError) return { kind: "auth", error };
  if (error instanceof EsfaUnavailableError) return { kind: "unavailable", error };
  return null;
}

/** Takes up to `limit` due claims of the EPAO for this run (SKIP LOCKED), with their state before. */
async function takeClaims(
  epaoId: string,
  runId: string,
  now: Date,
  today: string,
  leaseMs: number,
  limit: number,
): Promise<{ claim: Claim; previous: ClaimState }[]> {
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

const held = (runId: string, id: string) => and(eq(certificateClaims.id, id), eq(certificateClaims.runId, runId), eq(certificateClaims.state, "in_flight"));

/** Puts claims still held by the run back to their state before it took them (best effort after a failure). */
async function releaseHeld(runId: string, works: { claim: Claim; previous: ClaimState }[], now: Date) {
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

class BatchRunner {
  stop: Stop | null = null;
  constructor(
    private readonly input: Required<Pick<RunClaimsInput, "epaoId" | "runId">> & { now: Date; today: string; settings: CountdownSettings; hooks: RunHooks },
    private readonly client: EsfaClient,
    private readonly counters: Counters,
  ) {}

  private get runId() {
    return this.input.runId;
  }

  /** Re-reads each record, rebuilds claims of changed records, checks consent and address, builds the payloads. */
  async prepare(taken: { claim: Claim; previous: ClaimState }[]): Promise<Work[]> {
    const { today, settings, now } = this.input;
    return db().transaction(async (tx) => {
      const works: Work[] = [];
      for (const { claim, previous } of taken) {
        const work: Work = {
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
        works.push(work);
        const refreshed = await refreshClaim(tx, claim.apprenticeId, today, { heldBy: this.runId, settings, now });
        const current = refreshed.claim;
        if (!refreshed.context || current?.id !== claim.id || current.state !== "in_flight" || current.runId !== this.runId || current.claimDate > today) {
          work.outcome = { kind: "refreshed" };
          continue;
        }
        work.claim = current;
        this.fill(work, refreshed.context);
        const built = await buildPayload(tx, current, refreshed.context);
        if ("problems" in built) work.outcome = { kind: "error", messages: built.problems, keepMarker: true };
        else work.payload = built.payload;
      }
      return works;
    });
  }

  private fill(work: Work, context: ClaimContext) {
    work.version = context.apprentice.version;
    work.larsCode = context.standard.larsCode;
    work.reference = context.standard.reference;
    work.grade = context.evaluation.kind === "countdown" ? context.evaluation.grade : "";
  }

  private fail(works: Work[], error: unknown): boolean {
    const stop = stopFor(error);
    if (!stop) return false;
    this.stop ??= stop;
    for (const w of works) if (!w.outcome || w.outcome.kind === "error") w.outcome = { kind: "release" };
    return true;
  }

  /** GET certificate for each record: found (claimed, or a Draft to submit), none (to create) or a validation error. */
  async lookUp(works: Work[]) {
    for (const w of works) {
      if (this.stop || w.outcome || !w.payload) continue;
      try {
        const found = await this.client.getCertificate(w.payload.learner.uln, w.payload.learner.familyName, w.larsCode);
        if (found) this.found(w, found, w.sentBefore);
      } catch (error) {
        if (this.fail([w], error)) continue;
        if (error instanceof EsfaRequestError) w.outcome = { kind: "error", messages: error.messages, keepMarker: true };
        else throw error;
      }
    }
    if (this.stop) for (const w of works) if (!w.outcome || w.draft) w.outcome = { kind: "release" };
  }

  private found(w: Work, certificate: EsfaCertificate, ours: boolean) {
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

  /** Creates the certificates ESFA does not hold yet (batches of 25 by the client); the marker is committed first. */
  async create(works: Work[]) {
    const toCreate = works.filter((w) => !w.outcome && !w.draft && w.payload);
    if (this.stop || toCreate.length === 0) return;
    await db()
      .update(certificateClaims)
      .set({ certificateStatus: SENT_MARKER, updatedAt: this.input.now })
      .where(
        and(
          inArray(
            certificateClaims.id,
            toCreate.map((w) => w.claim.id),
          ),
          eq(certificateClaims.runId, this.runId),
          eq(certificateClaims.state, "in_flight"),
        ),
      );
    const results = await this.client.createCertificates(toCreate.map((w) => w.payload!));
    const alreadyThere: Work[] = [];
    results.forEach((r, i) => {
      const w = toCreate[i]!;
      if (r.error) {
        if (this.fail([w], r.error)) return;
        w.outcome = { kind: "error", messages: [r.error.message], keepMarker: false };
      } else if (r.validationErrors.length > 0) {
        const existing = alreadyExistsReference(r.validationErrors);
        if (existing) alreadyThere.push(w);
        else w.outcome = { kind: "error", messages: r.validationErrors, keepMarker: false };
      } else if (r.certificate?.certificateData.certificateReference) {
        w.created = true;
        this.counters.created++;
        const reference = r.certificate.certificateData.certificateReference;
        if (isDraft(r.certificate)) w.draft = { reference, fromGet: false };
        else w.outcome = { kind: "claimed", reference, status: certificateStage(r.certificate), manual: false };
      } else {
        w.outcome = { kind: "error", messages: ["ESFA answered without a certificate or an error"], keepMarker: true };
      }
    });
    await this.input.hooks.afterCreate?.({
      claimIds: toCreate.map((w) => w.claim.id),
      references: toCreate.flatMap((w) => (w.draft ? [w.draft.reference] : [])),
    });
    // "Certificate already exists: {ref}": read it back like a found one (idempotent recovery).
    for (const w of alreadyThere) {
      if (this.stop) break;
      try {
        const found = await this.client.getCertificate(w.payload!.learner.uln, w.payload!.learner.familyName, w.larsCode);
        if (found) this.found(w, found, w.sentBefore);
        else w.outcome = { kind: "error", messages: ["ESFA says a certificate already exists but does not show it"], keepMarker: false };
      } catch (error) {
        if (this.fail([w], error)) break;
        if (error instanceof EsfaRequestError) w.outcome = { kind: "error", messages: error.messages, keepMarker: true };
        else throw error;
      }
    }
    if (this.stop) for (const w of works) if (!w.outcome || w.draft) w.outcome = { kind: "release" };
  }

  /**
   * Under a FOR SHARE lock on the records: rebuilds the payload of any record changed since it was built (and updates
   * the Draft with it), updates Drafts found at ESFA with the current data, submits, and writes every outcome.
   */
  async submitAndCommit(works: Work[]) {
    const { today, settings, now } = this.input;
    await db().transaction(async (tx) => {
      const drafts = works.filter((w) => w.draft && !w.outcome);
      if (!this.stop && drafts.length > 0) {
        const ids = [...new Set(drafts.map((w) => w.apprenticeId))].sort();
        await tx.select({ id: apprentices.id }).from(apprentices).where(inArray(apprentices.id, ids)).orderBy(apprentices.id).for("share");
        for (const w of drafts) {
          const [row] = await tx.select({ version: apprentices.version }).from(apprentices).where(eq(apprentices.id, w.apprenticeId));
          if (row?.version === w.version && !w.draft!.fromGet) continue;
          if (row?.version !== w.version) {
            const refreshed = await refreshClaim(tx, w.apprenticeId, today, { heldBy: this.runId, settings, now });
            const current = refreshed.claim;
            if (
              !refreshed.context ||
              current?.id !== w.claim.id ||
              current.state !== "in_flight" ||
              current.runId !== this.runId ||
              current.claimDate > today
            ) {
              w.outcome = { kind: "refreshed" };
              continue;
            }
            w.claim = current;
            this.fill(w, refreshed.context);
            const built = await buildPayload(tx, current, refreshed.context);
            if ("problems" in built) {
              w.outcome = { kind: "error", messages: built.problems, keepMarker: true };
              continue;
            }
            w.payload = built.payload;
          }
          w.needsUpdate = true;
        }
        const updates = drafts.filter((w) => w.needsUpdate && !w.outcome);
        if (updates.length > 0) {
          const results = await this.client.updateCertificates(updates.map((w) => ({ ...w.payload!, certificateReference: w.draft!.reference })));
          this.applyBatch(updates, results, (w) => {
            w.needsUpdate = false;
          });
        }
        const toSubmit = drafts.filter((w) => !w.outcome);
        if (!this.stop && toSubmit.length > 0) {
          const results = await this.client.submitCertificates(
            toSubmit.map((w) => ({
              requestId: w.claim.id,
              uln: w.payload!.learner.uln,
              familyName: w.payload!.learner.familyName,
              standardCode: w.larsCode,
              standardReference: w.reference,
              certificateReference: w.draft!.reference,
            })),
          );
          this.applyBatch(toSubmit, results, (w, r) => {
            w.outcome = {
              kind: "claimed",
              reference: w.draft!.reference,
              status: r.certificate ? certificateStage(r.certificate) : "Submitted",
              manual: !w.created && !w.sentBefore,
            };
          });
        }
        if (this.stop) for (const w of works) if (!w.outcome || (w.draft && w.outcome.kind !== "claimed")) w.outcome = { kind: "release" };
      }
      for (const w of works) await this.write(tx, w);
    });
  }

  private applyBatch(works: Work[], results: EsfaBatchItemResult[], ok: (w: Work, r: EsfaBatchItemResult) => void) {
    results.forEach((r, i) => {
      const w = works[i]!;
      if (r.error) {
        if (this.fail([w], r.error)) return;
        w.outcome = { kind: "error", messages: [r.error.message], keepMarker: true };
      } else if (r.validationErrors.length > 0) {
        if (r.validationErrors.some((m) => /already been submitted/i.test(m))) ok(w, { ...r, certificate: null });
        else w.outcome = { kind: "error", messages: r.validationErrors, keepMarker: true };
      } else ok(w, r);
    });
  }

  /** Writes a claim's outcome, fenced on this run still holding it. */
  private async write(tx: Tx, w: Work): Promise<void> {
    const { now } = this.input;
    const outcome = w.outcome ?? { kind: "release" as const };
    const where = held(this.runId, w.claim.id);
    const audit = (action: string, summary: string, after: Record<string, unknown>) =>
      recordAudit(tx, CLAIMS_ACTOR, { action, entityType: "apprentice", entityId: w.apprenticeId, summary, after, organisationId: this.input.epaoId });
    switch (outcome.kind) {
      case "claimed": {
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
          return this.write(tx, w);
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
          .where(where)
          .returning({ id: certificateClaims.id });
        if (!row) return;
        // The record is certificated once ESFA holds its certificate.
        await tx
          .update(apprentices)
          .set({ status: "certificated", version: sql`${apprentices.version} + 1`, updatedAt: now })
          .where(and(eq(apprentices.id, w.apprenticeId), eq(apprentices.status, "graded")));
        this.counters.claimed++;
        if (outcome.manual) {
          this.counters.claimedManually++;
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
        return;
      }
      case "error": {
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
          .where(where)
          .returning({ id: certificateClaims.id });
        if (!row) return;
        this.counters.errors++;
        if (w.previous !== "error" || w.claim.lastError !== message) {
          await audit("certificate.claim_error", `The certificate could not be claimed: ${message}`, { error: message });
        }
        return;
      }
      case "release":
      case "refreshed": {
        const [row] = await tx
          .update(certificateClaims)
          .set({ state: outcome.kind === "release" && w.previous === "error" ? "error" : "queued", lockedUntil: null, updatedAt: now })
          .where(where)
          .returning({ id: certificateClaims.id });
        if (row || outcome.kind === "refreshed") this.counters.released++;
        return;
      }
    }
  }
}

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why the EPAO's claims cannot run, or the key and client to run them with. */
async function openClient(epaoId: string, factory: EsfaClientFactory | undefined, log: CallLog): Promise<{ off: string } | { client: EsfaClient }> {
  const key = await esfaKeyFor(db(), epaoId);
  if (!key) return { off: "Claims are off: no ESFA API key has been entered for this EPAO." };
  if (key.status === "rejected")
    return {
      off: `Claims are off: ESFA rejected the API key ending ${key.lastFour}${key.statusMessage ? ` (${key.statusMessage})` : ""}. An EPAO admin must enter a new key.`,
    };
  const baseUrl = esfaBaseUrl();
  if (!factory && !baseUrl) return { off: "Claims are off: the ESFA service address (ESFA_API_URL) is not configured." };
  return { client: (factory ?? defaultClientFactory)({ baseUrl, subscriptionKey: key.key, onCall: log.push }) };
}

async function dueLeft(epaoId: string, today: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(certificateClaims)
    .where(and(eq(certificateClaims.epaoId, epaoId), lte(certificateClaims.claimDate, today), inArray(certificateClaims.state, ["queued", "in_flight"])));
  return row?.n ?? 0;
}

/** Runs one EPAO's certificate claims (see the module comment). */
export async function runClaims(input: RunClaimsInput): Promise<RunClaimsResult> {
  const now = input.now ?? new Date();
  const today = londonDate(now);
  const result = emptyResult(input.epaoId, today);
  const log = new CallLog(input.runId, input.epaoId);
  const opened = await openClient(input.epaoId, input.clientFactory, log);
  if ("off" in opened) return { ...result, outcome: "claims_off", message: opened.off };

  const settings = await countdownSettingsFor(db(), input.epaoId);
  const candidates = await claimCandidates(db(), input.epaoId);
  // One transaction per record (concurrent runners never hold each other's rows for long), eight at a time.
  for (let i = 0; i < candidates.length; i += 8) {
    await Promise.all(candidates.slice(i, i + 8).map((id) => db().transaction((tx) => refreshClaim(tx, id, today, { settings, now }))));
  }
  result.refreshed = candidates.length;

  const runner = new BatchRunner({ epaoId: input.epaoId, runId: input.runId, now, today, settings, hooks: input.hooks ?? {} }, opened.client, result);
  const batchSize = Math.min(input.batchSize ?? CLAIM_BATCH_SIZE, CLAIM_BATCH_SIZE);
  try {
    for (;;) {
      const taken = await takeClaims(input.epaoId, input.runId, now, today, input.leaseMs ?? CLAIM_LEASE_MS, batchSize);
      if (taken.length === 0) break;
      result.taken += taken.length;
      try {
        const works = await runner.prepare(taken);
        await input.hooks?.beforeSend?.({ claimIds: works.map((w) => w.claim.id), apprenticeIds: works.map((w) => w.apprenticeId) });
        await runner.lookUp(works);
        await runner.create(works);
        await runner.submitAndCommit(works);
      } catch (error) {
        await releaseHeld(input.runId, taken, new Date()).catch(() => undefined);
        throw error;
      } finally {
        await log.flush();
      }
      if (runner.stop) break;
      await input.onBatch?.();
    }
  } finally {
    await log.flush();
  }
  result.calls = log.count;

  const stop = runner.stop;
  if (stop?.kind === "auth") {
    await markKeyRejected(db(), input.epaoId, stop.error.message);
    await recordAudit(db(), CLAIMS_ACTOR, {
      action: "certificate.key_rejected",
      entityType: "organisation",
      entityId: input.epaoId,
      summary: `ESFA rejected the API key (${stop.error.message}): certificate claims are off until an EPAO admin enters a new key`,
      organisationId: input.epaoId,
    });
  }
  result.leftQueued = await dueLeft(input.epaoId, today);
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

// ---------------------------------------------------------------- status sync

export type SyncStatusesResult = { epaoId: string; outcome: RunOutcome; message: string; checked: number; changed: number; failed: number; calls: number };

const FINAL_STAGES = ["Delivered", "NotDelivered"];

/** Re-reads the EPAO's claimed certificates not yet Delivered/NotDelivered from ESFA and stores their stage. */
export async function syncStatuses(input: {
  epaoId: string;
  runId: string;
  now?: Date;
  clientFactory?: EsfaClientFactory;
  limit?: number;
}): Promise<SyncStatusesResult> {
  const now = input.now ?? new Date();
  const log = new CallLog(input.runId, input.epaoId);
  const result: SyncStatusesResult = { epaoId: input.epaoId, outcome: "completed", message: "", checked: 0, changed: 0, failed: 0, calls: 0 };
  const opened = await openClient(input.epaoId, input.clientFactory, log);
  if ("off" in opened) return { ...result, outcome: "claims_off", message: opened.off };
  const rows = await db()
    .select({ claim: certificateClaims, uln: apprentices.uln, familyName: apprentices.familyName, larsCode: standards.larsCode })
    .from(certificateClaims)
    .innerJoin(apprentices, eq(apprentices.id, certificateClaims.apprenticeId))
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .where(
      and(
        eq(certificateClaims.epaoId, input.epaoId),
        eq(certificateClaims.state, "claimed"),
        or(isNull(certificateClaims.certificateStatus), notInArray(certificateClaims.certificateStatus, FINAL_STAGES)),
      ),
    )
    .orderBy(certificateClaims.statusSyncedAt)
    .limit(input.limit ?? 2000);
  let stop: Stop | null = null;
  try {
    for (const row of rows) {
      result.checked++;
      try {
        const certificate = await opened.client.getCertificate(row.uln, row.familyName, row.larsCode);
        const stage = certificate ? certificateStage(certificate) : null;
        if (!certificate || certificate.certificateData.certificateReference !== row.claim.certificateReference) {
          result.failed++;
          continue;
        }
        await db().transaction(async (tx) => {
          await tx
            .update(certificateClaims)
            .set({ certificateStatus: stage, statusSyncedAt: now, updatedAt: now })
            .where(eq(certificateClaims.id, row.claim.id));
          if (stage !== row.claim.certificateStatus) {
            result.changed++;
            await recordAudit(tx, CLAIMS_ACTOR, {
              action: "certificate.status_changed",
              entityType: "apprentice",
              entityId: row.claim.apprenticeId,
              summary: `Certificate ${row.claim.certificateReference} is now ${stage} (was ${row.claim.certificateStatus ?? "unknown"})`,
              before: { certificateStatus: row.claim.certificateStatus },
              after: { certificateStatus: stage },
              organisationId: input.epaoId,
            });
          }
        });
      } catch (error) {
        stop = stopFor(error);
        if (stop) break;
        if (error instanceof EsfaRequestError) result.failed++;
        else throw error;
      }
    }
  } finally {
    await log.flush();
  }
  result.calls = log.count;
  const done = `${plural(result.checked, "certificate")} checked, ${result.changed} changed, ${result.failed} not found`;
  if (stop?.kind === "auth") {
    await markKeyRejected(db(), input.epaoId, stop.error.message);
    return { ...result, outcome: "key_rejected", message: `Claims are off: ESFA rejected the API key (${stop.error.message}). ${done}.` };
  }
  if (stop?.kind === "unavailable") return { ...result, outcome: "unavailable", message: `ESFA was unavailable (${stop.error.message}): ${done}.` };
  return { ...result, message: `${done}.` };
}
