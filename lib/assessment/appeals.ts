import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { appeals, apprentices, assessmentAttempts } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { bankHolidaysBetween } from "@/lib/calendar/england-wales";
import { db, type DbOrTx, isUniqueViolation, type Tx } from "@/lib/db";
import { ConflictError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { parseInput } from "@/lib/validation";
import { londonDate } from "@/lib/calendar/london";
import { attemptLabel, currentAttemptOf, guid, loadStandardForGrading, lockApprentice, refuse, refuseWith, type Attempt } from "./grading";
import { addWorkingDays, canLodgeAppeal, type RuleResult } from "./rules";
import type { Apprentice, Appeal } from "@/db/schema";
export type { Appeal };

// Appeals (issue #6): the provider appeals against the current attempt's confirmed grade within the appeal window;
// the EPAO upholds it (optionally changing the grade) or does not; the provider may withdraw it while it is open.
// An open appeal pauses certification (hasOpenAppeal).

/** Working days after confirmation in which an appeal can be lodged (a later issue makes this per EPAO). */
export const APPEAL_WINDOW_WORKING_DAYS = 20;

const OPEN_APPEAL = "An appeal for this apprentice is already open: wait for the EPAO's decision or withdraw it first";

/** Whether an appeal is open for the apprentice (certification waits for it). */
export async function hasOpenAppeal(tx: DbOrTx, apprenticeId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: appeals.id })
    .from(appeals)
    .where(and(eq(appeals.apprenticeId, apprenticeId), eq(appeals.status, "open")))
    .limit(1);
  return Boolean(row);
}

/** England and Wales bank holidays around a date (GOV.UK's list, the standing rules beyond it). */
function holidaysAround(day: string): string[] {
  const year = Number(day.slice(0, 4));
  return bankHolidaysBetween(year - 1, year + 1);
}

/** The last day (London date) an appeal can be lodged against a grade confirmed at `confirmedAt`. */
export function appealWindowCloses(confirmedAt: Date): string {
  const day = londonDate(confirmedAt);
  return addWorkingDays(day, APPEAL_WINDOW_WORKING_DAYS, holidaysAround(day));
}

/** canLodgeAppeal for a record and its current attempt on `now`'s London date. */
export function appealRule(apprentice: Pick<Apprentice, "status">, attempt: Pick<Attempt, "confirmedAt"> | null, now: Date): RuleResult {
  const today = londonDate(now);
  const rule = canLodgeAppeal(apprentice, {
    confirmedAt: attempt?.confirmedAt ? londonDate(attempt.confirmedAt) : today,
    today,
    windowWorkingDays: APPEAL_WINDOW_WORKING_DAYS,
    holidays: holidaysAround(attempt?.confirmedAt ? londonDate(attempt.confirmedAt) : today),
  });
  if (rule.ok && !attempt?.confirmedAt)
    return { ok: false, reason: "An appeal can only be lodged against a confirmed grade: no overall grade has been confirmed." };
  return rule;
}

const flag = z.preprocess(
  (v) => (v === "on" || v === "true" ? true : v === "false" || v === "" || v === undefined || v === null ? false : v),
  z.boolean({ error: "Say whether the appeal is lodged on behalf of the apprentice" }),
);

export const lodgeAppealSchema = z.object({
  apprenticeId: guid("Select the apprentice"),
  grounds: z
    .string({ error: "Enter the grounds for the appeal" })
    .trim()
    .min(1, { error: "Enter the grounds for the appeal" })
    .min(20, { error: "Describe the grounds for the appeal in at least 20 characters" })
    .max(5000, { error: "The grounds must be 5,000 characters or fewer" }),
  lodgedOnBehalfOfApprentice: flag,
});

/** The provider appeals against the current attempt's confirmed grade, within the appeal window. One open appeal at a time. */
export async function lodgeAppeal(actor: UserActor, input: unknown, now: Date = new Date()): Promise<Appeal> {
  assertCan(actor, "assessment.provide");
  const data = parseInput(lodgeAppealSchema, input);
  return db().transaction(async (tx) => {
    const apprentice = await lockApprentice(tx, actor, data.apprenticeId);
    const attempt = await currentAttemptOf(tx, apprentice.id);
    refuse(appealRule(apprentice, attempt, now));
    if (await hasOpenAppeal(tx, apprentice.id)) throw new ValidationError({ form: OPEN_APPEAL }, OPEN_APPEAL);
    let appeal: Appeal;
    try {
      [appeal] = (await tx
        .insert(appeals)
        .values({
          apprenticeId: apprentice.id,
          attemptId: attempt!.id,
          grounds: data.grounds,
          lodgedOnBehalfOfApprentice: data.lodgedOnBehalfOfApprentice,
          lodgedBy: actor.userId,
        })
        .returning()) as [Appeal];
    } catch (error) {
      if (isUniqueViolation(error, "appeals_open_key")) throw new ValidationError({ form: OPEN_APPEAL }, OPEN_APPEAL);
      throw error;
    }
    await recordAudit(tx, actor, {
      action: "assessment.appeal_lodged",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: `Lodged an appeal against the ${attempt!.overallGrade} grade (${attemptLabel(attempt!)})${data.lodgedOnBehalfOfApprentice ? " on behalf of the apprentice" : ""}. Grounds: ${data.grounds}`,
      after: { attempt: attempt!.number, grade: attempt!.overallGrade, lodgedOnBehalfOfApprentice: data.lodgedOnBehalfOfApprentice },
    });
    return appeal;
  });
}

export const decideAppealSchema = z
  .object({
    appealId: guid("Select the appeal"),
    outcome: z.enum(["upheld", "not_upheld"], { error: "Choose whether the appeal is upheld or not upheld" }),
    newGrade: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().min(1).optional()),
    decisionNotes: z
      .string({ error: "Enter the notes on the decision" })
      .trim()
      .min(1, { error: "Enter the notes on the decision" })
      .max(5000, { error: "The notes must be 5,000 characters or fewer" }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "not_upheld" && v.newGrade)
      ctx.addIssue({ code: "custom", path: ["newGrade"], message: "A new grade can only be given when the appeal is upheld" });
  });

/**
 * Locks an open appeal and its apprentice record for a change, in that order (the record first, as every change to
 * it does): not found unless the appeal's apprentice is the actor's organisation's (as its EPAO or its provider).
 */
async function lockOpenAppeal(tx: Tx, actor: UserActor, appealId: string, side: "epaoId" | "providerId"): Promise<{ apprentice: Apprentice; appeal: Appeal }> {
  const found = await oneOrNotFound(
    tx
      .select({ apprenticeId: appeals.apprenticeId })
      .from(appeals)
      .innerJoin(apprentices, eq(apprentices.id, appeals.apprenticeId))
      .where(and(eq(appeals.id, appealId), eq(apprentices[side], actor.organisationId))),
    "Appeal not found.",
  );
  const apprentice = await lockApprentice(tx, actor, found.apprenticeId);
  const [appeal] = (await tx.select().from(appeals).where(eq(appeals.id, appealId)).for("update")) as [Appeal];
  if (appeal.status !== "open") throw new ConflictError("This appeal has already been decided or withdrawn.");
  return { apprentice, appeal };
}

/**
 * The EPAO decides an open appeal: upheld (optionally with a new overall grade on the standard's scale, different from
 * the current one, which replaces the attempt's grade) or not upheld, with decision notes.
 */
export async function decideAppeal(actor: UserActor, input: unknown): Promise<Appeal> {
  assertCan(actor, "assessment.manage");
  const data = parseInput(decideAppealSchema, input);
  return db().transaction(async (tx) => {
    const { apprentice, appeal } = await lockOpenAppeal(tx, actor, data.appealId, "epaoId");
    const [attempt] = (await tx.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, appeal.attemptId)).for("update")) as [Attempt];
    const previousGrade = attempt.overallGrade;

    if (data.newGrade !== undefined) {
      const standard = await loadStandardForGrading(tx, apprentice.standardId);
      if (!standard.overallGrades.includes(data.newGrade))
        throw new ValidationError({ newGrade: `Choose a grade on the standard's overall scale: ${standard.overallGrades.join(", ")}` });
      if (previousGrade === null)
        refuseWith(`The grade of ${attemptLabel(attempt)} is no longer confirmed (it was unlocked), so it cannot be changed by this appeal.`);
      if (data.newGrade === previousGrade)
        throw new ValidationError({ newGrade: `The grade is already ${previousGrade}: choose a different grade, or uphold the appeal without changing it` });
      const current = await currentAttemptOf(tx, apprentice.id);
      if (current?.id !== attempt.id) refuseWith(`A newer attempt has started since ${attemptLabel(attempt)}, so its grade can no longer be changed.`);
      await tx
        .update(assessmentAttempts)
        .set({ overallGrade: data.newGrade, version: sql`${assessmentAttempts.version} + 1` })
        .where(eq(assessmentAttempts.id, attempt.id));
    }
    const [decided] = (await tx
      .update(appeals)
      .set({
        status: data.outcome,
        decidedBy: actor.userId,
        decidedAt: new Date(),
        decisionNotes: data.decisionNotes,
        previousGrade,
        newGrade: data.newGrade ?? null,
      })
      .where(eq(appeals.id, appeal.id))
      .returning()) as [Appeal];
    const outcome =
      data.outcome === "not_upheld"
        ? `The appeal against the ${previousGrade} grade (${attemptLabel(attempt)}) was not upheld`
        : data.newGrade !== undefined
          ? `Upheld the appeal (${attemptLabel(attempt)}): the overall grade changed from ${previousGrade} to ${data.newGrade}`
          : `Upheld the appeal against the ${previousGrade} grade (${attemptLabel(attempt)}) without changing the grade`;
    await recordAudit(tx, actor, {
      action: data.outcome === "upheld" ? "assessment.appeal_upheld" : "assessment.appeal_not_upheld",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: `${outcome}. Notes: ${data.decisionNotes}`,
      before: { appeal: "open", overallGrade: previousGrade },
      after: { appeal: data.outcome, overallGrade: data.newGrade ?? previousGrade },
    });
    return decided;
  });
}

export const withdrawAppealSchema = z.object({ appealId: guid("Select the appeal") });

/** The provider withdraws its open appeal. */
export async function withdrawAppeal(actor: UserActor, input: unknown): Promise<Appeal> {
  assertCan(actor, "assessment.provide");
  const data = parseInput(withdrawAppealSchema, input);
  return db().transaction(async (tx) => {
    const { apprentice, appeal } = await lockOpenAppeal(tx, actor, data.appealId, "providerId");
    const [withdrawn] = (await tx
      .update(appeals)
      .set({ status: "withdrawn", decidedBy: actor.userId, decidedAt: new Date() })
      .where(eq(appeals.id, appeal.id))
      .returning()) as [Appeal];
    await recordAudit(tx, actor, {
      action: "assessment.appeal_withdrawn",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: `Withdrew the appeal lodged on ${formatDate(appeal.lodgedAt)}`,
      before: { appeal: "open" },
      after: { appeal: "withdrawn" },
    });
    return withdrawn;
  });
}
