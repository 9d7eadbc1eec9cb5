import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentAttempts, componentGrades, resitRequests } from "@/db/schema";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  apprenticeRow,
  confirmCurrent,
  setupAssessmentWorld,
  currentAttempt,
  gradedApprentice,
  recordGrades,
  type GradedStandard,
} from "@/tests/support/assessment";
import { confirmOverallGrade, unlockGrade } from "./grading";
import { assessmentOverview } from "./queues";
import { decideResit, requestResit } from "./resits";
import { validationOutcome } from "@/tests/support/errors";
import { auditTrail } from "@/tests/support/audit";

const w = setupAssessmentWorld(["ST0070", "ST0119"]);
let s: GradedStandard; // ST0070 Business administrator: KT, PBI, PP, each Fail/Pass/Distinction
beforeAll(() => {
  s = w.standardFor("ST0070");
});

const problem = (p: Promise<unknown>) => validationOutcome(p, { resolved: true });

const failed = () => gradedApprentice(w, { KT: "Fail", PBI: "Pass", PP: "Distinction" }, { standard: s });
const request = (apprenticeId: string, over: Record<string, unknown> = {}, actor = w.providerUser) =>
  requestResit(actor, { apprenticeId, kind: "resit", components: ["KT"], reason: "The apprentice was unwell on the day of the test", ...over });

async function attemptsOf(apprenticeId: string) {
  return db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, apprenticeId)).orderBy(asc(assessmentAttempts.number));
}

describe("resit after a fail, end to end", () => {
  it("fail -> resit requested -> approved: attempt 2 re-assesses the failed component, the others carry over locked -> pass; the history is kept", async () => {
    const { apprentice, attempt: first, confirmed } = await failed();
    expect(confirmed.overallGrade).toBe("Fail");

    const req = await request(apprentice.id);
    expect(req).toMatchObject({ status: "requested", kind: "resit", components: ["KT"], attemptId: first.id, requestedBy: w.providerUser.userId });
    const { request: approved, newAttempt } = await decideResit(w.epaoStaff, { requestId: req.id, decision: "approve" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: w.epaoStaff.userId, newAttemptId: newAttempt!.id });
    expect(newAttempt).toMatchObject({ number: 2, kind: "resit", components: ["KT"], overallGrade: null });
    expect((await apprenticeRow(apprentice.id)).status).toBe("epa");

    const carried = await db().select().from(componentGrades).where(eq(componentGrades.attemptId, newAttempt!.id));
    expect(
      carried
        .map((g) => ({
          code: s.components.find((c) => c.id === g.componentId)!.code,
          grade: g.grade,
          carriedOver: g.carriedOver,
          locked: g.locked,
          recordedBy: g.recordedBy,
        }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    ).toEqual([
      { code: "PBI", grade: "Pass", carriedOver: true, locked: true, recordedBy: w.assessor.userId },
      { code: "PP", grade: "Distinction", carriedOver: true, locked: true, recordedBy: w.assessor.userId },
    ]);

    // Only the failed component is re-assessed; the provisional grade includes the carried-over grades.
    expect(await problem(recordGrades(w, apprentice.id, { PP: "Pass" }, { standard: s }))).toEqual({
      componentId: expect.stringContaining("is not re-assessed in this resit (attempt 2)"),
    });
    const recorded = await recordGrades(w, apprentice.id, { KT: "Distinction" }, { standard: s, assessedOn: "2026-11-02" });
    expect(recorded).toMatchObject({ attemptNumber: 2, provisional: { status: "derived", overall: "Pass" } });
    // The first attempt can no longer be confirmed or unlocked: it is not the current attempt.
    await expect(confirmOverallGrade(w.epaoStaff, { attemptId: first.id, version: confirmed.version })).rejects.toBeInstanceOf(ValidationError);
    const second = await confirmOverallGrade(w.epaoStaff, { attemptId: newAttempt!.id, version: recorded.version });
    expect(second).toMatchObject({ overallGrade: "Pass", achievementDate: "2026-11-02" });
    expect((await apprenticeRow(apprentice.id)).status).toBe("graded");

    const attempts = await attemptsOf(apprentice.id);
    expect(attempts.map((a) => [a.number, a.kind, a.overallGrade])).toEqual([
      [1, "first", "Fail"],
      [2, "resit", "Pass"],
    ]);
    const overview = await assessmentOverview(w.providerUser, apprentice.id);
    expect(overview.attempts.map((a) => [a.number, a.current, a.confirmed?.overallGrade, a.inScope])).toEqual([
      [2, true, "Pass", ["KT"]],
      [1, false, "Fail", ["KT", "PBI", "PP"]],
    ]);
    expect(overview.attempts[0]!.grades.map((g) => [g.code, g.grade, g.carriedOver])).toEqual([
      ["KT", "Distinction", false],
      ["PBI", "Pass", true],
      ["PP", "Distinction", true],
    ]);
    expect(overview.resitRequests).toEqual([expect.objectContaining({ status: "approved", attemptNumber: 1, newAttemptNumber: 2, components: ["KT"] })]);
    expect(overview.can.requestResit).toEqual({ ok: false, reason: "A resit can only be requested after a Fail: the confirmed overall grade is Pass." });

    const log = await auditTrail("apprentice", apprentice.id);
    expect(log.map((e) => e.action)).toEqual([
      "assessment.grade_recorded",
      "assessment.grade_recorded",
      "assessment.grade_recorded",
      "assessment.grade_confirmed",
      "assessment.resit_requested",
      "assessment.resit_approved",
      "assessment.grade_recorded",
      "assessment.grade_confirmed",
    ]);
    expect(log[4]!.summary).toBe("Requested a resit of Knowledge test after the Fail in attempt 1. Reason: The apprentice was unwell on the day of the test");
    expect(log[5]!.summary).toBe("Approved the resit of Knowledge test: attempt 2 started, carrying over Portfolio-based interview, Project presentation");
    expect(log[6]!.summary).toBe("Recorded Distinction for Knowledge test (attempt 2, resit)");
  });

  it("a retake of every failed component; a carried-over grade cannot be unlocked", async () => {
    const { apprentice } = await gradedApprentice(w, { KT: "Fail", PBI: "Fail", PP: "Pass" }, { standard: s });
    const req = await request(apprentice.id, { kind: "retake", components: ["PBI", "KT"] });
    expect(req.components).toEqual(["KT", "PBI"]);
    const { newAttempt } = await decideResit(w.epaoAdmin, { requestId: req.id, decision: "approve" });
    expect(newAttempt).toMatchObject({ number: 2, kind: "retake", components: ["KT", "PBI"] });
    const { version } = await recordGrades(w, apprentice.id, { KT: "Pass", PBI: "Fail" }, { standard: s });
    await expect(confirmOverallGrade(w.epaoStaff, { attemptId: newAttempt!.id, version })).resolves.toMatchObject({ overallGrade: "Fail" });
    const confirmed = await currentAttempt(apprentice.id);
    expect(
      await problem(
        unlockGrade(w.epaoAdmin, {
          attemptId: confirmed.id,
          version: confirmed.version,
          target: s.component("PP").id,
          reason: "Wrong mark on the presentation",
        }),
      ),
    ).toEqual({
      form: expect.stringContaining("was carried over from the previous attempt"),
    });
    // Failed again: a further resit of the component failed in attempt 2 only.
    expect(await problem(request(apprentice.id, { components: ["KT"] }))).toEqual({
      components: expect.stringContaining("Only components failed in attempt 2, retake can be re-assessed (Portfolio-based interview (PBI))"),
    });
    const third = await request(apprentice.id, { components: ["PBI"] });
    const decided = await decideResit(w.epaoStaff, { requestId: third.id, decision: "approve" });
    expect(decided.newAttempt).toMatchObject({ number: 3, components: ["PBI"] });
  });
});

describe("requestResit refusals", () => {
  it("only after a confirmed Fail on the current attempt", async () => {
    const passed = await gradedApprentice(w, { KT: "Pass", PBI: "Pass", PP: "Pass" }, { standard: s });
    expect(await problem(request(passed.apprentice.id))).toEqual({ form: "A resit can only be requested after a Fail: the confirmed overall grade is Pass." });
    const { apprentice } = await failed();
    const attempt = await currentAttempt(apprentice.id);
    await unlockGrade(w.epaoAdmin, { attemptId: attempt.id, version: attempt.version, target: "overall", reason: "Checking the knowledge test mark" });
    expect(await problem(request(apprentice.id))).toEqual({
      form: "A resit can only be requested after a confirmed Fail: the apprentice is in end-point assessment.",
    });
  });

  it("components must be a non-empty subset of the failed ones; kind and reason are required", async () => {
    const { apprentice } = await failed();
    expect(await problem(request(apprentice.id, { components: [] }))).toEqual({ components: "Select at least one failed component to re-assess" });
    expect(await problem(request(apprentice.id, { components: ["KT", "PP"] }))).toEqual({
      components: "Only components failed in attempt 1 can be re-assessed (Knowledge test (KT)); PP was not failed",
    });
    expect(await problem(request(apprentice.id, { components: ["XX"] }))).toEqual({ components: expect.stringContaining("XX was not failed") });
    expect(await problem(request(apprentice.id, { kind: "again" }))).toEqual({ kind: "Choose a resit (no further learning) or a retake (further learning)" });
    expect(await problem(request(apprentice.id, { reason: "  " }))).toEqual({ reason: "Enter the reason for the request" });
    // A single checkbox value arrives as a string.
    await expect(request(apprentice.id, { components: "KT" })).resolves.toMatchObject({ components: ["KT"] });
  });

  it("one open request per apprentice, even when two arrive at once; another request after a decline", async () => {
    const { apprentice } = await failed();
    const results = await Promise.allSettled([request(apprentice.id), request(apprentice.id, {}, w.providerAdmin)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.fieldErrors).toEqual({ form: "A resit or retake request for this apprentice is already waiting for the EPAO's decision" });
    const open = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value;

    expect(await problem(decideResit(w.epaoStaff, { requestId: open.id, decision: "decline" }))).toEqual({
      declineReason: "Enter the reason for declining the request",
    });
    const declined = await decideResit(w.epaoStaff, {
      requestId: open.id,
      decision: "decline",
      declineReason: "The apprentice must complete further learning: ask for a retake",
    });
    expect(declined).toMatchObject({
      request: { status: "declined", declineReason: "The apprentice must complete further learning: ask for a retake" },
      newAttempt: null,
    });
    expect((await apprenticeRow(apprentice.id)).status).toBe("graded");
    expect(await attemptsOf(apprentice.id)).toHaveLength(1);
    await expect(decideResit(w.epaoStaff, { requestId: open.id, decision: "approve" })).rejects.toBeInstanceOf(ConflictError);
    await expect(request(apprentice.id, { kind: "retake" })).resolves.toMatchObject({ status: "requested", kind: "retake" });
    const rows = await db().select().from(resitRequests).where(eq(resitRequests.apprenticeId, apprentice.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["declined", "requested"]);
  });

  it("other organisations and the wrong roles can neither request nor decide", async () => {
    const { apprentice } = await failed();
    await expect(request(apprentice.id, {}, w.otherProviderAdmin)).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.epaoStaff, w.assessor]) await expect(request(apprentice.id, {}, actor)).rejects.toBeInstanceOf(ForbiddenError);
    const req = await request(apprentice.id);
    await expect(decideResit(w.otherEpaoAdmin, { requestId: req.id, decision: "approve" })).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [w.providerAdmin, w.assessor])
      await expect(decideResit(actor, { requestId: req.id, decision: "approve" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assessmentOverview(w.otherEpaoAdmin, apprentice.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db().select().from(resitRequests).where(eq(resitRequests.id, req.id)))[0]!.status).toBe("requested");
    const overview = await assessmentOverview(w.epaoStaff, apprentice.id);
    expect(overview.can.decideResit).toEqual({ ok: true });
  });

  it("an approval is refused when the grade changed after the request (unlocked and passed)", async () => {
    const { apprentice } = await failed();
    const req = await request(apprentice.id);
    const attempt = await currentAttempt(apprentice.id);
    await unlockGrade(w.epaoAdmin, { attemptId: attempt.id, version: attempt.version, target: s.component("KT").id, reason: "Knowledge test was re-marked" });
    await recordGrades(w, apprentice.id, { KT: "Pass" }, { standard: s });
    await confirmCurrent(w, apprentice.id);
    expect(await problem(decideResit(w.epaoStaff, { requestId: req.id, decision: "approve" }))).toEqual({
      form: expect.stringContaining("The grade has changed since the request was made"),
    });
    await expect(
      decideResit(w.epaoStaff, { requestId: req.id, decision: "decline", declineReason: "The knowledge test was re-marked as a pass" }),
    ).resolves.toMatchObject({ request: { status: "declined" } });
  });
});
