import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  appeals,
  apprenticePostalContacts,
  apprentices,
  assessmentAttempts,
  auditEvents,
  certificateClaims,
  epaoCertificationSettings,
  resitRequests,
} from "@/db/schema";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import {
  addPostalContact,
  CERT_NOW,
  claimOf,
  confirmedRecord,
  createCertificationWorld,
  setupCertificationWorld,
  setupClaimsSimulator,
  storeEsfaKey,
} from "@/tests/support/certification";
import { claimOverview, evaluateClaim, refreshClaim } from "./claims";
import { DEFAULT_COUNTDOWN } from "./countdown";

const ctx = setupClaimsSimulator();
const world = setupCertificationWorld(ctx);

const refresh = (apprenticeId: string, today = "2026-11-24") => db().transaction((tx) => refreshClaim(tx, apprenticeId, today, { now: CERT_NOW }));
const at = (iso: string) => new Date(iso);

async function lodgeAppeal(apprenticeId: string, lodgedAt: Date) {
  const [attempt] = await db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, apprenticeId));
  const [appeal] = await db().insert(appeals).values({ apprenticeId, attemptId: attempt!.id, grounds: "Marking", lodgedAt, status: "open" }).returning();
  return appeal!;
}

describe("claim dates (refreshClaim)", () => {
  it("claims the highest grade 7 calendar days after confirmation, other grades after 20 working days", async () => {
    const distinction = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") });
    const pass = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-20T10:00:00Z") });
    const merit = await confirmedRecord(world, null, { grade: "Merit", confirmedAt: at("2026-11-20T23:30:00Z") }); // 21 Nov in England (GMT): a Saturday

    expect((await refresh(distinction.id)).outcome).toBe("created");
    expect(await claimOf(distinction.id)).toMatchObject({
      state: "queued",
      claimDate: "2026-11-27",
      recordVersion: distinction.version,
      epaoId: world.epao.id,
    });
    await refresh(pass.id);
    expect(await claimOf(pass.id)).toMatchObject({ state: "queued", claimDate: "2026-12-18" });
    await refresh(merit.id);
    expect(await claimOf(merit.id)).toMatchObject({ state: "queued", claimDate: "2026-12-18" });

    // Refreshing again changes nothing, and the record's timeline says when it will be claimed.
    expect((await refresh(distinction.id)).outcome).toBe("unchanged");
    const timeline = await db().select().from(auditEvents).where(eq(auditEvents.entityId, distinction.id));
    expect(timeline.map((e) => e.action)).toEqual(["certificate.claim_scheduled"]);
    expect(timeline[0]!.summary).toContain("27 November 2026");
  });

  it("pauses for an open appeal (the claim is cancelled) and resumes where it stopped once decided", async () => {
    const pass = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(pass.id);
    const appeal = await lodgeAppeal(pass.id, at("2026-11-25T12:00:00Z"));

    expect((await refresh(pass.id, "2026-11-26")).outcome).toBe("cancelled");
    const paused = await claimOf(pass.id);
    expect(paused).toMatchObject({ state: "cancelled", claimDate: "2026-12-18" });
    expect((await refresh(pass.id, "2026-11-27")).outcome).toBe("none");

    // Decided on Monday 30 November: 3 working days had passed, the other 17 count from then.
    await db()
      .update(appeals)
      .set({ status: "not_upheld", decidedAt: at("2026-11-30T15:00:00Z") })
      .where(eq(appeals.id, appeal.id));
    expect((await refresh(pass.id, "2026-11-30")).outcome).toBe("requeued");
    expect(await claimOf(pass.id)).toMatchObject({ id: paused!.id, state: "queued", claimDate: "2026-12-23" });
  });

  it("pauses for a resit request and a break in learning; a withdrawal, an unlocked grade or a Fail cancel", async () => {
    const resit = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(resit.id);
    const [attempt] = await db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, resit.id));
    await db()
      .insert(resitRequests)
      .values({ apprenticeId: resit.id, attemptId: attempt!.id, kind: "resit", components: ["PRJ"], reason: "r", requestedAt: at("2026-11-23T10:00:00Z") });
    const result = await refresh(resit.id);
    expect(result.outcome).toBe("cancelled");
    expect(result.context?.evaluation).toMatchObject({
      kind: "countdown",
      countdown: { status: "paused", reason: "resit_request", since: "2026-11-23", remaining: 19 },
    });

    const onBreak = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(onBreak.id);
    await db().update(apprentices).set({ status: "on_break", statusBeforeBreak: "graded", breakStartDate: "2026-11-22" }).where(eq(apprentices.id, onBreak.id));
    expect((await refresh(onBreak.id)).context?.evaluation).toMatchObject({ countdown: { status: "paused", reason: "break", remaining: 5 } });
    expect(await claimOf(onBreak.id)).toMatchObject({ state: "cancelled" });

    const withdrawn = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(withdrawn.id);
    await db().update(apprentices).set({ status: "withdrawn", withdrawnDate: "2026-11-23", withdrawalReason: "Other" }).where(eq(apprentices.id, withdrawn.id));
    expect((await refresh(withdrawn.id)).outcome).toBe("cancelled");

    const unlocked = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(unlocked.id);
    await db().update(assessmentAttempts).set({ overallGrade: null, confirmedAt: null }).where(eq(assessmentAttempts.apprenticeId, unlocked.id));
    expect((await refresh(unlocked.id)).outcome).toBe("cancelled");

    const fail = await confirmedRecord(world, null, { grade: "Fail", confirmedAt: at("2026-11-20T10:00:00Z") });
    expect(await refresh(fail.id)).toMatchObject({ outcome: "none", context: { evaluation: { kind: "none", reason: "not_claimable" } } });
    expect(await claimOf(fail.id)).toBeNull();
  });

  it("keeps a claimed claim as it is, requeues an error claim once the record changed, and uses the EPAO's settings", async () => {
    const claimed = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-10-01T10:00:00Z") });
    await refresh(claimed.id);
    await db()
      .update(certificateClaims)
      .set({ state: "claimed", certificateReference: `T${claimed.id.slice(0, 8)}`, certificateStatus: "Submitted" })
      .where(eq(certificateClaims.apprenticeId, claimed.id));
    await lodgeAppeal(claimed.id, at("2026-11-23T10:00:00Z"));
    expect((await refresh(claimed.id)).outcome).toBe("kept");
    expect(await claimOf(claimed.id)).toMatchObject({ state: "claimed", certificateStatus: "Submitted" });

    const failing = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-10-01T10:00:00Z") });
    await refresh(failing.id);
    await db()
      .update(certificateClaims)
      .set({ state: "error", lastError: "ULN, FamilyName and Standard not found.", firstErrorAt: CERT_NOW })
      .where(eq(certificateClaims.apprenticeId, failing.id));
    expect((await refresh(failing.id)).outcome).toBe("unchanged");
    await db()
      .update(apprentices)
      .set({ familyName: "Fixed", version: failing.version + 1 })
      .where(eq(apprentices.id, failing.id));
    expect((await refresh(failing.id)).outcome).toBe("requeued");
    expect(await claimOf(failing.id)).toMatchObject({
      state: "queued",
      recordVersion: failing.version + 1,
      lastError: "ULN, FamilyName and Standard not found.",
    });

    // Another EPAO counting 3 working days for the highest grade.
    const own = await createCertificationWorld(ctx.sim);
    await db().insert(epaoCertificationSettings).values({ epaoId: own.epao.id, highestGradeDays: 3, highestGradeMode: "working" });
    const quick = await confirmedRecord(own, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") });
    await refresh(quick.id);
    expect(await claimOf(quick.id)).toMatchObject({ claimDate: "2026-11-25" });
  });

  it("evaluates a record without touching the database (pure)", () => {
    const attempt = { id: "a", overallGrade: "Pass with excellence", confirmedAt: at("2026-11-20T10:00:00Z"), achievementDate: "2026-11-18" };
    const base = {
      apprentice: { status: "graded" as const, breakStartDate: null },
      standard: { overallGrades: ["Fail", "Pass", "Pass with excellence"] },
      appeals: [],
      resits: [],
      settings: DEFAULT_COUNTDOWN,
      today: "2026-11-24",
    };
    expect(evaluateClaim({ ...base, attempt })).toMatchObject({
      kind: "countdown",
      grade: "Pass with excellence",
      highest: true,
      achievementDate: "2026-11-18",
      countdown: { claimDate: "2026-11-27" },
    });
    // An appeal lodged before this confirmation (e.g. against an earlier grade) does not pause it.
    expect(evaluateClaim({ ...base, attempt, appeals: [{ lodgedAt: at("2026-11-01T10:00:00Z"), decidedAt: null }] })).toMatchObject({
      countdown: { status: "counting" },
    });
    expect(evaluateClaim({ ...base, attempt: null })).toMatchObject({ kind: "none", reason: "no_attempt" });
  });
});

describe("claimOverview (record page)", () => {
  it("shows claim date, days left, consent, address and why claims are off, to those who can see the record", async () => {
    const record = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z"), consent: false });
    await refresh(record.id);
    const overview = await claimOverview(world.epaoStaff, record.id, CERT_NOW);
    expect(overview).toMatchObject({
      grade: "Distinction",
      highestGrade: true,
      confirmedOn: "2026-11-20",
      claimDate: "2026-11-27",
      daysLeft: 3,
      paused: null,
      state: "queued",
      certificateReference: null,
      claimedManually: false,
      hasConsent: false,
      hasPostalAddress: true,
      claimsOff: null,
    });
    for (const actor of [world.providerAdmin, world.providerUser, world.assessor, world.epaoAdmin]) {
      expect(await claimOverview(actor, record.id, CERT_NOW)).toMatchObject({ claimDate: "2026-11-27", state: "queued" });
    }
    for (const actor of [world.otherEpaoAdmin, world.otherProviderAdmin, world.foreignAssessor, world.otherAssessor]) {
      await expect(claimOverview(actor, record.id, CERT_NOW)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("says when it is paused, when there is no address, and when there is no key or ESFA rejected it", async () => {
    const other = await createCertificationWorld(ctx.sim, { key: false, postal: false });
    const record = await confirmedRecord(other, null, { grade: "Pass", confirmedAt: at("2026-11-20T10:00:00Z") });
    await lodgeAppeal(record.id, at("2026-11-23T10:00:00Z"));
    let overview = await claimOverview(other.epaoAdmin, record.id, CERT_NOW);
    expect(overview).toMatchObject({
      claimDate: null,
      daysLeft: null,
      paused: { reason: "appeal", label: "An appeal is open", since: "2026-11-23", remainingDays: 19 },
      hasPostalAddress: false,
      state: null,
    });
    expect(overview.claimsOff).toMatch(/No ESFA API key/);

    await storeEsfaKey(other.epao.id, other.key, "rejected");
    overview = await claimOverview(other.providerAdmin, record.id, CERT_NOW);
    expect(overview.claimsOff).toMatch(/ESFA rejected the EPAO's API key \(ending /);

    // The apprentice's own address counts as much as the employer's.
    await db()
      .insert(apprenticePostalContacts)
      .values({ apprenticeId: record.id, contactName: "A", organisation: "Home", addressLine1: "2 Low Road", city: "York", postcode: "YO1 7HH" });
    expect((await claimOverview(other.epaoStaff, record.id, CERT_NOW)).hasPostalAddress).toBe(true);

    const fail = await confirmedRecord(other, null, { grade: "Fail" });
    expect((await claimOverview(other.epaoStaff, fail.id, CERT_NOW)).notClaimable).toMatch(/Fail grade is never sent to ESFA/);
    await addPostalContact(other.epao.id);
  });
});
