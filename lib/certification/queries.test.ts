import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appeals, apprentices, assessmentAttempts, auditEvents, certificateClaims, jobs } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  CERT_NOW,
  claimOf,
  claimRunRow,
  confirmedRecord,
  confirmedRecords,
  createCertificationWorld,
  setupCertificationWorld,
  simClientFactory,
  setupClaimsSimulator,
} from "@/tests/support/certification";
import { refreshClaim } from "./claims";
import { runClaimsNow } from "./jobs";
import {
  certificationErrors,
  certificationErrorsCsv,
  claimRuns,
  providerCertification,
  requeueClaim,
  runCalls,
  upcomingClaims,
  UPCOMING_PAGE_SIZE,
} from "./queries";
import { runClaims } from "./runner";

const ctx = setupClaimsSimulator();

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
const refresh = (apprenticeId: string) => db().transaction((tx) => refreshClaim(tx, apprenticeId, "2026-11-24", { now: CERT_NOW }));

async function failClaim(apprenticeId: string, message: string, firstErrorAt: Date) {
  await refresh(apprenticeId);
  await db()
    .update(certificateClaims)
    .set({ state: "error", lastError: message, firstErrorAt, lastErrorAt: CERT_NOW, attempts: 2 })
    .where(eq(certificateClaims.apprenticeId, apprenticeId));
}

describe("upcoming claims", () => {
  const world = setupCertificationWorld(ctx);

  it("lists the EPAO's records by claim date with days left and state, paused ones separately", async () => {
    const soon = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-20T10:00:00Z") }); // 27 Nov, no run yet
    const later = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-16T10:00:00Z") }); // 14 Dec
    await refresh(later.id);
    const failing = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-10T10:00:00Z") }); // 17 Nov, in error
    await failClaim(failing.id, "ULN, FamilyName and Standard not found.", CERT_NOW);
    const appealed = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-16T10:00:00Z") });
    const [attempt] = await db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, appealed.id));
    await db()
      .insert(appeals)
      .values({ apprenticeId: appealed.id, attemptId: attempt!.id, grounds: "g", lodgedAt: at("2026-11-18T10:00:00Z") });
    const claimed = await confirmedRecord(world, null, { grade: "Distinction", confirmedAt: at("2026-11-10T10:00:00Z") });
    await refresh(claimed.id);
    await db()
      .update(certificateClaims)
      .set({ state: "claimed", certificateReference: `Q${claimed.id.slice(0, 8)}` })
      .where(eq(certificateClaims.apprenticeId, claimed.id));
    await confirmedRecord(world, null, { grade: "Fail" });
    const withdrawn = await confirmedRecord(world, null, { grade: "Distinction" });
    await db().update(apprentices).set({ status: "withdrawn", withdrawnDate: "2026-11-20", withdrawalReason: "Other" }).where(eq(apprentices.id, withdrawn.id));

    const list = await upcomingClaims(world.epaoStaff, { now: CERT_NOW });
    expect(list).toMatchObject({ total: 3, page: 1, pages: 1, pageSize: UPCOMING_PAGE_SIZE });
    expect(list.rows.map((r) => [r.apprenticeId, r.claimDate, r.daysLeft, r.state, r.grade])).toEqual([
      [failing.id, "2026-11-17", 0, "error", "Distinction"],
      [soon.id, "2026-11-27", 3, "pending", "Distinction"],
      [later.id, "2026-12-14", 20, "queued", "Pass"],
    ]);
    expect(list.rows[0]).toMatchObject({
      lastError: "ULN, FamilyName and Standard not found.",
      uln: failing.uln,
      employerName: "Acme Engineering Ltd",
      highestGrade: true,
    });
    expect(list.paused).toEqual([
      expect.objectContaining({ apprenticeId: appealed.id, reason: "appeal", label: "An appeal is open", since: "2026-11-18", remainingDays: 18 }),
    ]);

    // Pages of 50.
    await confirmedRecords(world, null, 50, { grade: "Pass", confirmedAt: at("2026-11-23T10:00:00Z") });
    const page2 = await upcomingClaims(world.epaoAdmin, { page: 2, now: CERT_NOW });
    expect(page2).toMatchObject({ total: 53, page: 2, pages: 2 });
    expect(page2.rows).toHaveLength(3);
    expect(page2.rows.every((r) => r.claimDate === "2026-12-21")).toBe(true);
  });

  it("shows nothing of another EPAO, and is for EPAO users only", async () => {
    expect(await upcomingClaims(world.otherEpaoAdmin, { now: CERT_NOW })).toMatchObject({ rows: [], total: 0, paused: [] });
    await expect(upcomingClaims(world.providerAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(upcomingClaims(world.assessor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("errors report", () => {
  it("lists errors oldest first with ESFA's message, age against the 7-day target and attempts; filters; CSV", async () => {
    const world = await createCertificationWorld(ctx.sim);
    const [old, recent, fresh] = await confirmedRecords(world, null, 3);
    await failClaim(old!.id, "Cannot find apprentice with the specified Uln, FamilyName & Standard", new Date(CERT_NOW.getTime() - 10 * DAY));
    await failClaim(recent!.id, "Provide a valid UK postcode", new Date(CERT_NOW.getTime() - 3 * DAY));
    await failClaim(fresh!.id, 'Add a postal address for =HYPERLINK("x") or for this apprentice', CERT_NOW);

    const all = await certificationErrors(world.epaoStaff, {}, CERT_NOW);
    expect(all.map((r) => [r.apprenticeId, r.ageDays, r.overTarget, r.attempts])).toEqual([
      [old!.id, 10, true, 2],
      [recent!.id, 3, false, 2],
      [fresh!.id, 0, false, 2],
    ]);
    expect(all[0]).toMatchObject({
      message: "Cannot find apprentice with the specified Uln, FamilyName & Standard",
      employerName: "Acme Engineering Ltd",
      uln: old!.uln,
    });
    expect((await certificationErrors(world.epaoStaff, { ageOver: 7 }, CERT_NOW)).map((r) => r.apprenticeId)).toEqual([old!.id]);
    expect((await certificationErrors(world.epaoStaff, { search: recent!.familyName.toUpperCase() }, CERT_NOW)).map((r) => r.apprenticeId)).toEqual([
      recent!.id,
    ]);
    expect((await certificationErrors(world.epaoStaff, { search: "postcode" }, CERT_NOW)).map((r) => r.apprenticeId)).toEqual([recent!.id]);
    expect(await certificationErrors(world.epaoStaff, { search: "100%_" }, CERT_NOW)).toEqual([]);

    const csv = await certificationErrorsCsv(world.epaoAdmin, {}, CERT_NOW);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("ULN,Given names,Family name,Employer,Standard,ESFA message,First error,Age (days),Over 7-day target,Attempts,Claim date");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${old!.uln},Amira,${old!.familyName},Acme Engineering Ltd,`);
    expect(lines[1]).toContain(",10,Yes,2,2026-11-17");
    expect(lines[3]).toContain('"Add a postal address for =HYPERLINK(""x"") or for this apprentice"');

    expect(await certificationErrors(world.otherEpaoAdmin, {}, CERT_NOW)).toEqual([]);
    await expect(certificationErrors(world.providerAdmin)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("runs and their ESFA calls", () => {
  it("run now: the EPAO sees its runs with the result and each run's calls; other EPAOs see neither", async () => {
    const world = await createCertificationWorld(ctx.sim);
    const [record] = await confirmedRecords(world, ctx.sim, 1);
    const job = await runClaimsNow(world.epaoStaff, { clientFactory: simClientFactory(ctx.sim), now: () => CERT_NOW });
    expect(job).toMatchObject({
      kind: "esfa.claims",
      status: "succeeded",
      organisationId: world.epao.id,
      requestedBy: "Sam Staff (EPAO staff)",
      payload: { epaoId: world.epao.id },
    });
    expect(await claimOf(record!.id)).toMatchObject({ state: "claimed", runId: job.id });

    const runs = await claimRuns(world.epaoAdmin);
    expect(runs[0]).toMatchObject({ id: job.id, status: "succeeded", requestedBy: "Sam Staff (EPAO staff)" });
    expect(runs[0]!.result).toMatchObject({
      code: world.epao.code,
      claims: { outcome: "completed", claimed: 1, created: 1 },
      statuses: { outcome: "completed", checked: 1 },
    });
    const calls = await runCalls(world.epaoAdmin, job.id);
    expect(calls.map((c) => `${c.path} ${c.status}`)).toEqual([
      "GET /api/v1/certificate/{uln}/{familyName}/{standard} 204",
      "POST /api/v1/certificate 200",
      "POST /api/v1/certificate/submit 200",
      "GET /api/v1/certificate/{uln}/{familyName}/{standard} 200",
    ]);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, world.epao.id), eq(auditEvents.action, "certificate.run_now")));
    expect(audit).toHaveLength(1);

    // A scheduled run (no organisation) shows to each EPAO its own part only.
    const scheduled = await claimRunRow(null);
    const part = await runClaims({ epaoId: world.epao.id, runId: scheduled, now: CERT_NOW, clientFactory: simClientFactory(ctx.sim) });
    await db()
      .update(jobs)
      .set({ status: "succeeded", result: { today: "2026-11-24", epaos: { [world.epao.id]: { code: world.epao.code, claims: part, statuses: null } } } })
      .where(eq(jobs.id, scheduled));
    const withScheduled = await claimRuns(world.epaoStaff);
    expect(withScheduled.map((r) => r.id)).toContain(scheduled);

    expect((await claimRuns(world.otherEpaoAdmin)).map((r) => r.id)).not.toContain(job.id);
    expect((await claimRuns(world.otherEpaoAdmin)).map((r) => r.id)).not.toContain(scheduled);
    await expect(runCalls(world.otherEpaoAdmin, job.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runCalls(world.otherEpaoAdmin, scheduled)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runCalls(world.epaoAdmin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(claimRuns(world.assessor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runClaimsNow(world.providerAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runClaimsNow(world.assessor)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("run now says when claims are off", async () => {
    const world = await createCertificationWorld(ctx.sim, { key: false });
    const job = await runClaimsNow(world.epaoAdmin, { clientFactory: simClientFactory(ctx.sim), now: () => CERT_NOW });
    expect(job.status).toBe("succeeded");
    const [run] = await claimRuns(world.epaoAdmin);
    expect(run!.result).toMatchObject({ claims: { outcome: "claims_off" }, statuses: null });
    expect(run!.result!.claims!.message).toMatch(/^Claims are off: no ESFA API key/);
  });
});

describe("provider view and requeue", () => {
  it("a provider sees its own apprentices' claims (date, state, reference, error) and no one else's", async () => {
    const world = await createCertificationWorld(ctx.sim);
    const queued = await confirmedRecord(world, null, { grade: "Pass", confirmedAt: at("2026-11-16T10:00:00Z") });
    await refresh(queued.id);
    const failing = await confirmedRecord(world, null);
    await failClaim(failing.id, "Provide a valid UK postcode", CERT_NOW);
    const rows = await providerCertification(world.providerUser);
    const mine = rows.filter((r) => [queued.id, failing.id].includes(r.apprenticeId));
    expect(mine).toEqual([
      expect.objectContaining({ apprenticeId: queued.id, claimDate: "2026-12-14", state: "queued", error: null, certificateReference: null }),
      expect.objectContaining({ apprenticeId: failing.id, claimDate: "2026-11-17", state: "error", error: "Provide a valid UK postcode" }),
    ]);
    expect(rows).toHaveLength(2);
    expect((await providerCertification(world.otherProviderAdmin)).filter((r) => [queued.id, failing.id].includes(r.apprenticeId))).toEqual([]);
    await expect(providerCertification(world.epaoAdmin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the EPAO puts a failed claim back in the queue; not another EPAO's, not a claimed one", async () => {
    const world = await createCertificationWorld(ctx.sim);
    const record = await confirmedRecord(world, null);
    await failClaim(record.id, "Cannot find apprentice with the specified Uln, FamilyName & Standard", CERT_NOW);

    await expect(requeueClaim(world.otherEpaoAdmin, { apprenticeId: record.id }, CERT_NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requeueClaim(world.epaoAdmin, { apprenticeId: "nope" }, CERT_NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requeueClaim(world.providerAdmin, { apprenticeId: record.id }, CERT_NOW)).rejects.toBeInstanceOf(ForbiddenError);

    const requeued = await requeueClaim(world.epaoStaff, { apprenticeId: record.id }, CERT_NOW);
    expect(requeued).toMatchObject({ state: "queued", recordVersion: record.version });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, record.id), eq(auditEvents.action, "certificate.claim_requeued"), eq(auditEvents.actorUserId, world.epaoStaff.userId)),
      );
    expect(event!.summary).toContain("last error: Cannot find apprentice");

    await db()
      .update(certificateClaims)
      .set({ state: "claimed", certificateReference: `R${record.id.slice(0, 8)}` })
      .where(eq(certificateClaims.apprenticeId, record.id));
    await expect(requeueClaim(world.epaoStaff, { apprenticeId: record.id }, CERT_NOW)).rejects.toBeInstanceOf(ValidationError);
    const none = await confirmedRecord(world, null, { grade: "Fail" });
    await expect(requeueClaim(world.epaoStaff, { apprenticeId: none.id }, CERT_NOW)).rejects.toThrow("There is no certificate claim to retry for this record.");
  });
});
