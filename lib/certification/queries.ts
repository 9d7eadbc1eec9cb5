import "server-only";
import { and, asc, desc, eq, ilike, inArray, isNotNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { appeals, apprentices, assessmentAttempts, certificateClaims, esfaCalls, jobs, resitRequests, standards } from "@/db/schema";
import { type ClaimState } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { csvCell } from "@/lib/csv";
import { londonDate } from "@/lib/calendar/london";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { evaluateClaim, PAUSE_LABELS, refreshClaim, type Claim } from "./claims";
import { daysLeft, type PauseReason } from "./countdown";
import { CLAIMS_JOB_KIND, type ClaimsJobEpaoResult, type ClaimsJobResult } from "./jobs";
import { countdownSettingsFor } from "./seams";
import { isUuid } from "@/lib/ids";
import { parseSearchParams, searchInt, searchText, type RawSearchParams } from "@/lib/validation";
import { z } from "zod";
import type { EsfaCall as RunCall } from "@/db/schema";
export type { RunCall };

/**
 * What the certification screens read (issue #7). EPAO admins and staff see their own EPAO's claims; providers see
 * their own apprentices' claims; another organisation's data is never listed and its ids answer NotFoundError.
 */

const DAY = 86_400_000;

// ---------------------------------------------------------------- upcoming claims

export type UpcomingClaim = {
  apprenticeId: string;
  name: string;
  uln: string;
  employerName: string;
  standard: string;
  grade: string;
  highestGrade: boolean;
  confirmedOn: string;
  claimDate: string;
  daysLeft: number;
  /** The claim's state, or "pending" while no run has picked the record up yet. */
  state: ClaimState | "pending";
  lastError: string | null;
};

export type PausedClaim = Omit<UpcomingClaim, "claimDate" | "daysLeft"> & { reason: PauseReason; label: string; since: string; remainingDays: number };

export const UPCOMING_PAGE_SIZE = 50;

const currentAttempt = sql`${assessmentAttempts.number} = (select max(t.number) from assessment_attempts t where t.apprentice_id = ${apprentices.id})`;

/**
 * The EPAO's records counting down to a certificate claim, by claim date (the live countdown from the current data,
 * with the claim's state), paginated; and, separately, the records whose countdown is paused (appeal, resit request,
 * break in learning). Claimed and withdrawn records, and Fails, are not listed.
 */
export async function upcomingClaims(actor: UserActor, options: { page?: number; now?: Date } = {}) {
  assertCan(actor, "certification.read");
  const epaoId = actor.organisationId;
  const today = londonDate(options.now ?? new Date());
  const rows = await db()
    .select({
      apprentice: {
        id: apprentices.id,
        givenNames: apprentices.givenNames,
        familyName: apprentices.familyName,
        uln: apprentices.uln,
        employerName: apprentices.employerName,
        status: apprentices.status,
        breakStartDate: apprentices.breakStartDate,
      },
      standard: { reference: standards.reference, title: standards.title, overallGrades: standards.overallGrades },
      attempt: {
        id: assessmentAttempts.id,
        overallGrade: assessmentAttempts.overallGrade,
        confirmedAt: assessmentAttempts.confirmedAt,
        achievementDate: assessmentAttempts.achievementDate,
      },
      claim: { state: certificateClaims.state, lastError: certificateClaims.lastError },
    })
    .from(apprentices)
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .innerJoin(assessmentAttempts, and(eq(assessmentAttempts.apprenticeId, apprentices.id), currentAttempt))
    .leftJoin(certificateClaims, and(eq(certificateClaims.apprenticeId, apprentices.id), ne(certificateClaims.state, "cancelled")))
    .where(
      and(
        eq(apprentices.epaoId, epaoId),
        ne(apprentices.status, "withdrawn"),
        isNotNull(assessmentAttempts.confirmedAt),
        or(sql`${certificateClaims.id} is null`, ne(certificateClaims.state, "claimed")),
      ),
    );
  const ids = rows.map((r) => r.apprentice.id);
  const [appealRows, resitRows, settings] = await Promise.all([
    ids.length
      ? db()
          .select({ apprenticeId: appeals.apprenticeId, lodgedAt: appeals.lodgedAt, decidedAt: appeals.decidedAt })
          .from(appeals)
          .where(inArray(appeals.apprenticeId, ids))
      : [],
    ids.length
      ? db()
          .select({ apprenticeId: resitRequests.apprenticeId, requestedAt: resitRequests.requestedAt, decidedAt: resitRequests.decidedAt })
          .from(resitRequests)
          .where(inArray(resitRequests.apprenticeId, ids))
      : [],
    countdownSettingsFor(db(), epaoId),
  ]);
  const group = <T extends { apprenticeId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.apprenticeId, [...(map.get(item.apprenticeId) ?? []), item]);
    return map;
  };
  const appealsBy = group(appealRows);
  const resitsBy = group(resitRows);

  const upcoming: UpcomingClaim[] = [];
  const paused: PausedClaim[] = [];
  for (const row of rows) {
    const evaluation = evaluateClaim({
      apprentice: row.apprentice,
      attempt: row.attempt,
      standard: row.standard,
      appeals: appealsBy.get(row.apprentice.id) ?? [],
      resits: resitsBy.get(row.apprentice.id) ?? [],
      settings,
      today,
    });
    if (evaluation.kind !== "countdown") continue;
    const base = {
      apprenticeId: row.apprentice.id,
      name: `${row.apprentice.givenNames} ${row.apprentice.familyName}`,
      uln: row.apprentice.uln,
      employerName: row.apprentice.employerName,
      standard: `${row.standard.reference} ${row.standard.title}`,
      grade: evaluation.grade,
      highestGrade: evaluation.highest,
      confirmedOn: evaluation.confirmedOn,
      state: row.claim?.state ?? ("pending" as const),
      lastError: row.claim?.state === "error" ? row.claim.lastError : null,
    };
    const c = evaluation.countdown;
    if (c.status === "counting") upcoming.push({ ...base, claimDate: c.claimDate, daysLeft: daysLeft(c.claimDate, today) });
    else if (c.status === "paused") paused.push({ ...base, reason: c.reason, label: PAUSE_LABELS[c.reason], since: c.since, remainingDays: c.remaining });
  }
  const byName = (a: { name: string; uln: string }, b: { name: string; uln: string }) => a.name.localeCompare(b.name) || a.uln.localeCompare(b.uln);
  upcoming.sort((a, b) => a.claimDate.localeCompare(b.claimDate) || byName(a, b));
  paused.sort((a, b) => a.since.localeCompare(b.since) || byName(a, b));
  const pages = Math.max(1, Math.ceil(upcoming.length / UPCOMING_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  return {
    rows: upcoming.slice((page - 1) * UPCOMING_PAGE_SIZE, page * UPCOMING_PAGE_SIZE),
    total: upcoming.length,
    page,
    pages,
    pageSize: UPCOMING_PAGE_SIZE,
    paused,
  };
}

// ---------------------------------------------------------------- errors report

/** Errors are expected to be resolved within 7 days (DOMAIN.md). */
export const ERROR_TARGET_DAYS = 7;

export type CertificationErrorFilters = { ageOver?: number; search?: string };

/** The errors page's filters in its URL, shared by the page and its CSV export: `q` (search text) and `ageOver` (days). */
export const certificationErrorQuerySchema = z.object({ q: searchText(100), ageOver: searchInt(1, 3650) });

export function parseCertificationErrorFilters(params: RawSearchParams | URLSearchParams): CertificationErrorFilters {
  const { q, ageOver } = parseSearchParams(certificationErrorQuerySchema, params).query;
  return { search: q, ageOver };
}

export type CertificationErrorRow = {
  apprenticeId: string;
  givenNames: string;
  familyName: string;
  uln: string;
  employerName: string;
  standard: string;
  message: string;
  firstErrorAt: Date;
  lastErrorAt: Date | null;
  ageDays: number;
  overTarget: boolean;
  attempts: number;
  claimDate: string;
};

function errorConditions(epaoId: string, filters: CertificationErrorFilters, now: Date): SQL {
  const conditions: (SQL | undefined)[] = [eq(certificateClaims.epaoId, epaoId), eq(certificateClaims.state, "error")];
  const age = Number(filters.ageOver);
  if (filters.ageOver !== undefined && Number.isFinite(age) && age > 0)
    conditions.push(lte(certificateClaims.firstErrorAt, new Date(now.getTime() - age * DAY)));
  const search = filters.search?.trim().slice(0, 100);
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      or(
        ilike(apprentices.familyName, like),
        ilike(apprentices.givenNames, like),
        ilike(sql`${apprentices.givenNames} || ' ' || ${apprentices.familyName}`, like),
        ilike(apprentices.uln, like),
        ilike(apprentices.employerName, like),
        ilike(certificateClaims.lastError, like),
      ),
    );
  }
  return and(...conditions)!;
}

/**
 * The EPAO's claims in error, oldest first: ESFA's message, when it first failed, its age in days against the 7-day
 * target, attempts, employer. `ageOver` keeps errors at least that many days old; `search` matches name, ULN,
 * employer or message.
 */
export async function certificationErrors(actor: UserActor, filters: CertificationErrorFilters = {}, now: Date = new Date()): Promise<CertificationErrorRow[]> {
  assertCan(actor, "certification.errors");
  const rows = await db()
    .select({ claim: certificateClaims, apprentice: apprentices, standard: { reference: standards.reference, title: standards.title } })
    .from(certificateClaims)
    .innerJoin(apprentices, eq(apprentices.id, certificateClaims.apprenticeId))
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .where(errorConditions(actor.organisationId, filters, now))
    .orderBy(asc(certificateClaims.firstErrorAt), asc(apprentices.familyName), asc(apprentices.id))
    .limit(5000);
  return rows.map(({ claim, apprentice, standard }) => {
    const first = claim.firstErrorAt ?? claim.lastErrorAt ?? claim.updatedAt;
    const ageDays = Math.max(0, Math.floor((now.getTime() - first.getTime()) / DAY));
    return {
      apprenticeId: apprentice.id,
      givenNames: apprentice.givenNames,
      familyName: apprentice.familyName,
      uln: apprentice.uln,
      employerName: apprentice.employerName,
      standard: `${standard.reference} ${standard.title}`,
      message: claim.lastError ?? "",
      firstErrorAt: first,
      lastErrorAt: claim.lastErrorAt,
      ageDays,
      overTarget: ageDays > ERROR_TARGET_DAYS,
      attempts: claim.attempts,
      claimDate: claim.claimDate,
    };
  });
}

const ERROR_CSV_COLUMNS: [string, (r: CertificationErrorRow) => string][] = [
  ["ULN", (r) => r.uln],
  ["Given names", (r) => r.givenNames],
  ["Family name", (r) => r.familyName],
  ["Employer", (r) => r.employerName],
  ["Standard", (r) => r.standard],
  ["ESFA message", (r) => r.message],
  ["First error", (r) => r.firstErrorAt.toISOString()],
  ["Age (days)", (r) => String(r.ageDays)],
  [`Over ${ERROR_TARGET_DAYS}-day target`, (r) => (r.overTarget ? "Yes" : "No")],
  ["Attempts", (r) => String(r.attempts)],
  ["Claim date", (r) => r.claimDate],
];

/** The error report (same filters and order) as CSV. */
export async function certificationErrorsCsv(actor: UserActor, filters: CertificationErrorFilters = {}, now: Date = new Date()): Promise<string> {
  const rows = await certificationErrors(actor, filters, now);
  const lines = [ERROR_CSV_COLUMNS.map(([h]) => h).join(",")];
  for (const row of rows) lines.push(ERROR_CSV_COLUMNS.map(([, get]) => csvCell(get(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------- run history

export type ClaimRun = {
  id: string;
  requestedBy: string;
  status: string;
  runAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  lastError: string | null;
  /** This EPAO's part of the run's result. */
  result: ClaimsJobEpaoResult | null;
};

/** Runs that concern the EPAO: its run-nows, and scheduled runs whose result (or calls) include it. */
function runOfEpao(epaoId: string): SQL {
  return and(
    eq(jobs.kind, CLAIMS_JOB_KIND),
    or(
      eq(jobs.organisationId, epaoId),
      and(
        sql`${jobs.organisationId} is null`,
        or(
          sql`(${jobs.result} -> 'epaos' -> ${epaoId}::text) is not null`,
          sql`exists (select 1 from esfa_calls ec where ec.run_id = ${jobs.id} and ec.epao_id = ${epaoId})`,
        ),
      ),
    ),
  )!;
}

/** The EPAO's recent claim runs (scheduled and run-now), newest first, with its part of each result. */
export async function claimRuns(actor: UserActor, options: { limit?: number } = {}): Promise<ClaimRun[]> {
  assertCan(actor, "certification.read");
  const rows = await db()
    .select()
    .from(jobs)
    .where(runOfEpao(actor.organisationId))
    .orderBy(desc(jobs.createdAt))
    .limit(Math.min(options.limit ?? 20, 100));
  return rows.map((job) => ({
    id: job.id,
    requestedBy: job.requestedBy,
    status: job.status,
    runAt: job.runAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    lastError: job.lastError,
    result: (job.result as ClaimsJobResult | null)?.epaos?.[actor.organisationId] ?? null,
  }));
}

/** The ESFA calls one of the EPAO's runs made (for this EPAO only), in order. Another EPAO's run → NotFoundError. */
export async function runCalls(actor: UserActor, runId: string): Promise<RunCall[]> {
  assertCan(actor, "certification.read");
  if (!isUuid(runId)) throw new NotFoundError("Run not found.");
  await oneOrNotFound(
    db()
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.id, runId), runOfEpao(actor.organisationId))),
    "Run not found.",
  );
  return db()
    .select()
    .from(esfaCalls)
    .where(and(eq(esfaCalls.runId, runId), eq(esfaCalls.epaoId, actor.organisationId)))
    .orderBy(asc(esfaCalls.at), asc(esfaCalls.id));
}

// ---------------------------------------------------------------- provider view

export type ProviderCertificationRow = {
  apprenticeId: string;
  name: string;
  uln: string;
  standard: string;
  claimDate: string;
  state: ClaimState;
  certificateReference: string | null;
  certificateStatus: string | null;
  claimedManually: boolean;
  error: string | null;
};

/** A training provider's own apprentices' certificate claims (latest claim date first). */
export async function providerCertification(actor: UserActor): Promise<ProviderCertificationRow[]> {
  assertCan(actor, "certification.provider");
  const rows = await db()
    .select({
      claim: certificateClaims,
      apprentice: { id: apprentices.id, givenNames: apprentices.givenNames, familyName: apprentices.familyName, uln: apprentices.uln },
      standard: { reference: standards.reference, title: standards.title },
    })
    .from(certificateClaims)
    .innerJoin(apprentices, eq(apprentices.id, certificateClaims.apprenticeId))
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .where(and(eq(apprentices.providerId, actor.organisationId), ne(certificateClaims.state, "cancelled")))
    .orderBy(desc(certificateClaims.claimDate), asc(apprentices.familyName), asc(apprentices.id))
    .limit(2000);
  return rows.map(({ claim, apprentice, standard }) => ({
    apprenticeId: apprentice.id,
    name: `${apprentice.givenNames} ${apprentice.familyName}`,
    uln: apprentice.uln,
    standard: `${standard.reference} ${standard.title}`,
    claimDate: claim.claimDate,
    state: claim.state,
    certificateReference: claim.certificateReference,
    certificateStatus: claim.state === "claimed" ? claim.certificateStatus : null,
    claimedManually: claim.claimedManually,
    error: claim.state === "error" ? claim.lastError : null,
  }));
}

// ---------------------------------------------------------------- requeue

/**
 * After fixing the cause on the record (family name, ULN, version/option, address, consent), the EPAO puts a failed
 * claim back in the queue; the next run (or run-now) tries it again. (A record edit re-queues it by itself at the next
 * run: refreshClaim compares the record's version.)
 */
export async function requeueClaim(actor: UserActor, input: { apprenticeId?: unknown }, now: Date = new Date()): Promise<Claim> {
  assertCan(actor, "certification.claims");
  const apprenticeId = typeof input.apprenticeId === "string" ? input.apprenticeId : "";
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return db().transaction(async (tx) => {
    const apprentice = await oneOrNotFound(
      tx
        .select({ id: apprentices.id, version: apprentices.version })
        .from(apprentices)
        .where(and(eq(apprentices.id, apprenticeId), eq(apprentices.epaoId, actor.organisationId))),
      "Apprentice record not found.",
    );
    const before = await tx
      .select()
      .from(certificateClaims)
      .where(and(eq(certificateClaims.apprenticeId, apprenticeId), ne(certificateClaims.state, "cancelled")))
      .for("update");
    const refreshed = await refreshClaim(tx, apprenticeId, londonDate(now), { now });
    const [claim] = await tx
      .select()
      .from(certificateClaims)
      .where(and(eq(certificateClaims.apprenticeId, apprenticeId), ne(certificateClaims.state, "cancelled")));
    const refuse = (message: string): never => {
      throw new ValidationError({ form: message }, message);
    };
    if (!claim) {
      const evaluation = refreshed.context?.evaluation;
      if (evaluation?.kind === "countdown" && evaluation.countdown.status === "paused")
        refuse(`The certificate claim is paused: ${PAUSE_LABELS[evaluation.countdown.reason].toLowerCase()}.`);
      return refuse("There is no certificate claim to retry for this record.");
    }
    if (claim.state === "claimed") refuse(`The certificate has already been claimed (reference ${claim.certificateReference}).`);
    if (claim.state === "in_flight") refuse("The claim is being sent to ESFA right now: look again in a few minutes.");
    const previousError = before.find((c) => c.id === claim.id)?.lastError ?? claim.lastError;
    let saved = claim;
    if (claim.state === "error") {
      [saved] = (await tx
        .update(certificateClaims)
        .set({ state: "queued", recordVersion: apprentice.version, updatedAt: now })
        .where(and(eq(certificateClaims.id, claim.id), eq(certificateClaims.state, "error")))
        .returning()) as [Claim];
    }
    await recordAudit(tx, actor, {
      action: "certificate.claim_requeued",
      entityType: "apprentice",
      entityId: apprenticeId,
      summary: `Put the certificate claim back in the queue for the next run${previousError ? ` (last error: ${previousError})` : ""}`,
      after: { state: "queued", claimDate: saved.claimDate },
    });
    return saved;
  });
}
