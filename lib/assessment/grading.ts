import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { apprentices, assessmentAttempts, assessmentComponents, componentGrades, standards } from "@/db/schema";
import { isoDate } from "@/lib/apprentices/schema";
import { STATUS_LABELS } from "@/lib/apprentices/rules";
import { visibleTo } from "@/lib/auth/scope";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany, type AuditInput } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { parseInput } from "@/lib/validation";
import { canConfirmOverall, canRecordComponentGrade, canUnlock, deriveOverallGrade, type DerivedGrade, type GradingStandard, type RuleResult } from "./rules";
import { londonDate } from "@/lib/calendar/london";
import type { Standard, Apprentice, AssessmentComponent as Component, Attempt } from "@/db/schema";
export type { Apprentice, Component, Attempt };

// Grading (issue #6): the assigned assessor records component grades on the current attempt, an EPAO user confirms the
// derived overall grade (one at a time or in bulk), an EPAO admin unlocks a confirmed grade with a reason. The attempt's
// `version` guards confirm and unlock, and is bumped by every grade change, so a confirm always confirms the grades the
// user saw. Every change is audited on the apprentice (its timeline) in the same transaction.

export type StandardForGrading = Pick<Standard, "id" | "reference" | "title" | "overallGrades" | "gradingRule"> & {
  components: Component[];
};

/** The grade every component scale and overall scale starts with. */
export const FAIL_GRADE = "Fail";

// ---------------------------------------------------------------------------------------------------
// Shared helpers (also used by resits, appeals and queues)
// ---------------------------------------------------------------------------------------------------

export const guid = (message: string) => z.guid({ error: message });
export const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(1, { error: "Reload the page and try again" });

/** Throws a refused rule as a form-level ValidationError (the reason is the message the user sees). */
export function refuse(result: RuleResult): void {
  if (!result.ok) throw new ValidationError({ form: result.reason }, result.reason);
}

export function refuseWith(reason: string): never {
  throw new ValidationError({ form: reason }, reason);
}

/** Locks (FOR UPDATE) a record the actor may see; another organisation's record is not found. */
export async function lockApprentice(tx: Tx, actor: UserActor, apprenticeId: string): Promise<Apprentice> {
  return oneOrNotFound(
    tx
      .select()
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), visibleTo(actor)))
      .for("update"),
    "Apprentice record not found.",
  );
}

/** The current attempt: the one with the highest number (null before end-point assessment starts). */
export async function currentAttemptOf(tx: DbOrTx, apprenticeId: string, lock = false): Promise<Attempt | null> {
  const query = tx.select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, apprenticeId)).orderBy(desc(assessmentAttempts.number)).limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Standards with their components in order, by id. */
export async function loadStandardsForGrading(tx: DbOrTx, standardIds: string[]): Promise<Map<string, StandardForGrading>> {
  const ids = [...new Set(standardIds)];
  if (ids.length === 0) return new Map();
  const [rows, components] = await Promise.all([
    tx
      .select({
        id: standards.id,
        reference: standards.reference,
        title: standards.title,
        overallGrades: standards.overallGrades,
        gradingRule: standards.gradingRule,
      })
      .from(standards)
      .where(inArray(standards.id, ids)),
    tx
      .select()
      .from(assessmentComponents)
      .where(inArray(assessmentComponents.standardId, ids))
      .orderBy(asc(assessmentComponents.position), asc(assessmentComponents.code)),
  ]);
  return new Map(rows.map((s) => [s.id, { ...s, components: components.filter((c) => c.standardId === s.id) }]));
}

export async function loadStandardForGrading(tx: DbOrTx, standardId: string): Promise<StandardForGrading> {
  const standard = (await loadStandardsForGrading(tx, [standardId])).get(standardId);
  if (!standard) throw new NotFoundError("Standard not found.");
  return standard;
}

export function gradingStandard(standard: StandardForGrading): GradingStandard {
  return {
    overallGrades: standard.overallGrades,
    gradingRule: standard.gradingRule,
    components: standard.components.map((c) => ({ code: c.code, name: c.name, grades: c.grades })),
  };
}

export type GradeRow = { attemptId: string; componentId: string; grade: string; assessedOn: string; carriedOver: boolean; locked: boolean };

/** The provisional overall grade of an attempt's grades (carried-over grades included), by the standard's rule. */
export function deriveFor(standard: StandardForGrading, grades: readonly Pick<GradeRow, "componentId" | "grade">[]): DerivedGrade {
  const codeOf = new Map(standard.components.map((c) => [c.id, c.code]));
  const byCode: Record<string, string> = {};
  for (const g of grades) {
    const code = codeOf.get(g.componentId);
    if (code !== undefined) byCode[code] = g.grade;
  }
  return deriveOverallGrade(gradingStandard(standard), byCode);
}

export async function gradeRowsOf(tx: DbOrTx, attemptIds: string[]): Promise<GradeRow[]> {
  if (attemptIds.length === 0) return [];
  return tx
    .select({
      attemptId: componentGrades.attemptId,
      componentId: componentGrades.componentId,
      grade: componentGrades.grade,
      assessedOn: componentGrades.assessedOn,
      carriedOver: componentGrades.carriedOver,
      locked: componentGrades.locked,
    })
    .from(componentGrades)
    .where(inArray(componentGrades.attemptId, attemptIds));
}

export function attemptLabel(attempt: Pick<Attempt, "number" | "kind">): string {
  return attempt.kind === "first" ? `attempt ${attempt.number}` : `attempt ${attempt.number}, ${attempt.kind}`;
}

/**
 * Locks an attempt's apprentice (visible to the actor) and then the attempt, in that order (as every grading change
 * does, so concurrent changes queue on the apprentice row), checks the version the user saw and that it is the current
 * attempt. A stale version is a ConflictError; another organisation's attempt is not found.
 */
export async function lockAttempt(tx: Tx, actor: UserActor, attemptId: string, expectedVersion: number): Promise<{ apprentice: Apprentice; attempt: Attempt }> {
  const ref = await oneOrNotFound(
    tx.select({ apprenticeId: assessmentAttempts.apprenticeId }).from(assessmentAttempts).where(eq(assessmentAttempts.id, attemptId)),
    "Assessment attempt not found.",
  );
  const apprentice = await lockApprentice(tx, actor, ref.apprenticeId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Assessment attempt not found.") : error;
  });
  const attempt = await oneOrNotFound(
    tx.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, attemptId)).for("update"),
    "Assessment attempt not found.",
  );
  if (attempt.version !== expectedVersion) throw new ConflictError();
  const current = await currentAttemptOf(tx, apprentice.id);
  if (current?.id !== attempt.id) refuseWith(`This is not the current attempt: attempt ${current?.number} has started since.`);
  return { apprentice, attempt };
}

/** Why an achievement date cannot be used, or null: not in the future, not before the attempt's first assessment. */
export function achievementDateProblem(date: string, grades: readonly Pick<GradeRow, "assessedOn" | "carriedOver">[], today: string): string | null {
  if (date > today) return "The achievement date cannot be in the future";
  const own = grades.filter((g) => !g.carriedOver);
  const earliest = (own.length > 0 ? own : grades).reduce<string | null>((min, g) => (min === null || g.assessedOn < min ? g.assessedOn : min), null);
  if (earliest !== null && date < earliest) return `The achievement date cannot be before the first assessment of this attempt (${formatDate(earliest)})`;
  return null;
}

function latestAssessedOn(grades: readonly Pick<GradeRow, "assessedOn">[]): string | null {
  return grades.reduce<string | null>((max, g) => (max === null || g.assessedOn > max ? g.assessedOn : max), null);
}

// ---------------------------------------------------------------------------------------------------
// Recording component grades
// ---------------------------------------------------------------------------------------------------

export const recordGradeSchema = z.object({
  apprenticeId: guid("Select the apprentice"),
  componentId: guid("Select the assessment component"),
  grade: z.string({ error: "Select a grade" }).trim().min(1, { error: "Select a grade" }),
  assessedOn: isoDate("date of the assessment"),
});

export type RecordedGrade = {
  attemptId: string;
  attemptNumber: number;
  componentId: string;
  code: string;
  grade: string;
  assessedOn: string;
  /** The attempt's version after the change (what a confirm must send). */
  version: number;
  provisional: DerivedGrade;
  changed: boolean;
};

/**
 * The assigned assessor records (or re-records) a component grade on the apprentice's current attempt: only during
 * end-point assessment, only for a component the attempt re-assesses, on the component's scale, assessed on a date not
 * in the future, and not once the grade is locked.
 */
export async function recordComponentGrade(actor: UserActor, input: unknown, now: Date = new Date()): Promise<RecordedGrade> {
  assertCan(actor, "grades.record");
  const data = parseInput(recordGradeSchema, input);
  return db().transaction(async (tx) => {
    const apprentice = await lockApprentice(tx, actor, data.apprenticeId);
    refuse(canRecordComponentGrade(apprentice));
    const attempt = await currentAttemptOf(tx, apprentice.id, true);
    if (!attempt) refuseWith("End-point assessment has not started for this apprentice: there is no assessment attempt yet.");
    if (attempt.overallGrade !== null)
      refuseWith(`The overall grade of ${attemptLabel(attempt)} has been confirmed and is locked. An EPAO admin must unlock it first.`);
    const standard = await loadStandardForGrading(tx, apprentice.standardId);
    const component = standard.components.find((c) => c.id === data.componentId);
    if (!component) throw new ValidationError({ componentId: `Select an assessment component of ${standard.reference} ${standard.title}` });
    if (attempt.components && !attempt.components.includes(component.code)) {
      throw new ValidationError({
        componentId: `${component.name} is not re-assessed in this ${attempt.kind} (attempt ${attempt.number}): its grade carries over from the previous attempt`,
      });
    }
    if (!component.grades.includes(data.grade))
      throw new ValidationError({ grade: `"${data.grade}" is not a grade for ${component.name}: choose ${component.grades.join(", ")}` });
    if (data.assessedOn > londonDate(now)) throw new ValidationError({ assessedOn: "The date of the assessment cannot be in the future" });
    if (data.assessedOn < apprentice.startDate) {
      throw new ValidationError({ assessedOn: `The date of the assessment cannot be before the apprenticeship started (${formatDate(apprentice.startDate)})` });
    }
    const [existing] = await tx
      .select()
      .from(componentGrades)
      .where(and(eq(componentGrades.attemptId, attempt.id), eq(componentGrades.componentId, component.id)))
      .for("update");
    if (existing?.locked) {
      throw new ValidationError({ componentId: `The grade for ${component.name} is locked. An EPAO admin must unlock it before it can be changed.` });
    }
    const result = async (changed: boolean, attemptVersion: number): Promise<RecordedGrade> => ({
      attemptId: attempt.id,
      attemptNumber: attempt.number,
      componentId: component.id,
      code: component.code,
      grade: data.grade,
      assessedOn: data.assessedOn,
      version: attemptVersion,
      provisional: deriveFor(standard, await gradeRowsOf(tx, [attempt.id])),
      changed,
    });
    if (existing && existing.grade === data.grade && existing.assessedOn === data.assessedOn) return result(false, attempt.version);

    const recordedAt = new Date();
    await tx
      .insert(componentGrades)
      .values({ attemptId: attempt.id, componentId: component.id, grade: data.grade, assessedOn: data.assessedOn, recordedBy: actor.userId, recordedAt })
      .onConflictDoUpdate({
        target: [componentGrades.attemptId, componentGrades.componentId],
        set: { grade: data.grade, assessedOn: data.assessedOn, carriedOver: false, recordedBy: actor.userId, recordedAt },
      });
    const [bumped] = await tx
      .update(assessmentAttempts)
      .set({ version: sql`${assessmentAttempts.version} + 1` })
      .where(eq(assessmentAttempts.id, attempt.id))
      .returning({ version: assessmentAttempts.version });
    const where = `(${attemptLabel(attempt)})`;
    await recordAudit(tx, actor, {
      action: existing ? "assessment.grade_changed" : "assessment.grade_recorded",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: existing
        ? existing.grade === data.grade
          ? `Changed the date of ${component.name} (${data.grade}) from ${formatDate(existing.assessedOn)} to ${formatDate(data.assessedOn)} ${where}`
          : `Changed ${component.name} from ${existing.grade} to ${data.grade} ${where}`
        : `Recorded ${data.grade} for ${component.name} ${where}`,
      before: existing ? { component: component.code, grade: existing.grade, assessedOn: existing.assessedOn } : null,
      after: { attempt: attempt.number, component: component.code, grade: data.grade, assessedOn: data.assessedOn },
    });
    return result(true, bumped!.version);
  });
}

// ---------------------------------------------------------------------------------------------------
// Confirming the overall grade
// ---------------------------------------------------------------------------------------------------

const optionalDate = (label: string) => z.preprocess((v) => (v === "" || v === null ? undefined : v), isoDate(label).optional());

export const confirmSchema = z.object({
  attemptId: guid("Select the assessment attempt"),
  version,
  achievementDate: optionalDate("achievement date"),
});

export type ConfirmedGrade = { attemptId: string; apprenticeId: string; overallGrade: string; achievementDate: string; version: number };

/**
 * An EPAO user confirms the provisional overall grade of a record's current attempt (the version they saw): the grade
 * and achievement date (default: the attempt's latest assessment) are set and locked with every component grade, and
 * the apprentice becomes graded. A stale version (someone else confirmed, or a grade changed) is a ConflictError.
 */
export async function confirmOverallGrade(actor: UserActor, input: unknown, now: Date = new Date()): Promise<ConfirmedGrade> {
  assertCan(actor, "assessment.manage");
  const data = parseInput(confirmSchema, input);
  return db().transaction(async (tx) => {
    const { apprentice, attempt } = await lockAttempt(tx, actor, data.attemptId, data.version);
    const standard = await loadStandardForGrading(tx, apprentice.standardId);
    const grades = await gradeRowsOf(tx, [attempt.id]);
    const derived = deriveFor(standard, grades);
    refuse(canConfirmOverall(apprentice, derived));
    if (derived.status !== "derived") throw new Error("unreachable");
    const achievementDate = data.achievementDate ?? latestAssessedOn(grades)!;
    const problem = achievementDateProblem(achievementDate, grades, londonDate(now));
    if (problem) throw new ValidationError({ achievementDate: problem });

    const [updated] = (await tx
      .update(assessmentAttempts)
      .set({
        overallGrade: derived.overall,
        achievementDate,
        confirmedBy: actor.userId,
        confirmedAt: new Date(),
        version: sql`${assessmentAttempts.version} + 1`,
      })
      .where(eq(assessmentAttempts.id, attempt.id))
      .returning()) as [Attempt];
    await tx.update(componentGrades).set({ locked: true }).where(eq(componentGrades.attemptId, attempt.id));
    await tx
      .update(apprentices)
      .set({ status: "graded", version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(eq(apprentices.id, apprentice.id));
    await recordAudit(tx, actor, confirmAudit(apprentice, attempt, derived.overall, achievementDate));
    return { attemptId: attempt.id, apprenticeId: apprentice.id, overallGrade: derived.overall, achievementDate, version: updated.version };
  });
}

function confirmAudit(
  apprentice: Pick<Apprentice, "id" | "status">,
  attempt: Pick<Attempt, "number" | "kind">,
  overall: string,
  achievementDate: string,
): AuditInput {
  return {
    action: "assessment.grade_confirmed",
    entityType: "apprentice",
    entityId: apprentice.id,
    summary: `Confirmed the overall grade ${overall} (${attemptLabel(attempt)}), achievement date ${formatDate(achievementDate)}`,
    before: { status: apprentice.status, overallGrade: null },
    after: { status: "graded", attempt: attempt.number, overallGrade: overall, achievementDate },
  };
}

export const MAX_BULK_CONFIRM = 1000;

export const bulkConfirmSchema = z.object({
  items: z
    .array(z.object({ attemptId: guid("Select the assessment attempts"), version }), { error: "Select the grades to confirm" })
    .min(1, { error: "Select at least one grade to confirm" })
    .max(MAX_BULK_CONFIRM, { error: `Confirm ${MAX_BULK_CONFIRM.toLocaleString("en-GB")} grades or fewer at a time` }),
});

export type BulkConfirmResult = { attemptId: string; ok: boolean; overall?: string; problem?: string };

/**
 * Confirms many provisional grades in one transaction with set-based statements (one locking read, a few updates,
 * one audit insert). Items that cannot be confirmed are skipped with a problem; the others are confirmed. Each
 * achievement date is the attempt's latest assessment.
 */
export async function confirmOverallGrades(actor: UserActor, input: unknown, now: Date = new Date()): Promise<BulkConfirmResult[]> {
  assertCan(actor, "assessment.manage");
  const { items } = parseInput(bulkConfirmSchema, input);
  const today = londonDate(now);
  return db().transaction(async (tx) => {
    const ids = [...new Set(items.map((i) => i.attemptId))];
    // One read locks every apprentice and attempt, in apprentice order so two bulk confirms cannot deadlock.
    const rows = await tx
      .select({
        attempt: {
          id: assessmentAttempts.id,
          number: assessmentAttempts.number,
          kind: assessmentAttempts.kind,
          version: assessmentAttempts.version,
          overallGrade: assessmentAttempts.overallGrade,
        },
        apprentice: { id: apprentices.id, status: apprentices.status, standardId: apprentices.standardId },
        isCurrent: sql<boolean>`not exists (select 1 from assessment_attempts later where later.apprentice_id = ${assessmentAttempts.apprenticeId} and later.number > ${assessmentAttempts.number})`,
      })
      .from(assessmentAttempts)
      .innerJoin(apprentices, eq(apprentices.id, assessmentAttempts.apprenticeId))
      .where(and(inArray(assessmentAttempts.id, ids), visibleTo(actor)))
      .orderBy(asc(apprentices.id), asc(assessmentAttempts.id))
      .for("update");
    const byId = new Map(rows.map((r) => [r.attempt.id, r]));
    const [gradeRows, standardsById] = await Promise.all([
      gradeRowsOf(
        tx,
        rows.map((r) => r.attempt.id),
      ),
      loadStandardsForGrading(
        tx,
        rows.map((r) => r.apprentice.standardId),
      ),
    ]);
    const gradesByAttempt = new Map<string, GradeRow[]>();
    for (const g of gradeRows) gradesByAttempt.set(g.attemptId, [...(gradesByAttempt.get(g.attemptId) ?? []), g]);

    const seen = new Set<string>();
    const confirmed: { row: (typeof rows)[number]; overall: string; achievementDate: string }[] = [];
    const results = items.map((item): BulkConfirmResult => {
      const fail = (problem: string): BulkConfirmResult => ({ attemptId: item.attemptId, ok: false, problem });
      if (seen.has(item.attemptId)) return fail("This grade is listed more than once.");
      seen.add(item.attemptId);
      const row = byId.get(item.attemptId);
      if (!row) return fail("Assessment attempt not found.");
      if (row.attempt.version !== item.version)
        return fail("This was changed by someone else since the list was loaded. Reload the page to see the latest grades.");
      if (!row.isCurrent) return fail("This is not the current attempt.");
      const grades = gradesByAttempt.get(row.attempt.id) ?? [];
      const derived = deriveFor(standardsById.get(row.apprentice.standardId)!, grades);
      const rule = canConfirmOverall(row.apprentice, derived);
      if (!rule.ok) return fail(rule.reason);
      if (derived.status !== "derived") return fail("The overall grade cannot be derived.");
      const achievementDate = latestAssessedOn(grades)!;
      const problem = achievementDateProblem(achievementDate, grades, today);
      if (problem) return fail(problem);
      confirmed.push({ row, overall: derived.overall, achievementDate });
      return { attemptId: item.attemptId, ok: true, overall: derived.overall };
    });
    if (confirmed.length === 0) return results;

    const attemptIds = confirmed.map((c) => c.row.attempt.id);
    const values = sql.join(
      confirmed.map((c) => sql`(${c.row.attempt.id}::uuid, ${c.overall}::text, ${c.achievementDate}::date)`),
      sql`, `,
    );
    await tx.execute(sql`
      update assessment_attempts a
         set overall_grade = v.grade, achievement_date = v.achievement_date, confirmed_by = ${actor.userId}, confirmed_at = now(), version = a.version + 1
        from (values ${values}) as v(id, grade, achievement_date)
       where a.id = v.id`);
    await tx.update(componentGrades).set({ locked: true }).where(inArray(componentGrades.attemptId, attemptIds));
    await tx
      .update(apprentices)
      .set({ status: "graded", version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(
        inArray(
          apprentices.id,
          confirmed.map((c) => c.row.apprentice.id),
        ),
      );
    await recordAuditMany(
      tx,
      actor,
      confirmed.map((c) => confirmAudit(c.row.apprentice, c.row.attempt, c.overall, c.achievementDate)),
    );
    return results;
  });
}

// ---------------------------------------------------------------------------------------------------
// Unlocking a confirmed grade
// ---------------------------------------------------------------------------------------------------

export const unlockSchema = z.object({
  attemptId: guid("Select the assessment attempt"),
  version,
  target: z.union([z.literal("overall"), z.guid({ error: "Choose the grade to unlock" })], { error: "Choose the grade to unlock" }),
  reason: z
    .string({ error: "Enter the reason for unlocking the grade" })
    .trim()
    .min(1, { error: "Enter the reason for unlocking the grade" })
    .min(10, { error: "The reason for unlocking must be at least 10 characters" })
    .max(2000, { error: "The reason for unlocking must be 2,000 characters or fewer" }),
});

export type UnlockedGrade = { attemptId: string; apprenticeId: string; version: number; unlocked: string[] };

/**
 * An EPAO admin unlocks a confirmed grade with a reason. The overall grade: it becomes provisional again and every
 * component grade assessed in the attempt is unlocked. One component: the overall grade becomes provisional again
 * and only that component is unlocked. The apprentice returns to end-point assessment. Carried-over grades stay
 * locked (they are not re-assessed in this attempt).
 */
export async function unlockGrade(actor: UserActor, input: unknown): Promise<UnlockedGrade> {
  assertCan(actor, "grades.unlock");
  const data = parseInput(unlockSchema, input);
  return db().transaction(async (tx) => {
    const { apprentice, attempt } = await lockAttempt(tx, actor, data.attemptId, data.version);
    if (apprentice.status !== "graded" && apprentice.status !== "epa") {
      refuseWith(
        `Grades can only be unlocked for an apprentice in end-point assessment or graded: this record is ${STATUS_LABELS[apprentice.status].toLowerCase()}.`,
      );
    }
    const standard = await loadStandardForGrading(tx, apprentice.standardId);
    const nameOf = new Map(standard.components.map((c) => [c.id, c]));
    const grades = await gradeRowsOf(tx, [attempt.id]);
    let unlock: GradeRow[];
    let what: string;
    if (data.target === "overall") {
      refuse(canUnlock(actor, attempt.overallGrade !== null));
      unlock = grades.filter((g) => g.locked && !g.carriedOver);
      what = `the overall grade ${attempt.overallGrade}`;
    } else {
      const grade = grades.find((g) => g.componentId === data.target);
      const component = nameOf.get(data.target);
      if (!grade || !component) throw new ValidationError({ target: `There is no grade for that component in ${attemptLabel(attempt)}` });
      if (grade.carriedOver)
        refuseWith(`${component.name} was carried over from the previous attempt and is not re-assessed in this one, so it cannot be unlocked.`);
      refuse(canUnlock(actor, grade.locked));
      unlock = [grade];
      what = `${component.name} (${grade.grade})`;
    }
    const wasConfirmed = attempt.overallGrade !== null;
    if (unlock.length > 0) {
      await tx
        .update(componentGrades)
        .set({ locked: false })
        .where(
          and(
            eq(componentGrades.attemptId, attempt.id),
            inArray(
              componentGrades.componentId,
              unlock.map((g) => g.componentId),
            ),
          ),
        );
    }
    const [updated] = (await tx
      .update(assessmentAttempts)
      .set({
        ...(wasConfirmed ? { overallGrade: null, achievementDate: null, confirmedBy: null, confirmedAt: null } : {}),
        version: sql`${assessmentAttempts.version} + 1`,
      })
      .where(eq(assessmentAttempts.id, attempt.id))
      .returning()) as [Attempt];
    if (apprentice.status === "graded") {
      await tx
        .update(apprentices)
        .set({ status: "epa", version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
        .where(eq(apprentices.id, apprentice.id));
    }
    const unlockedCodes = standard.components.filter((c) => unlock.some((g) => g.componentId === c.id)).map((c) => c.code);
    const provisionalAgain = data.target !== "overall" && wasConfirmed ? `; the overall grade ${attempt.overallGrade} is provisional again` : "";
    await recordAudit(tx, actor, {
      action: data.target === "overall" ? "assessment.grade_unlocked" : "assessment.component_unlocked",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: `Unlocked ${what} (${attemptLabel(attempt)})${provisionalAgain}. Reason: ${data.reason}`,
      before: { status: apprentice.status, overallGrade: attempt.overallGrade, achievementDate: attempt.achievementDate },
      after: {
        status: apprentice.status === "graded" ? "epa" : apprentice.status,
        overallGrade: null,
        unlocked: unlockedCodes,
        reason: data.reason,
      },
    });
    return { attemptId: attempt.id, apprenticeId: apprentice.id, version: updated.version, unlocked: unlockedCodes };
  });
}
