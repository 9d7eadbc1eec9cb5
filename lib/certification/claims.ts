import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { appeals, apprentices, assessmentAttempts, certificateClaims, esfaApiKeys, resitRequests, standards } from "@/db/schema";
import { type ClaimState } from "@/lib/domain";
import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/service";
import { londonDate } from "@/lib/calendar/london";
import { esfaGradeFor, isHighestGrade, type EsfaGrade } from "@/lib/assessment/rules";
import { visibleTo } from "@/lib/auth/scope";
import { db, type DbOrTx } from "@/lib/db";
import { oneOrNotFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { countdown, daysLeft, type Countdown, type CountdownSettings, type Pause, type PauseReason } from "./countdown";
import { countdownSettingsFor, postalContactFor } from "./seams";
import type { Apprentice as ApprenticeRow, Attempt as AttemptRow, CertificateClaim as Claim } from "@/db/schema";
export type { Claim };

/**
 * Certificate claims (issue #7): when and whether a record's certificate is claimed from ESFA.
 *
 * A record's current attempt, once its overall grade is confirmed with a grade ESFA accepts (never a Fail), counts down
 * to a claim date (countdown.ts, with the EPAO's settings): the highest grade of the standard's scale after 7 days,
 * other grades after the appeal period. Appeals and resit requests lodged after confirmation pause the count while they
 * are open (from the London date they were lodged to the date they were decided), as does a break in learning (from
 * its start, while the record is on a break); a withdrawal cancels it.
 *
 * `refreshClaim` keeps the record's `certificate_claims` row in line with that (one row per attempt):
 * - counting → the attempt's claim is `queued` with the claim date (inserted, its date updated, or a cancelled row of
 *   the same attempt revived). An `error` claim whose record changed since it was built (apprentices.version ≠
 *   record_version: the cause was fixed on the record) is queued again; otherwise it keeps its error (the runner
 *   retries errors on every run anyway).
 * - paused, withdrawn, no confirmed grade any more (unlocked), a Fail, or a newer attempt → every `queued`/`error`
 *   claim of the record is `cancelled` (the row stays, with its last claim date, errors and attempts; when the
 *   countdown resumes the same row is queued again with the new date).
 * - `claimed` claims are never touched (the certificate exists at ESFA), nor are `in_flight` ones (a runner holds them;
 *   the runner re-checks the record itself before sending anything), except by the runner holding them (`heldBy`).
 *
 * The live countdown (claimOverview, queries.ts) is computed from the current data, so a screen shows a pause or a new
 * date at once even before the next run has refreshed the row.
 */

/** Who the runner's changes are audited as. */
export const CLAIMS_ACTOR: SystemActor = { kind: "system", label: "Certificate claims (ESFA)" };

/**
 * Set on a claim (certificate_status, before it is claimed) once a create request for it has been sent to ESFA and
 * no outcome has been recorded since: a certificate that ESFA then shows for the record is ours (a crash or timeout
 * between ESFA's create and our commit), not a manual claim.
 */
export const SENT_MARKER = "Sent to ESFA";

export const PAUSE_LABELS: Record<PauseReason, string> = {
  appeal: "An appeal is open",
  resit_request: "A resit or retake request is waiting for a decision",
  break: "The apprentice is on a break in learning",
};

// ---------------------------------------------------------------- evaluation (pure)

export type ClaimEvaluation =
  | { kind: "none"; reason: "no_attempt" | "not_confirmed" | "not_claimable"; attemptId: string | null; grade: string | null }
  | { kind: "countdown"; attemptId: string; grade: EsfaGrade; highest: boolean; confirmedOn: string; achievementDate: string; countdown: Countdown };

export type EvaluationInput = {
  apprentice: Pick<ApprenticeRow, "status" | "breakStartDate">;
  attempt: Pick<AttemptRow, "id" | "overallGrade" | "confirmedAt" | "achievementDate"> | null;
  standard: { overallGrades: readonly string[] };
  /** The record's appeals and resit requests (any attempt; those lodged before the confirmation are ignored). */
  appeals: readonly { lodgedAt: Date; decidedAt: Date | null }[];
  resits: readonly { requestedAt: Date; decidedAt: Date | null }[];
  settings: CountdownSettings;
  today: string;
};

/** Whether, and when, the record's certificate is claimed: the countdown of its current attempt. */
export function evaluateClaim(input: EvaluationInput): ClaimEvaluation {
  const { attempt } = input;
  if (!attempt) return { kind: "none", reason: "no_attempt", attemptId: null, grade: null };
  if (!attempt.overallGrade || !attempt.confirmedAt) return { kind: "none", reason: "not_confirmed", attemptId: attempt.id, grade: null };
  const grade = esfaGradeFor(attempt.overallGrade);
  if (!grade) return { kind: "none", reason: "not_claimable", attemptId: attempt.id, grade: attempt.overallGrade };
  const confirmedAt = attempt.confirmedAt;
  const confirmedOn = londonDate(confirmedAt);
  const pauses: Pause[] = [];
  for (const a of input.appeals) {
    if (a.lodgedAt < confirmedAt) continue;
    pauses.push({ from: londonDate(a.lodgedAt), to: a.decidedAt ? londonDate(a.decidedAt) : null, reason: "appeal" });
  }
  for (const r of input.resits) {
    if (r.requestedAt < confirmedAt) continue;
    pauses.push({ from: londonDate(r.requestedAt), to: r.decidedAt ? londonDate(r.decidedAt) : null, reason: "resit_request" });
  }
  if (input.apprentice.status === "on_break") pauses.push({ from: input.apprentice.breakStartDate ?? input.today, to: null, reason: "break" });
  const highest = isHighestGrade(input.standard, attempt.overallGrade);
  return {
    kind: "countdown",
    attemptId: attempt.id,
    grade,
    highest,
    confirmedOn,
    achievementDate: attempt.achievementDate ?? confirmedOn,
    countdown: countdown({ confirmedOn, highest, settings: input.settings, pauses, withdrawn: input.apprentice.status === "withdrawn" }),
  };
}

/** Everything evaluateClaim needs for one record, read from the database. */
export async function loadClaimContext(tx: DbOrTx, apprenticeId: string, options: { settings?: CountdownSettings; today: string; lock?: boolean }) {
  const query = tx.select().from(apprentices).where(eq(apprentices.id, apprenticeId));
  const [apprentice] = options.lock ? await query.for("share") : await query;
  if (!apprentice) return null;
  const [[standard], [attempt], appealRows, resitRows, settings] = await Promise.all([
    tx
      .select({
        id: standards.id,
        reference: standards.reference,
        larsCode: standards.larsCode,
        title: standards.title,
        overallGrades: standards.overallGrades,
      })
      .from(standards)
      .where(eq(standards.id, apprentice.standardId)),
    tx.select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, apprenticeId)).orderBy(desc(assessmentAttempts.number)).limit(1),
    tx.select({ lodgedAt: appeals.lodgedAt, decidedAt: appeals.decidedAt }).from(appeals).where(eq(appeals.apprenticeId, apprenticeId)),
    tx
      .select({ requestedAt: resitRequests.requestedAt, decidedAt: resitRequests.decidedAt })
      .from(resitRequests)
      .where(eq(resitRequests.apprenticeId, apprenticeId)),
    options.settings ? Promise.resolve(options.settings) : countdownSettingsFor(tx, apprentice.epaoId),
  ]);
  const evaluation = evaluateClaim({
    apprentice,
    attempt: attempt ?? null,
    standard: standard!,
    appeals: appealRows,
    resits: resitRows,
    settings,
    today: options.today,
  });
  return { apprentice, standard: standard!, attempt: attempt ?? null, evaluation, settings };
}
export type ClaimContext = NonNullable<Awaited<ReturnType<typeof loadClaimContext>>>;

// ---------------------------------------------------------------- refresh (writes)

export type RefreshOutcome = "none" | "created" | "updated" | "requeued" | "cancelled" | "unchanged" | "kept";
export type RefreshResult = { outcome: RefreshOutcome; claim: Claim | null; context: ClaimContext | null };

const LIVE: ClaimState[] = ["queued", "error"];

function cancelReason(evaluation: ClaimEvaluation): string {
  if (evaluation.kind === "none") {
    if (evaluation.reason === "not_claimable") return `the overall grade (${evaluation.grade}) is not one ESFA certificates`;
    return "the overall grade is no longer confirmed";
  }
  const c = evaluation.countdown;
  if (c.status === "cancelled") return "the apprentice has been withdrawn";
  if (c.status === "paused") return `the countdown is paused: ${PAUSE_LABELS[c.reason].toLowerCase()}`;
  return "a newer attempt replaces it";
}

/**
 * Brings the record's claim in line with its countdown on `today` (see the module comment for the rules). Call it in a
 * transaction. `heldBy`: the run id of a runner holding the record's in_flight claim, which may then be updated
 * (rebuilt from the current record, or released) like a queued one; its state stays in_flight while it is still due.
 */
export async function refreshClaim(
  tx: DbOrTx,
  apprenticeId: string,
  today: string,
  options: { settings?: CountdownSettings; heldBy?: string; now?: Date } = {},
): Promise<RefreshResult> {
  const context = await loadClaimContext(tx, apprenticeId, { settings: options.settings, today });
  if (!context) return { outcome: "none", claim: null, context: null };
  const { apprentice, evaluation } = context;
  const now = options.now ?? new Date();
  const claims = await tx.select().from(certificateClaims).where(eq(certificateClaims.apprenticeId, apprenticeId));
  const held = (c: Claim) => options.heldBy !== undefined && c.state === "in_flight" && c.runId === options.heldBy;
  const updatable = (c: Claim) => LIVE.includes(c.state) || held(c);
  const fence = (c: Claim) =>
    and(
      eq(certificateClaims.id, c.id),
      held(c) ? and(eq(certificateClaims.state, "in_flight"), eq(certificateClaims.runId, options.heldBy!)) : eq(certificateClaims.state, c.state),
    );
  const audit = (action: string, summary: string, after?: Record<string, unknown>) =>
    recordAudit(tx, CLAIMS_ACTOR, {
      action,
      entityType: "apprentice",
      entityId: apprentice.id,
      summary,
      after: after ?? null,
      organisationId: apprentice.epaoId,
    });

  const counting = evaluation.kind === "countdown" && evaluation.countdown.status === "counting" ? evaluation : null;
  let cancelled = 0;
  for (const c of claims) {
    if (!updatable(c)) continue;
    if (counting && c.attemptId === counting.attemptId) continue;
    const [row] = await tx
      .update(certificateClaims)
      .set({ state: "cancelled", runId: null, lockedUntil: null, updatedAt: now })
      .where(fence(c))
      .returning({ id: certificateClaims.id });
    if (row) {
      cancelled++;
      await audit("certificate.claim_cancelled", `The certificate claim was stopped: ${cancelReason(evaluation)}`, { claimDate: c.claimDate });
    }
  }
  if (!counting || counting.countdown.status !== "counting") {
    const claim = claims.find((c) => c.state === "claimed" || c.state === "in_flight") ?? null;
    return { outcome: cancelled > 0 ? "cancelled" : "none", claim, context };
  }

  const claimDate = counting.countdown.claimDate;
  const blocking = claims.find((c) => c.attemptId !== counting.attemptId && (c.state === "claimed" || (c.state === "in_flight" && !held(c))));
  if (blocking) return { outcome: "kept", claim: blocking, context };

  const own = claims.find((c) => c.attemptId === counting.attemptId);
  if (!own) {
    const [created] = await tx
      .insert(certificateClaims)
      .values({
        apprenticeId,
        attemptId: counting.attemptId,
        epaoId: apprentice.epaoId,
        state: "queued",
        claimDate,
        recordVersion: apprentice.version,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx.select().from(certificateClaims).where(eq(certificateClaims.attemptId, counting.attemptId));
      return { outcome: "unchanged", claim: existing ?? null, context };
    }
    await audit("certificate.claim_scheduled", `The certificate will be claimed from ESFA on ${formatDate(claimDate)} (${counting.grade})`, {
      claimDate,
      grade: counting.grade,
    });
    return { outcome: "created", claim: created, context };
  }
  if (own.state === "claimed" || (own.state === "in_flight" && !held(own))) return { outcome: "kept", claim: own, context };

  const versionChanged = own.recordVersion !== apprentice.version;
  const patch: Partial<typeof certificateClaims.$inferInsert> = {};
  let outcome: RefreshOutcome = "unchanged";
  if (own.state === "cancelled") {
    Object.assign(patch, { state: "queued", claimDate, recordVersion: apprentice.version, epaoId: apprentice.epaoId, runId: null, lockedUntil: null });
    outcome = "requeued";
  } else if (own.state === "error" && versionChanged) {
    Object.assign(patch, { state: "queued", claimDate, recordVersion: apprentice.version, epaoId: apprentice.epaoId });
    outcome = "requeued";
  } else if (own.claimDate !== claimDate || versionChanged || own.epaoId !== apprentice.epaoId) {
    Object.assign(patch, { claimDate, recordVersion: apprentice.version, epaoId: apprentice.epaoId });
    outcome = "updated";
  }
  if (outcome === "unchanged") return { outcome, claim: own, context };
  const [updated] = await tx
    .update(certificateClaims)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(certificateClaims.id, own.id), own.state === "cancelled" ? eq(certificateClaims.state, "cancelled") : fence(own)))
    .returning();
  if (!updated) return { outcome: "unchanged", claim: own, context };
  if (outcome === "requeued") {
    await audit(
      "certificate.claim_requeued",
      own.state === "error"
        ? `The record was changed since the certificate claim failed: it will be tried again (claim date ${formatDate(claimDate)})`
        : `The certificate will be claimed from ESFA on ${formatDate(claimDate)} (${counting.grade})`,
      { claimDate },
    );
  } else if (own.claimDate !== claimDate) {
    await audit("certificate.claim_date_changed", `The certificate claim date moved from ${formatDate(own.claimDate)} to ${formatDate(claimDate)}`, {
      claimDate,
    });
  }
  return { outcome, claim: updated, context };
}

// ---------------------------------------------------------------- record page

export type ClaimOverview = {
  apprenticeId: string;
  /** Why there is no countdown (null when there is one). */
  notClaimable: string | null;
  grade: string | null;
  highestGrade: boolean | null;
  confirmedOn: string | null;
  claimDate: string | null;
  daysLeft: number | null;
  paused: { reason: PauseReason; label: string; since: string; remainingDays: number } | null;
  withdrawn: boolean;
  state: ClaimState | null;
  certificateReference: string | null;
  certificateStatus: string | null;
  claimedManually: boolean;
  claimedAt: Date | null;
  statusSyncedAt: Date | null;
  attempts: number;
  lastError: string | null;
  firstErrorAt: Date | null;
  lastErrorAt: Date | null;
  hasConsent: boolean;
  hasPostalAddress: boolean;
  /** Why the EPAO's claims are off (no key, key rejected); null when they are on. */
  claimsOff: string | null;
};

export async function claimsOffReason(tx: DbOrTx, epaoId: string): Promise<string | null> {
  const [key] = await tx
    .select({ status: esfaApiKeys.status, statusMessage: esfaApiKeys.statusMessage, lastFour: esfaApiKeys.lastFour })
    .from(esfaApiKeys)
    .where(eq(esfaApiKeys.epaoId, epaoId));
  if (!key) return "No ESFA API key has been entered for the EPAO, so certificates are not claimed automatically.";
  if (key.status === "rejected")
    return `ESFA rejected the EPAO's API key (ending ${key.lastFour})${key.statusMessage ? `: ${key.statusMessage}` : ""}. Claims stop until an EPAO admin enters a new key.`;
  return null;
}

const NOT_CLAIMABLE: Record<"no_attempt" | "not_confirmed", string> = {
  no_attempt: "End-point assessment has not started.",
  not_confirmed: "The overall grade has not been confirmed yet.",
};

/**
 * The certification panel of a record: claim date and days left (or why it is paused or off), the claim's state, ESFA's
 * reference and status, errors, and whether consent and a postal address are there. For provider, EPAO and assessor
 * users who can see the record; anyone else gets NotFoundError.
 */
export async function claimOverview(actor: UserActor, apprenticeId: string, now: Date = new Date()): Promise<ClaimOverview> {
  const visible = visibleTo(actor);
  await oneOrNotFound(
    db()
      .select({ id: apprentices.id })
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), visible)),
    "Apprentice record not found.",
  );
  const today = londonDate(now);
  const context = (await loadClaimContext(db(), apprenticeId, { today }))!;
  const { apprentice, evaluation } = context;
  const claims = await db().select().from(certificateClaims).where(eq(certificateClaims.apprenticeId, apprenticeId)).orderBy(desc(certificateClaims.updatedAt));
  const claim =
    claims.find((c) => c.state !== "cancelled") ?? claims.find((c) => evaluation.attemptId !== null && c.attemptId === evaluation.attemptId) ?? null;
  const [postal, claimsOff] = await Promise.all([postalContactFor(db(), apprentice), claimsOffReason(db(), apprentice.epaoId)]);

  let notClaimable: string | null = null;
  let claimDate: string | null = null;
  let paused: ClaimOverview["paused"] = null;
  let withdrawn = false;
  if (evaluation.kind === "none") {
    notClaimable =
      evaluation.reason === "not_claimable"
        ? `A ${evaluation.grade} grade is never sent to ESFA: no certificate is claimed.`
        : NOT_CLAIMABLE[evaluation.reason];
  } else if (evaluation.countdown.status === "counting") {
    claimDate = evaluation.countdown.claimDate;
  } else if (evaluation.countdown.status === "paused") {
    const c = evaluation.countdown;
    paused = { reason: c.reason, label: PAUSE_LABELS[c.reason], since: c.since, remainingDays: c.remaining };
  } else {
    withdrawn = true;
    notClaimable = "The apprentice has been withdrawn: no certificate is claimed.";
  }
  if (claim?.state === "claimed") claimDate = claim.claimDate;
  return {
    apprenticeId,
    notClaimable,
    grade: evaluation.grade,
    highestGrade: evaluation.kind === "countdown" ? evaluation.highest : null,
    confirmedOn: evaluation.kind === "countdown" ? evaluation.confirmedOn : null,
    claimDate,
    daysLeft: claimDate && claim?.state !== "claimed" ? daysLeft(claimDate, today) : null,
    paused,
    withdrawn,
    state: claim?.state ?? null,
    certificateReference: claim?.certificateReference ?? null,
    certificateStatus: claim?.state === "claimed" ? claim.certificateStatus : null,
    claimedManually: claim?.claimedManually ?? false,
    claimedAt: claim?.claimedAt ?? null,
    statusSyncedAt: claim?.statusSyncedAt ?? null,
    attempts: claim?.attempts ?? 0,
    lastError: claim?.state === "claimed" ? null : (claim?.lastError ?? null),
    firstErrorAt: claim?.state === "claimed" ? null : (claim?.firstErrorAt ?? null),
    lastErrorAt: claim?.state === "claimed" ? null : (claim?.lastErrorAt ?? null),
    hasConsent: apprentice.certificateConsentAt !== null,
    hasPostalAddress: postal !== null,
    claimsOff,
  };
}

// ---------------------------------------------------------------- candidates

/**
 * The EPAO's records whose claim may need refreshing: the current attempt is confirmed and not yet claimed (or being
 * claimed), or the record has a queued/error claim (which may have to be cancelled).
 */
export async function claimCandidates(tx: DbOrTx, epaoId: string): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    select a.id
      from apprentices a
      join lateral (select t.id, t.confirmed_at from assessment_attempts t where t.apprentice_id = a.id order by t.number desc limit 1) cur on true
     where a.epao_id = ${epaoId}
       and (
         (cur.confirmed_at is not null and a.status <> 'withdrawn'
           and not exists (select 1 from certificate_claims c where c.apprentice_id = a.id and c.state in ('claimed', 'in_flight')))
         or exists (select 1 from certificate_claims c where c.apprentice_id = a.id and c.state in ('queued', 'error'))
       )
     order by a.id`);
  return rows.map((r) => r.id);
}
