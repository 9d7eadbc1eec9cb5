import "server-only";
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { appeals, apprentices, assessmentAttempts, componentGrades, organisations, resitRequests, standards, users } from "@/db/schema";
import { visibleTo } from "@/lib/auth/scope";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { appealRule, appealWindowCloses } from "./appeals";
import { londonDate } from "@/lib/calendar/london";
import { deriveFor, gradeRowsOf, loadStandardForGrading, loadStandardsForGrading, type Attempt } from "./grading";
import { canConfirmOverall, canRecordComponentGrade, canRequestResit, canUnlock, type DerivedGrade, type RuleResult } from "./rules";
import { isUuid } from "@/lib/ids";
import { searchPage } from "@/lib/validation";

// The read side of grading (issue #6): one record's assessment overview with what the actor may do next, the
// assessor's worklist and the EPAO's grading queues.

const no = (reason: string): RuleResult => ({ ok: false, reason });

/**
 * SQL: the current attempt of the outer query's apprentice as a one-row derived table `cur`, looked up per record
 * through the (apprentice_id, number) unique index, so a list's cost follows its own records, not the attempts table.
 */
const currentAttemptOfRecord = sql`(select a.id, a.confirmed_at from assessment_attempts a where a.apprentice_id = ${apprentices.id} order by a.number desc limit 1) cur`;

// ---------------------------------------------------------------------------------------------------
// One record
// ---------------------------------------------------------------------------------------------------

/**
 * Everything about a record's end-point assessment for anyone who may see it: the standard's components, every
 * attempt (newest first) with its grades, the provisional grade of an unconfirmed attempt, the confirmed grade,
 * resit requests and appeals, the appeal window, and what the actor may do now (with the reason when not).
 */
export async function assessmentOverview(actor: UserActor, apprenticeId: string, now: Date = new Date()) {
  assertCan(actor, "apprentices.read");
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  const apprentice = await oneOrNotFound(
    db()
      .select({
        id: apprentices.id,
        status: apprentices.status,
        version: apprentices.version,
        standardId: apprentices.standardId,
        assessorId: apprentices.assessorId,
      })
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), visibleTo(actor))),
    "Apprentice record not found.",
  );

  const confirmer = alias(users, "confirmer");
  const recorder = alias(users, "recorder");
  const requester = alias(users, "requester");
  const decider = alias(users, "decider");
  const [standard, attemptRows, resitRows, appealRows] = await Promise.all([
    loadStandardForGrading(db(), apprentice.standardId),
    db()
      .select({ attempt: assessmentAttempts, confirmedByName: confirmer.name })
      .from(assessmentAttempts)
      .leftJoin(confirmer, eq(confirmer.id, assessmentAttempts.confirmedBy))
      .where(eq(assessmentAttempts.apprenticeId, apprentice.id))
      .orderBy(desc(assessmentAttempts.number)),
    db()
      .select({ request: resitRequests, requestedByName: requester.name, decidedByName: decider.name })
      .from(resitRequests)
      .leftJoin(requester, eq(requester.id, resitRequests.requestedBy))
      .leftJoin(decider, eq(decider.id, resitRequests.decidedBy))
      .where(eq(resitRequests.apprenticeId, apprentice.id))
      .orderBy(desc(resitRequests.requestedAt)),
    db()
      .select({ appeal: appeals, lodgedByName: requester.name, decidedByName: decider.name })
      .from(appeals)
      .leftJoin(requester, eq(requester.id, appeals.lodgedBy))
      .leftJoin(decider, eq(decider.id, appeals.decidedBy))
      .where(eq(appeals.apprenticeId, apprentice.id))
      .orderBy(desc(appeals.lodgedAt)),
  ]);
  const attemptIds = attemptRows.map((r) => r.attempt.id);
  const gradeRows =
    attemptIds.length === 0
      ? []
      : await db()
          .select({ grade: componentGrades, recordedByName: recorder.name })
          .from(componentGrades)
          .leftJoin(recorder, eq(recorder.id, componentGrades.recordedBy))
          .where(inArray(componentGrades.attemptId, attemptIds));

  const attemptNumber = new Map(attemptRows.map((r) => [r.attempt.id, r.attempt.number]));
  const attempts = attemptRows.map(({ attempt, confirmedByName }, index) => {
    const mine = gradeRows.filter((g) => g.grade.attemptId === attempt.id);
    const grades = standard.components.flatMap((c) => {
      const row = mine.find((g) => g.grade.componentId === c.id);
      if (!row) return [];
      const g = row.grade;
      return [
        {
          componentId: c.id,
          code: c.code,
          name: c.name,
          grade: g.grade,
          assessedOn: g.assessedOn,
          carriedOver: g.carriedOver,
          locked: g.locked,
          recordedBy: row.recordedByName,
          recordedAt: g.recordedAt,
        },
      ];
    });
    const derived = deriveFor(
      standard,
      mine.map((g) => g.grade),
    );
    return {
      id: attempt.id,
      number: attempt.number,
      kind: attempt.kind,
      current: index === 0,
      version: attempt.version,
      startedAt: attempt.startedAt,
      /** Codes of the components assessed in this attempt (all of them for a first attempt). */
      inScope: attempt.components ?? standard.components.map((c) => c.code),
      grades,
      /** The derived grade while the overall grade is not confirmed. */
      provisional: attempt.overallGrade === null ? derived : null,
      confirmed:
        attempt.overallGrade !== null
          ? { overallGrade: attempt.overallGrade, achievementDate: attempt.achievementDate, confirmedAt: attempt.confirmedAt, confirmedBy: confirmedByName }
          : null,
      derived,
    };
  });

  const current = attempts[0] ?? null;
  const currentRow: Attempt | null = attemptRows[0]?.attempt ?? null;
  const openResit = resitRows.find((r) => r.request.status === "requested") ?? null;
  const openAppeal = appealRows.find((r) => r.appeal.status === "open") ?? null;
  const notStarted = no("End-point assessment has not started for this apprentice.");

  const flags = {
    recordGrades: !can(actor, "grades.record")
      ? no("Only the assigned assessor records component grades.")
      : !current
        ? notStarted
        : canRecordComponentGrade(apprentice),
    confirm: !can(actor, "assessment.manage")
      ? no("Only EPAO users confirm overall grades.")
      : !current
        ? notStarted
        : canConfirmOverall(apprentice, current.derived),
    unlock: !current
      ? notStarted
      : apprentice.status === "certificated" || apprentice.status === "withdrawn"
        ? no(`Grades cannot be unlocked: the apprentice has been ${apprentice.status}.`)
        : canUnlock(actor, current.confirmed !== null || current.grades.some((g) => g.locked && !g.carriedOver)),
    requestResit: !can(actor, "assessment.provide")
      ? no("Only the training provider can request a resit or retake.")
      : openResit
        ? no("A resit or retake request is already waiting for the EPAO's decision.")
        : canRequestResit(apprentice, currentRow?.overallGrade ?? null),
    lodgeAppeal: !can(actor, "assessment.provide")
      ? no("Only the training provider can lodge an appeal.")
      : openAppeal
        ? no("An appeal is already open for this apprentice.")
        : appealRule(apprentice, currentRow, now),
    decideResit: !can(actor, "assessment.manage")
      ? no("Only EPAO users decide resit requests.")
      : openResit
        ? { ok: true as const }
        : no("There is no open resit or retake request."),
    decideAppeal: !can(actor, "assessment.manage")
      ? no("Only EPAO users decide appeals.")
      : openAppeal
        ? { ok: true as const }
        : no("There is no open appeal."),
    withdrawAppeal: !can(actor, "assessment.provide")
      ? no("Only the training provider can withdraw its appeal.")
      : openAppeal
        ? { ok: true as const }
        : no("There is no open appeal."),
  } satisfies Record<string, RuleResult>;

  return {
    apprentice: { id: apprentice.id, status: apprentice.status, version: apprentice.version },
    standard: {
      id: standard.id,
      reference: standard.reference,
      title: standard.title,
      overallGrades: standard.overallGrades,
      components: standard.components.map((c) => ({ id: c.id, code: c.code, name: c.name, grades: c.grades })),
    },
    attempts: attempts.map(({ derived: _derived, ...a }) => a),
    currentAttemptId: current?.id ?? null,
    appealWindow: currentRow?.confirmedAt ? { confirmedOn: londonDate(currentRow.confirmedAt), closesOn: appealWindowCloses(currentRow.confirmedAt) } : null,
    resitRequests: resitRows.map(({ request: r, requestedByName, decidedByName }) => ({
      id: r.id,
      attemptNumber: attemptNumber.get(r.attemptId) ?? null,
      kind: r.kind,
      components: r.components,
      reason: r.reason,
      status: r.status,
      requestedAt: r.requestedAt,
      requestedBy: requestedByName,
      decidedAt: r.decidedAt,
      decidedBy: decidedByName,
      declineReason: r.declineReason,
      newAttemptNumber: r.newAttemptId ? (attemptNumber.get(r.newAttemptId) ?? null) : null,
    })),
    appeals: appealRows.map(({ appeal: a, lodgedByName, decidedByName }) => ({
      id: a.id,
      attemptNumber: attemptNumber.get(a.attemptId) ?? null,
      grounds: a.grounds,
      lodgedOnBehalfOfApprentice: a.lodgedOnBehalfOfApprentice,
      status: a.status,
      lodgedAt: a.lodgedAt,
      lodgedBy: lodgedByName,
      decidedAt: a.decidedAt,
      decidedBy: decidedByName,
      decisionNotes: a.decisionNotes,
      previousGrade: a.previousGrade,
      newGrade: a.newGrade,
    })),
    can: flags,
  };
}

export type AssessmentOverview = Awaited<ReturnType<typeof assessmentOverview>>;

// ---------------------------------------------------------------------------------------------------
// The assessor's worklist
// ---------------------------------------------------------------------------------------------------

export const WORKLIST_VIEWS = ["assigned", "awaiting", "graded-this-month"] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

export const worklistQuerySchema = z.object({
  view: z.enum(WORKLIST_VIEWS).catch("assigned"),
  page: searchPage(),
  perPage: z.coerce.number().int().min(1).max(100).catch(25),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

/** The current attempt summary of each listed record (page-sized lookups only). */
async function attemptSummaries(rows: { id: string; standardId: string }[]) {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return new Map<string, ReturnType<typeof summarise>>();
  const attempts = await db()
    .selectDistinctOn([assessmentAttempts.apprenticeId])
    .from(assessmentAttempts)
    .where(inArray(assessmentAttempts.apprenticeId, ids))
    .orderBy(assessmentAttempts.apprenticeId, desc(assessmentAttempts.number));
  const [grades, standardsById] = await Promise.all([
    gradeRowsOf(
      db(),
      attempts.map((a) => a.id),
    ),
    loadStandardsForGrading(
      db(),
      rows.map((r) => r.standardId),
    ),
  ]);
  const standardOf = new Map(rows.map((r) => [r.id, r.standardId]));
  return new Map(
    attempts.map((a) => {
      const standard = standardsById.get(standardOf.get(a.apprenticeId)!)!;
      return [
        a.apprenticeId,
        summarise(
          a,
          standard.components.length,
          grades.filter((g) => g.attemptId === a.id),
          deriveFor(
            standard,
            grades.filter((g) => g.attemptId === a.id),
          ),
        ),
      ];
    }),
  );
}

function summarise(a: Attempt, components: number, grades: unknown[], derived: DerivedGrade) {
  return {
    id: a.id,
    number: a.number,
    kind: a.kind,
    version: a.version,
    overallGrade: a.overallGrade,
    confirmedAt: a.confirmedAt,
    graded: grades.length,
    components,
    provisional: a.overallGrade === null && derived.status === "derived" ? derived.overall : null,
  };
}

/** London midnight at the start of the month of `now`, and of the next month (SQL timestamptz expressions). */
function londonMonth(now: Date): { start: SQL; end: SQL } {
  const first = `${londonDate(now).slice(0, 7)}-01`;
  return {
    start: sql`(${first}::date)::timestamp at time zone 'Europe/London'`,
    end: sql`((${first}::date) + interval '1 month')::timestamp at time zone 'Europe/London'`,
  };
}

/**
 * An assessor's records: "assigned" (every status but withdrawn), "awaiting" grades (in EPA) or "graded-this-month"
 * (the current attempt was confirmed this calendar month, London time), ordered by family name, paginated, with the
 * count of each view. Pages read the assessor index (assessor_id, lower(family_name), id).
 */
export async function assessorWorklist(actor: UserActor, query: Partial<Record<keyof WorklistQuery, unknown>> = {}, now: Date = new Date()) {
  assertCan(actor, "grades.record");
  const { view, page, perPage } = worklistQuerySchema.parse(query);
  const mine = and(eq(apprentices.assessorId, actor.userId), eq(apprentices.epaoId, actor.organisationId))!;
  const { start, end } = londonMonth(now);
  const where: Record<WorklistView, SQL> = {
    assigned: and(mine, ne(apprentices.status, "withdrawn"))!,
    awaiting: and(mine, eq(apprentices.status, "epa"))!,
    "graded-this-month": and(mine, sql`exists (select 1 from ${currentAttemptOfRecord} where cur.confirmed_at >= ${start} and cur.confirmed_at < ${end})`)!,
  };
  // The three counts in one pass over the assessor's records.
  const countsQuery = db()
    .select({
      assigned: sql<number>`count(*) filter (where ${where.assigned})::int`,
      awaiting: sql<number>`count(*) filter (where ${where.awaiting})::int`,
      graded: sql<number>`count(*) filter (where ${where["graded-this-month"]})::int`,
    })
    .from(apprentices)
    .where(mine);
  const [[{ assigned, awaiting, graded: gradedThisMonth }], pageRows] = await Promise.all([
    countsQuery as unknown as Promise<[{ assigned: number; awaiting: number; graded: number }]>,
    db()
      .select({
        id: apprentices.id,
        uln: apprentices.uln,
        givenNames: apprentices.givenNames,
        familyName: apprentices.familyName,
        status: apprentices.status,
        standardId: apprentices.standardId,
        providerId: apprentices.providerId,
        plannedEndDate: apprentices.plannedEndDate,
      })
      .from(apprentices)
      .where(where[view])
      .orderBy(sql`lower(${apprentices.familyName})`, asc(apprentices.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  const [summaries, names] = await Promise.all([attemptSummaries(pageRows), pageNames(pageRows)]);
  const counts = { assigned, awaiting, "graded-this-month": gradedThisMonth };
  const total = counts[view];
  return {
    view,
    page,
    perPage,
    total,
    totalPages: Math.max(1, Math.ceil(total / perPage)),
    counts,
    rows: pageRows.map((r) => ({
      ...r,
      standard: names.standards.get(r.standardId) ?? null,
      providerName: names.providers.get(r.providerId) ?? null,
      attempt: summaries.get(r.id) ?? null,
    })),
  };
}

async function pageNames(rows: { standardId: string; providerId?: string }[]) {
  const standardIds = [...new Set(rows.map((r) => r.standardId))];
  const providerIds = [...new Set(rows.flatMap((r) => (r.providerId ? [r.providerId] : [])))];
  const [s, p] = await Promise.all([
    standardIds.length
      ? db().select({ id: standards.id, reference: standards.reference, title: standards.title }).from(standards).where(inArray(standards.id, standardIds))
      : [],
    providerIds.length ? db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, providerIds)) : [],
  ]);
  return { standards: new Map(s.map((x) => [x.id, { reference: x.reference, title: x.title }])), providers: new Map(p.map((x) => [x.id, x.name])) };
}

// ---------------------------------------------------------------------------------------------------
// The EPAO's queues
// ---------------------------------------------------------------------------------------------------

export const QUEUE_LIMIT = 100;

/**
 * An EPAO user's grading queues, each the first 100 with its count: provisional grades ready to confirm (in EPA,
 * current attempt unconfirmed, every component graded), open resit/retake requests and open appeals (oldest first).
 */
export async function epaoGradingQueues(actor: UserActor) {
  assertCan(actor, "assessment.manage");
  const epao = eq(apprentices.epaoId, actor.organisationId);
  const readyToConfirm = and(
    epao,
    eq(apprentices.status, "epa"),
    sql`exists (
      select 1 from ${currentAttemptOfRecord}
       where cur.confirmed_at is null
         and not exists (
           select 1 from assessment_components c
            where c.standard_id = ${apprentices.standardId}
              and not exists (select 1 from component_grades g where g.attempt_id = cur.id and g.component_id = c.id)))`,
  )!;
  const resitWhere = and(epao, eq(resitRequests.status, "requested"))!;
  const appealWhere = and(epao, eq(appeals.status, "open"))!;
  const person = {
    apprenticeId: apprentices.id,
    uln: apprentices.uln,
    givenNames: apprentices.givenNames,
    familyName: apprentices.familyName,
    standardId: apprentices.standardId,
    providerId: apprentices.providerId,
  };

  // The per-record subqueries make the planner's cost estimate of the count large enough to trigger JIT compilation,
  // which takes longer than running the query (hundreds of ms at 10,000+ records in EPA), so it is turned off here.
  const readyQueries = db().transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const rows = await tx
        .select(person)
        .from(apprentices)
        .where(readyToConfirm)
        .orderBy(sql`lower(${apprentices.familyName})`, asc(apprentices.id))
        .limit(QUEUE_LIMIT);
      const [total] = await tx.select({ n: count() }).from(apprentices).where(readyToConfirm);
      return { rows, total: total!.n };
    },
    { accessMode: "read only" },
  );
  const [ready, resitRows, resitCount, appealRows, appealCount] = await Promise.all([
    readyQueries,
    db()
      .select({
        ...person,
        id: resitRequests.id,
        kind: resitRequests.kind,
        components: resitRequests.components,
        reason: resitRequests.reason,
        requestedAt: resitRequests.requestedAt,
        attemptNumber: assessmentAttempts.number,
      })
      .from(resitRequests)
      .innerJoin(apprentices, eq(apprentices.id, resitRequests.apprenticeId))
      .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, resitRequests.attemptId))
      .where(resitWhere)
      .orderBy(asc(resitRequests.requestedAt), asc(resitRequests.id))
      .limit(QUEUE_LIMIT),
    db().select({ n: count() }).from(resitRequests).innerJoin(apprentices, eq(apprentices.id, resitRequests.apprenticeId)).where(resitWhere),
    db()
      .select({
        ...person,
        id: appeals.id,
        grounds: appeals.grounds,
        lodgedOnBehalfOfApprentice: appeals.lodgedOnBehalfOfApprentice,
        lodgedAt: appeals.lodgedAt,
        attemptNumber: assessmentAttempts.number,
        grade: assessmentAttempts.overallGrade,
      })
      .from(appeals)
      .innerJoin(apprentices, eq(apprentices.id, appeals.apprenticeId))
      .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, appeals.attemptId))
      .where(appealWhere)
      .orderBy(asc(appeals.lodgedAt), asc(appeals.id))
      .limit(QUEUE_LIMIT),
    db().select({ n: count() }).from(appeals).innerJoin(apprentices, eq(apprentices.id, appeals.apprenticeId)).where(appealWhere),
  ]);

  const [summaries, names] = await Promise.all([
    attemptSummaries(ready.rows.map((r) => ({ id: r.apprenticeId, standardId: r.standardId }))),
    pageNames([...ready.rows, ...resitRows, ...appealRows]),
  ]);
  const withNames = <T extends { standardId: string; providerId: string }>(r: T) => ({
    ...r,
    standard: names.standards.get(r.standardId) ?? null,
    providerName: names.providers.get(r.providerId) ?? null,
  });
  return {
    toConfirm: {
      total: ready.total,
      rows: ready.rows.map((r) => {
        const attempt = summaries.get(r.apprenticeId)!;
        return { ...withNames(r), attemptId: attempt.id, attemptNumber: attempt.number, version: attempt.version, provisional: attempt.provisional };
      }),
    },
    resitRequests: { total: resitCount[0]!.n, rows: resitRows.map(withNames) },
    appeals: { total: appealCount[0]!.n, rows: appealRows.map(withNames) },
  };
}
