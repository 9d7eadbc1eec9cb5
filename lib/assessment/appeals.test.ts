import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appeals, auditEvents } from "@/db/schema";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { apprenticeRow, createApprenticeInEpa, setupAssessmentWorld, currentAttempt, gradedApprentice, recordGrades } from "@/tests/support/assessment";
import { addWorkingDays } from "./rules";
import { APPEAL_WINDOW_WORKING_DAYS, appealWindowCloses, decideAppeal, hasOpenAppeal, lodgeAppeal, withdrawAppeal } from "./appeals";
import { londonDate } from "@/lib/calendar/london";
import { unlockGrade } from "./grading";
import { assessmentOverview } from "./queues";
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "@/lib/calendar/bank-holidays";
import { validationOutcome } from "@/tests/support/errors";

const w = setupAssessmentWorld(["ST0119"]);

const problem = (p: Promise<unknown>) => validationOutcome(p, { resolved: true });

const GROUNDS = "The assessor did not consider the portfolio evidence for the distinction criteria";
const lodge = (apprenticeId: string, over: Record<string, unknown> = {}, actor = w.providerUser, now?: Date) =>
  lodgeAppeal(actor, { apprenticeId, grounds: GROUNDS, lodgedOnBehalfOfApprentice: true, ...over }, now);
const merit = () => gradedApprentice(w, { PRJ: "Distinction", PD: "Pass" });
/** Noon in London on a date (BST or GMT: always the same calendar date). */
const noonOn = (date: string) => new Date(`${date}T12:00:00Z`);

async function timeline(apprenticeId: string) {
  return db()
    .select({ action: auditEvents.action, summary: auditEvents.summary })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "apprentice"), eq(auditEvents.entityId, apprenticeId)))
    .orderBy(asc(auditEvents.id));
}

describe("lodgeAppeal and decideAppeal", () => {
  it("an upheld appeal with a changed grade replaces the confirmed grade and records the previous and new grade", async () => {
    const { apprentice, attempt } = await merit();
    const appeal = await lodge(apprentice.id);
    expect(appeal).toMatchObject({
      status: "open",
      attemptId: attempt.id,
      lodgedOnBehalfOfApprentice: true,
      lodgedBy: w.providerUser.userId,
      grounds: GROUNDS,
    });
    expect(await hasOpenAppeal(db(), apprentice.id)).toBe(true);
    const before = await currentAttempt(apprentice.id);

    const decided = await decideAppeal(w.epaoStaff, {
      appealId: appeal.id,
      outcome: "upheld",
      newGrade: "Distinction",
      decisionNotes: "The portfolio met the distinction criteria on review",
    });
    expect(decided).toMatchObject({
      status: "upheld",
      previousGrade: "Merit",
      newGrade: "Distinction",
      decidedBy: w.epaoStaff.userId,
      decisionNotes: "The portfolio met the distinction criteria on review",
    });
    expect(await currentAttempt(apprentice.id)).toMatchObject({
      overallGrade: "Distinction",
      achievementDate: before.achievementDate,
      version: before.version + 1,
    });
    expect((await apprenticeRow(apprentice.id)).status).toBe("graded");
    expect(await hasOpenAppeal(db(), apprentice.id)).toBe(false);

    const log = (await timeline(apprentice.id)).filter((e) => e.action.startsWith("assessment.appeal"));
    expect(log).toEqual([
      { action: "assessment.appeal_lodged", summary: `Lodged an appeal against the Merit grade (attempt 1) on behalf of the apprentice. Grounds: ${GROUNDS}` },
      {
        action: "assessment.appeal_upheld",
        summary:
          "Upheld the appeal (attempt 1): the overall grade changed from Merit to Distinction. Notes: The portfolio met the distinction criteria on review",
      },
    ]);
    const overview = await assessmentOverview(w.providerUser, apprentice.id);
    expect(overview.attempts[0]!.confirmed).toMatchObject({ overallGrade: "Distinction" });
    expect(overview.appeals).toEqual([
      expect.objectContaining({
        status: "upheld",
        previousGrade: "Merit",
        newGrade: "Distinction",
        attemptNumber: 1,
        lodgedBy: "Uma User",
        decidedBy: "Sam Staff",
      }),
    ]);
  });

  it("not upheld leaves the grade; upheld without a new grade also leaves it", async () => {
    const { apprentice } = await merit();
    const first = await lodge(apprentice.id, { lodgedOnBehalfOfApprentice: false });
    const notUpheld = await decideAppeal(w.epaoAdmin, { appealId: first.id, outcome: "not_upheld", decisionNotes: "The grading followed the assessment plan" });
    expect(notUpheld).toMatchObject({ status: "not_upheld", previousGrade: "Merit", newGrade: null });
    expect((await currentAttempt(apprentice.id)).overallGrade).toBe("Merit");
    const second = await lodge(apprentice.id);
    await expect(
      decideAppeal(w.epaoStaff, { appealId: second.id, outcome: "upheld", newGrade: "", decisionNotes: "Upheld in part: feedback to be reissued" }),
    ).resolves.toMatchObject({
      status: "upheld",
      newGrade: null,
    });
    expect((await currentAttempt(apprentice.id)).overallGrade).toBe("Merit");
    const log = await timeline(apprentice.id);
    expect(log.map((e) => e.summary)).toContain(
      "The appeal against the Merit grade (attempt 1) was not upheld. Notes: The grading followed the assessment plan",
    );
    await expect(decideAppeal(w.epaoStaff, { appealId: second.id, outcome: "not_upheld", decisionNotes: "Again" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("validates the decision: notes required, a new grade only when upheld, on the overall scale and different", async () => {
    const { apprentice } = await merit();
    const appeal = await lodge(apprentice.id);
    const decide = (over: Record<string, unknown>) =>
      problem(decideAppeal(w.epaoStaff, { appealId: appeal.id, outcome: "upheld", decisionNotes: "Reviewed by the panel", ...over }));
    expect(await decide({ decisionNotes: " " })).toEqual({ decisionNotes: "Enter the notes on the decision" });
    expect(await decide({ outcome: "maybe" })).toEqual({ outcome: "Choose whether the appeal is upheld or not upheld" });
    expect(await decide({ outcome: "not_upheld", newGrade: "Pass" })).toEqual({ newGrade: "A new grade can only be given when the appeal is upheld" });
    expect(await decide({ newGrade: "Outstanding" })).toEqual({ newGrade: "Choose a grade on the standard's overall scale: Fail, Pass, Merit, Distinction" });
    expect(await decide({ newGrade: "Merit" })).toEqual({
      newGrade: "The grade is already Merit: choose a different grade, or uphold the appeal without changing it",
    });
    expect((await db().select().from(appeals).where(eq(appeals.id, appeal.id)))[0]!.status).toBe("open");
  });

  it("is lodged within the appeal window only: the last working day is in, the next day is out", async () => {
    const { apprentice } = await merit();
    const attempt = await currentAttempt(apprentice.id);
    const confirmedOn = londonDate(attempt.confirmedAt!);
    const closes = appealWindowCloses(attempt.confirmedAt!);
    expect(closes).toBe(addWorkingDays(confirmedOn, APPEAL_WINDOW_WORKING_DAYS, ENGLAND_AND_WALES_BANK_HOLIDAYS));
    const dayAfter = londonDate(new Date(noonOn(closes).getTime() + 86_400_000));
    expect(await problem(lodge(apprentice.id, {}, w.providerUser, noonOn(dayAfter)))).toEqual({ form: expect.stringContaining("The appeal window closed on") });
    expect(await problem(lodge(apprentice.id, {}, w.providerUser, noonOn("2020-01-02")))).toEqual({
      form: expect.stringContaining("An appeal cannot be lodged before the grade was confirmed"),
    });
    expect((await assessmentOverview(w.providerUser, apprentice.id, noonOn(dayAfter))).can.lodgeAppeal).toEqual({
      ok: false,
      reason: expect.stringContaining("The appeal window closed on"),
    });
    await expect(lodge(apprentice.id, {}, w.providerUser, noonOn(closes))).resolves.toMatchObject({ status: "open" });
  });

  it("needs a confirmed grade, grounds of at least 20 characters, and one open appeal at a time (withdraw, then lodge again)", async () => {
    const { apprentice: inEpa } = await createApprenticeInEpa(w);
    await recordGrades(w, inEpa.id, { PRJ: "Pass", PD: "Pass" });
    expect(await problem(lodge(inEpa.id))).toEqual({
      form: "An appeal can only be lodged against a confirmed grade: the overall grade has not been confirmed yet.",
    });

    const { apprentice } = await merit();
    expect(await problem(lodge(apprentice.id, { grounds: "" }))).toEqual({ grounds: "Enter the grounds for the appeal" });
    expect(await problem(lodge(apprentice.id, { grounds: "Unfair grade" }))).toEqual({
      grounds: "Describe the grounds for the appeal in at least 20 characters",
    });
    const results = await Promise.allSettled([lodge(apprentice.id), lodge(apprentice.id, {}, w.providerAdmin)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    const open = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value;
    expect(await problem(lodge(apprentice.id))).toEqual({
      form: "An appeal for this apprentice is already open: wait for the EPAO's decision or withdraw it first",
    });
    expect((await assessmentOverview(w.providerUser, apprentice.id)).can.lodgeAppeal).toEqual({
      ok: false,
      reason: "An appeal is already open for this apprentice.",
    });

    await expect(withdrawAppeal(w.otherProviderAdmin, { appealId: open.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(withdrawAppeal(w.epaoStaff, { appealId: open.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(withdrawAppeal(w.providerAdmin, { appealId: open.id })).resolves.toMatchObject({ status: "withdrawn", decidedBy: w.providerAdmin.userId });
    await expect(withdrawAppeal(w.providerAdmin, { appealId: open.id })).rejects.toBeInstanceOf(ConflictError);
    expect(await hasOpenAppeal(db(), apprentice.id)).toBe(false);
    expect((await timeline(apprentice.id)).map((e) => e.action)).toContain("assessment.appeal_withdrawn");
    await expect(lodge(apprentice.id)).resolves.toMatchObject({ status: "open" });
  });

  it("an appeal cannot change a grade that was unlocked after it was lodged", async () => {
    const { apprentice } = await merit();
    const appeal = await lodge(apprentice.id);
    const attempt = await currentAttempt(apprentice.id);
    await unlockGrade(w.epaoAdmin, { attemptId: attempt.id, version: attempt.version, target: "overall", reason: "Re-marking the whole assessment" });
    expect(await problem(decideAppeal(w.epaoStaff, { appealId: appeal.id, outcome: "upheld", newGrade: "Distinction", decisionNotes: "Upheld" }))).toEqual({
      form: expect.stringContaining("is no longer confirmed"),
    });
  });

  it("other organisations and the wrong roles can neither lodge nor decide, and see nothing", async () => {
    const { apprentice } = await merit();
    await expect(lodge(apprentice.id, {}, w.otherProviderAdmin)).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.epaoStaff, w.epaoAdmin, w.assessor]) await expect(lodge(apprentice.id, {}, actor)).rejects.toBeInstanceOf(ForbiddenError);
    const appeal = await lodge(apprentice.id);
    const input = { appealId: appeal.id, outcome: "upheld", newGrade: "Distinction", decisionNotes: "Reviewed" };
    await expect(decideAppeal(w.otherEpaoAdmin, input)).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.providerAdmin, w.assessor]) await expect(decideAppeal(actor, input)).rejects.toBeInstanceOf(ForbiddenError);
    for (const outsider of [w.otherEpaoAdmin, w.otherProviderAdmin, w.otherAssessor])
      await expect(assessmentOverview(outsider, apprentice.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await currentAttempt(apprentice.id)).overallGrade).toBe("Merit");
    expect((await assessmentOverview(w.epaoStaff, apprentice.id)).can.decideAppeal).toEqual({ ok: true });
  });
});
