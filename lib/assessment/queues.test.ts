import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessmentAttempts } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import {
  confirmCurrent,
  createApprenticeInEpa,
  createAssessmentWorld,
  setupAssessmentWorld,
  currentAttempt,
  gradedApprentice,
  insertGrades,
  recordGrades,
} from "@/tests/support/assessment";
import { createUser } from "@/tests/support/factories";
import { lodgeAppeal } from "./appeals";
import { confirmOverallGrades } from "./grading";
import { assessorWorklist, epaoGradingQueues } from "./queues";
import { decideResit, requestResit } from "./resits";

const w = setupAssessmentWorld(["ST0119"]);

async function setConfirmedAt(apprenticeId: string, at: Date) {
  const attempt = await currentAttempt(apprenticeId);
  await db().update(assessmentAttempts).set({ confirmedAt: at }).where(eq(assessmentAttempts.id, attempt.id));
}

describe("assessorWorklist", () => {
  let names: Record<string, string>;
  let previousMonth: Date;
  beforeAll(async () => {
    const adams = await createApprenticeInEpa(w, { familyName: "Adams" });
    const baker = await createApprenticeInEpa(w, { familyName: "baker" });
    await recordGrades(w, baker.apprentice.id, { PRJ: "Distinction", PD: "Pass" });
    const carter = await gradedApprentice(w, { PRJ: "Pass", PD: "Pass" }, { familyName: "Carter" });
    const davies = await createApprenticeInEpa(w, { familyName: "Davies", status: "in_training" });
    const evans = await createApprenticeInEpa(w, { familyName: "Evans", status: "withdrawn" });
    const foster = await gradedApprentice(w, { PRJ: "Fail", PD: "Pass" }, { familyName: "Foster" });
    const green = await createApprenticeInEpa(w, { familyName: "Green", assessor: w.otherAssessor });
    // Foster was confirmed in the previous calendar month.
    const now = new Date();
    previousMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 12));
    await setConfirmedAt(foster.apprentice.id, previousMonth);
    names = Object.fromEntries([adams, baker, carter, davies, evans, foster, green].map((r) => [r.apprentice.id, r.apprentice.familyName]));
  });
  const familyNames = (rows: { id: string }[]) => rows.map((r) => names[r.id]);

  it("lists the assessor's records by family name (any case), with the count of every view", async () => {
    const assigned = await assessorWorklist(w.assessor, { view: "assigned" });
    expect(familyNames(assigned.rows)).toEqual(["Adams", "baker", "Carter", "Davies", "Foster"]);
    expect(assigned).toMatchObject({
      view: "assigned",
      page: 1,
      perPage: 25,
      total: 5,
      totalPages: 1,
      counts: { assigned: 5, awaiting: 2, "graded-this-month": 1 },
    });
    const baker = assigned.rows[1]!;
    expect(baker).toMatchObject({
      status: "epa",
      standard: { reference: w.standard.reference },
      providerName: w.provider.name,
      attempt: { number: 1, graded: 2, components: 2, provisional: "Merit", overallGrade: null },
    });
    expect(assigned.rows[0]!.attempt).toMatchObject({ graded: 0, provisional: null });
    expect(assigned.rows[2]!.attempt).toMatchObject({ overallGrade: "Pass", provisional: null });

    expect(familyNames((await assessorWorklist(w.assessor, { view: "awaiting" })).rows)).toEqual(["Adams", "baker"]);
    expect(familyNames((await assessorWorklist(w.assessor, { view: "graded-this-month" })).rows)).toEqual(["Carter"]);
    const lastMonth = await assessorWorklist(w.assessor, { view: "graded-this-month" }, previousMonth);
    expect(familyNames(lastMonth.rows)).toEqual(["Foster"]);
  });

  it("pages through a view", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => assessorWorklist(w.assessor, { view: "assigned", page, perPage: 2 })));
    expect(pages.map((p) => familyNames(p.rows))).toEqual([["Adams", "baker"], ["Carter", "Davies"], ["Foster"]]);
    expect(pages[0]).toMatchObject({ total: 5, totalPages: 3 });
    // Nonsense query values fall back to the defaults.
    expect(await assessorWorklist(w.assessor, { view: "everything", page: "-3", perPage: "5000" })).toMatchObject({ view: "assigned", page: 1, perPage: 25 });
  });

  it("counts a grade confirmed late on the last evening of a month (BST) in the next month, London time", async () => {
    const assessor = await createUser(w.epao, "assessor");
    const late = await createApprenticeInEpa(w, { familyName: "Hughes", assessor });
    await recordGrades(w, late.apprentice.id, { PRJ: "Pass", PD: "Pass" }, { assessor });
    await confirmCurrent(w, late.apprentice.id);
    await setConfirmedAt(late.apprentice.id, new Date("2026-07-31T23:30:00Z"));
    const gradedIn = async (now: string) => (await assessorWorklist(assessor, { view: "graded-this-month" }, new Date(now))).rows.map((r) => r.familyName);
    expect(await gradedIn("2026-08-20T10:00:00Z")).toEqual(["Hughes"]);
    expect(await gradedIn("2026-07-20T10:00:00Z")).toEqual([]);
    expect(await gradedIn("2026-08-01T00:10:00+01:00")).toEqual(["Hughes"]);
  });

  it("is the assessor's own: another assessor sees only theirs; EPAO and provider users have no worklist", async () => {
    const other = await assessorWorklist(w.otherAssessor, { view: "assigned" });
    expect(familyNames(other.rows)).toEqual(["Green"]);
    expect((await assessorWorklist(w.foreignAssessor, { view: "assigned" })).total).toBe(0);
    for (const actor of [w.epaoStaff, w.epaoAdmin, w.providerAdmin]) await expect(assessorWorklist(actor, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("epaoGradingQueues", () => {
  it("lists provisional grades ready to confirm, open resit requests and open appeals, each with a count; other EPAOs see none", async () => {
    const q = await createAssessmentWorld(["ST0119"]);
    const ready = await createApprenticeInEpa(q, { familyName: "Ready" });
    await recordGrades(q, ready.apprentice.id, { PRJ: "Pass", PD: "Distinction" });
    const partial = await createApprenticeInEpa(q, { familyName: "Partial" });
    await recordGrades(q, partial.apprentice.id, { PRJ: "Pass" });
    await createApprenticeInEpa(q, { familyName: "Ungraded" });
    const onBreak = await createApprenticeInEpa(q, { familyName: "Onbreak", status: "on_break" });
    await insertGrades([onBreak.attempt.id], q.standard, { PRJ: "Pass", PD: "Pass" });
    const appealed = await gradedApprentice(q, { PRJ: "Distinction", PD: "Pass" }, { familyName: "Appealed" });
    const appeal = await lodgeAppeal(q.providerUser, {
      apprenticeId: appealed.apprentice.id,
      grounds: "The project evidence was not considered in full",
      lodgedOnBehalfOfApprentice: false,
    });
    const resat = await gradedApprentice(q, { PRJ: "Fail", PD: "Pass" }, { familyName: "Resat" });
    const request = await requestResit(q.providerUser, {
      apprenticeId: resat.apprentice.id,
      kind: "resit",
      components: ["PRJ"],
      reason: "Project report rewritten",
    });
    const waiting = await gradedApprentice(q, { PRJ: "Fail", PD: "Fail" }, { familyName: "Waiting" });
    const open = await requestResit(q.providerAdmin, {
      apprenticeId: waiting.apprentice.id,
      kind: "retake",
      components: ["PRJ", "PD"],
      reason: "Further learning completed",
    });

    let queues = await epaoGradingQueues(q.epaoStaff);
    expect(queues.toConfirm.total).toBe(1);
    expect(queues.toConfirm.rows).toEqual([
      expect.objectContaining({
        apprenticeId: ready.apprentice.id,
        familyName: "Ready",
        attemptId: ready.attempt.id,
        attemptNumber: 1,
        version: 3,
        provisional: "Merit",
        standard: expect.objectContaining({ reference: q.standard.reference }),
        providerName: q.provider.name,
      }),
    ]);
    expect(queues.resitRequests.total).toBe(2);
    expect(queues.resitRequests.rows.map((r) => [r.id, r.familyName, r.kind, r.components, r.attemptNumber])).toEqual([
      [request.id, "Resat", "resit", ["PRJ"], 1],
      [open.id, "Waiting", "retake", ["PRJ", "PD"], 1],
    ]);
    expect(queues.appeals).toEqual({
      total: 1,
      rows: [expect.objectContaining({ id: appeal.id, familyName: "Appealed", grade: "Merit", attemptNumber: 1, lodgedOnBehalfOfApprentice: false })],
    });

    // An approved resit: the new attempt is ready once the re-assessed component is graded (the other carried over).
    await decideResit(q.epaoStaff, { requestId: request.id, decision: "approve" });
    queues = await epaoGradingQueues(q.epaoAdmin);
    expect(queues.toConfirm.rows.map((r) => r.familyName)).toEqual(["Ready"]);
    expect(queues.resitRequests.total).toBe(1);
    await recordGrades(q, resat.apprentice.id, { PRJ: "Distinction" });
    queues = await epaoGradingQueues(q.epaoAdmin);
    expect(queues.toConfirm.rows.map((r) => [r.familyName, r.attemptNumber, r.provisional])).toEqual([
      ["Ready", 1, "Merit"],
      ["Resat", 2, "Merit"],
    ]);

    // The queue's rows confirm in bulk as they are.
    const results = await confirmOverallGrades(q.epaoStaff, { items: queues.toConfirm.rows.map((r) => ({ attemptId: r.attemptId, version: r.version })) });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await epaoGradingQueues(q.epaoStaff)).toConfirm).toEqual({ total: 0, rows: [] });

    expect(await epaoGradingQueues(q.otherEpaoAdmin)).toEqual({
      toConfirm: { total: 0, rows: [] },
      resitRequests: { total: 0, rows: [] },
      appeals: { total: 0, rows: [] },
    });
    for (const actor of [q.assessor, q.providerAdmin]) await expect(epaoGradingQueues(actor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
