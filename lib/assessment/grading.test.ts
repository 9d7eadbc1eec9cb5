import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, componentGrades } from "@/db/schema";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import {
  apprenticeRow,
  confirmCurrent,
  createApprenticeInEpa,
  createApprenticesInEpa,
  setupAssessmentWorld,
  currentAttempt,
  gradedApprentice,
  recordGrades,
} from "@/tests/support/assessment";
import { createUser } from "@/tests/support/factories";
import { londonDate } from "@/lib/calendar/london";
import { confirmOverallGrade, confirmOverallGrades, recordComponentGrade, unlockGrade } from "./grading";
import { assessmentOverview } from "./queues";
import { validationOutcome } from "@/tests/support/errors";

const w = setupAssessmentWorld();

const problem = (p: Promise<unknown>) => validationOutcome(p, { resolved: true });

async function events(apprenticeId: string, action?: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "apprentice"), eq(auditEvents.entityId, apprenticeId), ...(action ? [eq(auditEvents.action, action)] : [])))
    .orderBy(asc(auditEvents.id));
}

async function gradesOf(attemptId: string) {
  return db().select().from(componentGrades).where(eq(componentGrades.attemptId, attemptId));
}

const PRJ = "Project report with presentation, questions and answers";
const daysFromToday = (n: number) => londonDate(new Date(Date.now() + n * 86_400_000));

describe("recordComponentGrade", () => {
  it("the assigned assessor records grades on the current attempt, each audited on the apprentice; a re-record shows before and after", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    const first = await recordComponentGrade(w.assessor, {
      apprenticeId: apprentice.id,
      componentId: w.standard.component("PRJ").id,
      grade: "Distinction",
      assessedOn: "2026-10-01",
    });
    expect(first).toMatchObject({
      attemptId: attempt.id,
      attemptNumber: 1,
      code: "PRJ",
      grade: "Distinction",
      version: 2,
      changed: true,
      provisional: { status: "incomplete", missing: ["PD"] },
    });
    const [row] = await gradesOf(attempt.id);
    expect(row).toMatchObject({ grade: "Distinction", assessedOn: "2026-10-01", recordedBy: w.assessor.userId, locked: false, carriedOver: false });

    const changed = await recordComponentGrade(w.assessor, {
      apprenticeId: apprentice.id,
      componentId: w.standard.component("PRJ").id,
      grade: "Pass",
      assessedOn: "2026-10-01",
    });
    expect(changed).toMatchObject({ grade: "Pass", version: 3, changed: true });
    const again = await recordComponentGrade(w.assessor, {
      apprenticeId: apprentice.id,
      componentId: w.standard.component("PRJ").id,
      grade: "Pass",
      assessedOn: "2026-10-01",
    });
    expect(again).toMatchObject({ version: 3, changed: false });

    const pd = await recordComponentGrade(w.assessor, {
      apprenticeId: apprentice.id,
      componentId: w.standard.component("PD").id,
      grade: "Distinction",
      assessedOn: "2026-10-02",
    });
    expect(pd.provisional).toEqual({ status: "derived", overall: "Merit", reason: "combination" });

    const log = await events(apprentice.id);
    expect(log.map((e) => e.summary)).toEqual([
      `Recorded Distinction for ${PRJ} (attempt 1)`,
      `Changed ${PRJ} from Distinction to Pass (attempt 1)`,
      "Recorded Distinction for Professional discussion underpinned by a portfolio (attempt 1)",
    ]);
    expect(log[1]).toMatchObject({
      action: "assessment.grade_changed",
      actorUserId: w.assessor.userId,
      before: { grade: "Distinction" },
      after: { grade: "Pass", attempt: 1 },
    });
    // The apprentice stays in EPA: recording grades does not confirm anything.
    expect((await apprenticeRow(apprentice.id)).status).toBe("epa");
  });

  it("is refused outside end-point assessment: in training, at gateway, on a break, withdrawn, and once graded", async () => {
    const expectations: [string, string][] = [
      ["in_training", "still in training"],
      ["gateway", "at gateway"],
      ["on_break", "on a break in learning"],
      ["withdrawn", "has been withdrawn"],
      ["graded", "An EPAO admin must unlock it first"],
    ];
    for (const [status, reason] of expectations) {
      const { apprentice } = await createApprenticeInEpa(w, { status: status as "epa" });
      const errors = await problem(
        recordComponentGrade(w.assessor, { apprenticeId: apprentice.id, componentId: w.standard.component("PRJ").id, grade: "Pass", assessedOn: "2026-10-01" }),
      );
      expect(errors, status).toEqual({ form: expect.stringContaining(reason) });
    }
  });

  it("refuses a component of another standard, a grade not on the component's scale, a future or impossible date, a date before the apprenticeship", async () => {
    const { apprentice } = await createApprenticeInEpa(w);
    const record = (over: Record<string, unknown>) =>
      problem(
        recordComponentGrade(w.assessor, {
          apprenticeId: apprentice.id,
          componentId: w.standard.component("PRJ").id,
          grade: "Pass",
          assessedOn: "2026-10-01",
          ...over,
        }),
      );
    expect(await record({ componentId: w.standardFor("ST0070").component("KT").id })).toEqual({
      componentId: expect.stringContaining("Select an assessment component of"),
    });
    expect(await record({ grade: "Merit" })).toEqual({ grade: `"Merit" is not a grade for ${PRJ}: choose Fail, Pass, Distinction` });
    expect(await record({ grade: "" })).toEqual({ grade: "Select a grade" });
    expect(await record({ assessedOn: daysFromToday(2) })).toEqual({ assessedOn: "The date of the assessment cannot be in the future" });
    expect(await record({ assessedOn: "2026-02-30" })).toEqual({ assessedOn: "The date of the assessment must be a real date in the format YYYY-MM-DD" });
    expect(await record({ assessedOn: "2025-08-01" })).toEqual({ assessedOn: expect.stringContaining("before the apprenticeship started") });
    expect(await record({ componentId: "not-a-uuid" })).toEqual({ componentId: "Select the assessment component" });
    // Today is allowed.
    await expect(
      recordComponentGrade(w.assessor, {
        apprenticeId: apprentice.id,
        componentId: w.standard.component("PRJ").id,
        grade: "Pass",
        assessedOn: daysFromToday(0),
      }),
    ).resolves.toMatchObject({ changed: true });
    expect(await gradesOf((await currentAttempt(apprentice.id)).id)).toHaveLength(1);
  });

  it("refuses a locked component until an EPAO admin unlocks it", async () => {
    const { apprentice, confirmed } = await gradedApprentice(w, { PRJ: "Pass", PD: "Pass" });
    await unlockGrade(w.epaoAdmin, {
      attemptId: confirmed.attemptId,
      version: confirmed.version,
      target: w.standard.component("PD").id,
      reason: "Marking error found on review",
    });
    expect(await problem(recordGrades(w, apprentice.id, { PRJ: "Distinction" }))).toEqual({
      componentId: expect.stringContaining(`The grade for ${PRJ} is locked. An EPAO admin must unlock it`),
    });
    await expect(recordGrades(w, apprentice.id, { PD: "Distinction" })).resolves.toMatchObject({ provisional: { status: "derived", overall: "Merit" } });
  });

  it("only the assigned assessor: another assessor of the EPAO and another EPAO's assessor see nothing; EPAO and provider users may not record", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    const input = { apprenticeId: apprentice.id, componentId: w.standard.component("PRJ").id, grade: "Pass", assessedOn: "2026-10-01" };
    await expect(recordComponentGrade(w.otherAssessor, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordComponentGrade(w.foreignAssessor, input)).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.epaoAdmin, w.epaoStaff, w.providerAdmin, w.otherEpaoAdmin])
      await expect(recordComponentGrade(actor, input)).rejects.toBeInstanceOf(ForbiddenError);
    const unassigned = await createApprenticeInEpa(w, { assessor: null });
    await expect(recordComponentGrade(w.assessor, { ...input, apprenticeId: unassigned.apprentice.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await gradesOf(attempt.id)).toEqual([]);
  });
});

describe("confirmOverallGrade", () => {
  it("confirms the provisional grade: overall and achievement date set (default the latest assessment), every component locked, the record graded, audited", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    await recordGrades(w, apprentice.id, { PRJ: "Distinction" }, { assessedOn: "2026-10-01" });
    const last = await recordGrades(w, apprentice.id, { PD: "Pass" }, { assessedOn: "2026-10-05" });
    const result = await confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version: last.version });
    expect(result).toEqual({
      attemptId: attempt.id,
      apprenticeId: apprentice.id,
      overallGrade: "Merit",
      achievementDate: "2026-10-05",
      version: last.version + 1,
    });
    const confirmed = await currentAttempt(apprentice.id);
    expect(confirmed).toMatchObject({ overallGrade: "Merit", achievementDate: "2026-10-05", confirmedBy: w.epaoStaff.userId });
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    expect((await gradesOf(attempt.id)).every((g) => g.locked)).toBe(true);
    expect(await apprenticeRow(apprentice.id)).toMatchObject({ status: "graded", version: apprentice.version + 1 });
    const [event] = await events(apprentice.id, "assessment.grade_confirmed");
    expect(event).toMatchObject({
      summary: "Confirmed the overall grade Merit (attempt 1), achievement date 5 October 2026",
      before: { status: "epa" },
      after: { status: "graded", overallGrade: "Merit" },
    });
    // Confirmed once: a second confirm with the old version is stale.
    await expect(confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version: last.version })).rejects.toBeInstanceOf(ConflictError);
    expect(await problem(confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version: result.version }))).toEqual({
      form: expect.stringContaining("already been confirmed"),
    });
  });

  it("takes an achievement date that is not in the future and not before the attempt's first assessment", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    await recordGrades(w, apprentice.id, { PRJ: "Pass" }, { assessedOn: "2026-10-01" });
    const { version } = await recordGrades(w, apprentice.id, { PD: "Pass" }, { assessedOn: "2026-10-05" });
    const confirm = (achievementDate: string) => problem(confirmOverallGrade(w.epaoAdmin, { attemptId: attempt.id, version, achievementDate }));
    expect(await confirm(daysFromToday(3))).toEqual({ achievementDate: "The achievement date cannot be in the future" });
    expect(await confirm("2026-09-30")).toEqual({
      achievementDate: "The achievement date cannot be before the first assessment of this attempt (1 October 2026)",
    });
    expect(await confirm("31/10/2026")).toEqual({ achievementDate: "The achievement date must be a real date in the format YYYY-MM-DD" });
    await expect(confirmOverallGrade(w.epaoAdmin, { attemptId: attempt.id, version, achievementDate: "2026-10-03" })).resolves.toMatchObject({
      overallGrade: "Pass",
      achievementDate: "2026-10-03",
    });
  });

  it("refuses until every component is graded, and refuses a version older than the latest grade change", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w, { standard: w.standardFor("ST0070") });
    const s = w.standardFor("ST0070");
    const seen = await recordGrades(w, apprentice.id, { KT: "Pass" }, { standard: s });
    expect(await problem(confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version: seen.version }))).toEqual({
      form: "Record a grade for every component first. Missing: PBI, PP.",
    });
    await recordGrades(w, apprentice.id, { PBI: "Pass", PP: "Pass" }, { standard: s });
    // The staff member saw the record before PBI and PP were graded.
    await expect(confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version: seen.version })).rejects.toBeInstanceOf(ConflictError);
    expect((await apprenticeRow(apprentice.id)).status).toBe("epa");
  });

  it("two users confirming at once: exactly one wins, the other gets a ConflictError", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    const { version } = await recordGrades(w, apprentice.id, { PRJ: "Pass", PD: "Distinction" });
    const results = await Promise.allSettled([
      confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version }),
      confirmOverallGrade(w.epaoAdmin, { attemptId: attempt.id, version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await events(apprentice.id, "assessment.grade_confirmed")).toHaveLength(1);
    expect(await currentAttempt(apprentice.id)).toMatchObject({ overallGrade: "Merit", version: version + 1 });
  });

  it("another EPAO's admin finds nothing; assessors and providers may not confirm", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    const { version } = await recordGrades(w, apprentice.id, { PRJ: "Pass", PD: "Pass" });
    await expect(confirmOverallGrade(w.otherEpaoAdmin, { attemptId: attempt.id, version })).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.assessor, w.providerAdmin, w.otherProviderAdmin])
      await expect(confirmOverallGrade(actor, { attemptId: attempt.id, version })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await currentAttempt(apprentice.id)).overallGrade).toBeNull();
  });
});

describe("three real grading patterns, end to end", () => {
  const cases: [reference: string, grades: Record<string, string>, overall: string][] = [
    // ST0119: Fail/Pass/Distinction methods, Pass/Merit/Distinction overall by the plan's combination table.
    ["ST0119", { PRJ: "Pass", PD: "Pass" }, "Pass"],
    ["ST0119", { PRJ: "Pass", PD: "Distinction" }, "Merit"],
    ["ST0119", { PRJ: "Distinction", PD: "Pass" }, "Merit"],
    ["ST0119", { PRJ: "Distinction", PD: "Distinction" }, "Distinction"],
    ["ST0119", { PRJ: "Fail", PD: "Distinction" }, "Fail"],
    // ST0070: Pass/Distinction, distinction only when every method is a distinction.
    ["ST0070", { KT: "Distinction", PBI: "Distinction", PP: "Distinction" }, "Distinction"],
    ["ST0070", { KT: "Distinction", PBI: "Pass", PP: "Distinction" }, "Pass"],
    ["ST0070", { KT: "Pass", PBI: "Distinction", PP: "Fail" }, "Fail"],
    // ST0152: pass-only; any Fail is a Fail.
    ["ST0152", { PRAC: "Pass", AAK: "Pass" }, "Pass"],
    ["ST0152", { PRAC: "Pass", AAK: "Fail" }, "Fail"],
  ];
  it.each(cases)("%s %j confirms as %s", async (reference, grades, overall) => {
    const standard = w.standardFor(reference);
    const { apprentice } = await createApprenticeInEpa(w, { standard });
    const recorded = await recordGrades(w, apprentice.id, grades, { standard });
    expect(recorded.provisional).toMatchObject({ status: "derived", overall });
    const overview = await assessmentOverview(w.epaoStaff, apprentice.id);
    expect(overview.attempts[0]!.provisional).toMatchObject({ overall });
    expect(overview.can.confirm).toEqual({ ok: true });
    await expect(confirmCurrent(w, apprentice.id)).resolves.toMatchObject({ overallGrade: overall });
    expect((await assessmentOverview(w.providerUser, apprentice.id)).attempts[0]).toMatchObject({ provisional: null, confirmed: { overallGrade: overall } });
  });
});

describe("confirmOverallGrades (bulk)", () => {
  it("confirms every item that can be confirmed and skips the others with a reason", async () => {
    const ready = await createApprenticesInEpa(w, 3, { grades: { PRJ: "Distinction", PD: "Pass" } });
    const incomplete = await createApprenticesInEpa(w, 1, { grades: { PRJ: "Pass" } });
    const stale = await createApprenticesInEpa(w, 1, { grades: { PRJ: "Pass", PD: "Pass" } });
    const onBreak = await createApprenticesInEpa(w, 1, { status: "on_break", grades: { PRJ: "Pass", PD: "Pass" } });
    const otherEpaos = await createApprenticesInEpa({ ...w, epao: w.otherEpao }, 1, { assessor: w.foreignAssessor, grades: { PRJ: "Pass", PD: "Pass" } });
    const items = [
      ...ready.map((a) => ({ attemptId: a.id, version: a.version })),
      { attemptId: incomplete[0]!.id, version: 1 },
      { attemptId: stale[0]!.id, version: 7 },
      { attemptId: onBreak[0]!.id, version: 1 },
      { attemptId: otherEpaos[0]!.id, version: 1 },
      { attemptId: ready[0]!.id, version: 1 },
    ];
    const results = await confirmOverallGrades(w.epaoStaff, { items });
    expect(results).toEqual([
      ...ready.map((a) => ({ attemptId: a.id, ok: true, overall: "Merit" })),
      { attemptId: incomplete[0]!.id, ok: false, problem: "Record a grade for every component first. Missing: PD." },
      { attemptId: stale[0]!.id, ok: false, problem: expect.stringContaining("changed by someone else") },
      { attemptId: onBreak[0]!.id, ok: false, problem: expect.stringContaining("on a break in learning") },
      { attemptId: otherEpaos[0]!.id, ok: false, problem: "Assessment attempt not found." },
      { attemptId: ready[0]!.id, ok: false, problem: "This grade is listed more than once." },
    ]);
    for (const a of ready) {
      expect(await currentAttempt(a.apprenticeId)).toMatchObject({
        overallGrade: "Merit",
        achievementDate: "2026-10-15",
        confirmedBy: w.epaoStaff.userId,
        version: 2,
      });
      expect((await apprenticeRow(a.apprenticeId)).status).toBe("graded");
      expect((await gradesOf(a.id)).every((g) => g.locked)).toBe(true);
      expect(await events(a.apprenticeId, "assessment.grade_confirmed")).toHaveLength(1);
    }
    for (const a of [...incomplete, ...stale, ...onBreak, ...otherEpaos]) expect((await currentAttempt(a.apprenticeId)).overallGrade).toBeNull();
  });

  it("confirms 1,000 records in one transaction", async () => {
    const attempts = await createApprenticesInEpa(w, 1000, {
      standard: w.standardFor("ST0070"),
      grades: { KT: "Distinction", PBI: "Distinction", PP: "Distinction" },
    });
    const started = performance.now();
    const results = await confirmOverallGrades(w.epaoAdmin, { items: attempts.map((a) => ({ attemptId: a.id, version: a.version })) });
    const elapsed = performance.now() - started;
    expect(results.filter((r) => r.ok)).toHaveLength(1000);
    expect(results.every((r) => r.overall === "Distinction")).toBe(true);
    expect(elapsed).toBeLessThan(5000);
    const apprenticeIds = attempts.map((a) => a.apprenticeId);
    const logged = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "assessment.grade_confirmed"), inArray(auditEvents.entityId, apprenticeIds)));
    expect(logged).toHaveLength(1000);
  });

  it("validates the list; staff of another EPAO confirm nothing; assessors may not", async () => {
    expect(await problem(confirmOverallGrades(w.epaoStaff, { items: [] }))).toEqual({ items: "Select at least one grade to confirm" });
    const tooMany = Array.from({ length: 1001 }, () => ({ attemptId: crypto.randomUUID(), version: 1 }));
    expect(await problem(confirmOverallGrades(w.epaoStaff, { items: tooMany }))).toEqual({ items: "Confirm 1,000 grades or fewer at a time" });
    const [a] = await createApprenticesInEpa(w, 1, { grades: { PRJ: "Pass", PD: "Pass" } });
    expect(await confirmOverallGrades(w.otherEpaoAdmin, { items: [{ attemptId: a!.id, version: 1 }] })).toEqual([
      { attemptId: a!.id, ok: false, problem: "Assessment attempt not found." },
    ]);
    await expect(confirmOverallGrades(w.assessor, { items: [{ attemptId: a!.id, version: 1 }] })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await currentAttempt(a!.apprenticeId)).overallGrade).toBeNull();
  });
});

describe("unlockGrade", () => {
  it("an EPAO admin unlocks the overall grade with a reason: provisional again, every component unlocked, back in EPA, audited", async () => {
    const { apprentice, attempt, confirmed } = await gradedApprentice(w, { PRJ: "Distinction", PD: "Pass" });
    const result = await unlockGrade(w.epaoAdmin, {
      attemptId: attempt.id,
      version: confirmed.version,
      target: "overall",
      reason: "  Moderation changed the project grade  ",
    });
    expect(result).toEqual({ attemptId: attempt.id, apprenticeId: apprentice.id, version: confirmed.version + 1, unlocked: ["PRJ", "PD"] });
    expect(await currentAttempt(apprentice.id)).toMatchObject({ overallGrade: null, achievementDate: null, confirmedBy: null, confirmedAt: null });
    expect((await gradesOf(attempt.id)).every((g) => !g.locked)).toBe(true);
    expect((await apprenticeRow(apprentice.id)).status).toBe("epa");
    const [event] = await events(apprentice.id, "assessment.grade_unlocked");
    expect(event).toMatchObject({
      summary: "Unlocked the overall grade Merit (attempt 1). Reason: Moderation changed the project grade",
      before: { status: "graded", overallGrade: "Merit" },
      after: { status: "epa", overallGrade: null, reason: "Moderation changed the project grade" },
    });
    // The assessor can change any component and the grade is confirmed again.
    const { version } = await recordGrades(w, apprentice.id, { PRJ: "Pass" });
    await expect(confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version })).resolves.toMatchObject({ overallGrade: "Pass" });
  });

  it("unlocking one component makes the overall grade provisional again but leaves the other components locked", async () => {
    const s = w.standardFor("ST0070");
    const { apprentice, attempt, confirmed } = await gradedApprentice(w, { KT: "Pass", PBI: "Pass", PP: "Pass" }, { standard: s });
    await unlockGrade(w.epaoAdmin, {
      attemptId: attempt.id,
      version: confirmed.version,
      target: s.component("PP").id,
      reason: "Presentation was marked against the wrong criteria",
    });
    const grades = await gradesOf(attempt.id);
    expect(Object.fromEntries(grades.map((g) => [s.components.find((c) => c.id === g.componentId)!.code, g.locked]))).toEqual({
      KT: true,
      PBI: true,
      PP: false,
    });
    expect(await currentAttempt(apprentice.id)).toMatchObject({ overallGrade: null, confirmedAt: null });
    expect((await apprenticeRow(apprentice.id)).status).toBe("epa");
    const [event] = await events(apprentice.id, "assessment.component_unlocked");
    expect(event!.summary).toBe(
      "Unlocked Project presentation (Pass) (attempt 1); the overall grade Pass is provisional again. Reason: Presentation was marked against the wrong criteria",
    );
    const overview = await assessmentOverview(w.epaoStaff, apprentice.id);
    expect(overview.attempts[0]!.provisional).toMatchObject({ status: "derived", overall: "Pass" });
    expect(await problem(recordGrades(w, apprentice.id, { KT: "Distinction" }, { standard: s }))).toEqual({ componentId: expect.stringContaining("locked") });
    const { version } = await recordGrades(w, apprentice.id, { PP: "Distinction" }, { standard: s });
    await expect(confirmOverallGrade(w.epaoAdmin, { attemptId: attempt.id, version })).resolves.toMatchObject({ overallGrade: "Pass" });
  });

  it("is for EPAO admins only, needs a reason of at least 10 characters, and something locked", async () => {
    const { apprentice, attempt, confirmed } = await gradedApprentice(w, { PRJ: "Pass", PD: "Pass" });
    const input = { attemptId: attempt.id, version: confirmed.version, target: "overall", reason: "Appeal outcome changed the grade" };
    for (const actor of [w.epaoStaff, w.assessor, w.providerAdmin]) await expect(unlockGrade(actor, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(unlockGrade(w.otherEpaoAdmin, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await problem(unlockGrade(w.epaoAdmin, { ...input, reason: "" }))).toEqual({ reason: "Enter the reason for unlocking the grade" });
    expect(await problem(unlockGrade(w.epaoAdmin, { ...input, reason: " too short " }))).toEqual({
      reason: "The reason for unlocking must be at least 10 characters",
    });
    expect(await problem(unlockGrade(w.epaoAdmin, { ...input, target: "everything" }))).toEqual({ target: "Choose the grade to unlock" });
    expect(await problem(unlockGrade(w.epaoAdmin, { ...input, target: w.standardFor("ST0070").component("KT").id }))).toEqual({
      target: "There is no grade for that component in attempt 1",
    });
    expect((await apprenticeRow(apprentice.id)).status).toBe("graded");

    const unlocked = await unlockGrade(w.epaoAdmin, input);
    expect(await problem(unlockGrade(w.epaoAdmin, { ...input, version: unlocked.version }))).toEqual({
      form: "The grade is not locked, so there is nothing to unlock.",
    });
  });

  it("two admins unlocking at once: exactly one wins, the other gets a ConflictError", async () => {
    const secondAdmin = await createUser(w.epao, "epao_admin");
    const { apprentice, attempt, confirmed } = await gradedApprentice(w, { PRJ: "Distinction", PD: "Distinction" });
    const input = { attemptId: attempt.id, version: confirmed.version, target: "overall", reason: "Evidence of a marking error" };
    const results = await Promise.allSettled([unlockGrade(w.epaoAdmin, input), unlockGrade(secondAdmin, input)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await events(apprentice.id, "assessment.grade_unlocked")).toHaveLength(1);
  });
});

describe("assessmentOverview", () => {
  it("shows the attempt, its grades with who recorded them, the provisional grade and what each actor may do", async () => {
    const { apprentice, attempt } = await createApprenticeInEpa(w);
    await recordGrades(w, apprentice.id, { PRJ: "Pass" }, { assessedOn: "2026-10-01" });
    const forAssessor = await assessmentOverview(w.assessor, apprentice.id);
    expect(forAssessor.standard.components.map((c) => c.code)).toEqual(["PRJ", "PD"]);
    expect(forAssessor.attempts).toHaveLength(1);
    expect(forAssessor.attempts[0]).toMatchObject({
      id: attempt.id,
      number: 1,
      kind: "first",
      current: true,
      inScope: ["PRJ", "PD"],
      provisional: { status: "incomplete", missing: ["PD"] },
      confirmed: null,
      grades: [{ code: "PRJ", name: PRJ, grade: "Pass", assessedOn: "2026-10-01", carriedOver: false, locked: false, recordedBy: "Asha Assessor" }],
    });
    expect(forAssessor.can).toMatchObject({ recordGrades: { ok: true }, confirm: { ok: false }, unlock: { ok: false }, requestResit: { ok: false } });
    const forStaff = await assessmentOverview(w.epaoStaff, apprentice.id);
    expect(forStaff.can.confirm).toEqual({ ok: false, reason: "Record a grade for every component first. Missing: PD." });
    expect(forStaff.can.recordGrades).toEqual({ ok: false, reason: "Only the assigned assessor records component grades." });
    const forProvider = await assessmentOverview(w.providerUser, apprentice.id);
    expect(forProvider.can.lodgeAppeal).toEqual({
      ok: false,
      reason: "An appeal can only be lodged against a confirmed grade: the overall grade has not been confirmed yet.",
    });

    const { version } = await recordGrades(w, apprentice.id, { PD: "Pass" });
    await confirmOverallGrade(w.epaoStaff, { attemptId: attempt.id, version });
    const forAdmin = await assessmentOverview(w.epaoAdmin, apprentice.id);
    expect(forAdmin.attempts[0]).toMatchObject({
      provisional: null,
      confirmed: { overallGrade: "Pass", achievementDate: "2026-10-15", confirmedBy: "Sam Staff" },
    });
    expect(forAdmin.can.unlock).toEqual({ ok: true });
    expect((await assessmentOverview(w.epaoStaff, apprentice.id)).can.unlock).toEqual({
      ok: false,
      reason: "Only an EPAO admin can unlock a confirmed grade.",
    });
    expect((await assessmentOverview(w.providerUser, apprentice.id)).can.lodgeAppeal).toEqual({ ok: true });
    expect(forAdmin.appealWindow).toEqual({ confirmedOn: londonDate(new Date()), closesOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it("another organisation's users and an assessor not assigned see nothing", async () => {
    const { apprentice } = await gradedApprentice(w, { PRJ: "Pass", PD: "Pass" });
    for (const outsider of [w.otherEpaoAdmin, w.otherEpaoStaff, w.otherProviderAdmin, w.otherAssessor, w.foreignAssessor]) {
      await expect(assessmentOverview(outsider, apprentice.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(assessmentOverview(w.epaoStaff, "nonsense")).rejects.toBeInstanceOf(NotFoundError);
  });
});
