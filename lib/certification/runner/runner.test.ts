import { and, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, certificateClaims, esfaApiKeys, esfaCalls } from "@/db/schema";
import { db } from "@/lib/db";
import { createEsfaClient } from "@/lib/esfa/client";
import { ESFA_ENDPOINTS } from "@/lib/esfa/types";
import {
  CERT_NOW,
  certificatesFor,
  claimOf,
  claimRunRow,
  claimsOf,
  confirmedRecord,
  confirmedRecords,
  createCertificationWorld,
  editRecord,
  simClientFactory,
  setupClaimsSimulator,
  storeEsfaKey,
  type CertificationWorld,
} from "@/tests/support/certification";
import { certificationErrors, requeueClaim } from "../queries";
import type { JobRow } from "@/lib/jobs/queue";
import { CLAIMS_JOB } from "../jobs";
import { runClaims, syncStatuses, type RunClaimsInput } from "@/lib/certification/runner";

const ctx = setupClaimsSimulator();
let world: CertificationWorld;
beforeEach(async () => {
  ctx.sim.control.reset();
  ctx.clock.set(CERT_NOW);
  world = await createCertificationWorld(ctx.sim);
});

async function run(overrides: Partial<RunClaimsInput> = {}, w: CertificationWorld = world) {
  const runId = await claimRunRow(w.epao.id);
  const result = await runClaims({ epaoId: w.epao.id, runId, now: CERT_NOW, clientFactory: simClientFactory(ctx.sim), ...overrides });
  return { runId, result };
}

const count = (endpoint: string) => ctx.sim.control.counters().byEndpoint[endpoint] ?? 0;
const ulns = (rows: { uln: string }[]) => rows.map((r) => r.uln);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("claims are off", () => {
  it("without a key, or with a key ESFA rejected, the run stops and says so", async () => {
    const noKey = await createCertificationWorld(ctx.sim, { key: false });
    await confirmedRecord(noKey, ctx.sim);
    const off = await run({}, noKey);
    expect(off.result).toMatchObject({ outcome: "claims_off", claimed: 0, calls: 0 });
    expect(off.result.message).toMatch(/^Claims are off: no ESFA API key/);

    await storeEsfaKey(noKey.epao.id, noKey.key, "rejected");
    expect((await run({}, noKey)).result.message).toMatch(/^Claims are off: ESFA rejected the API key ending/);
    expect(ctx.sim.control.counters().total).toBe(0);
  });
});

describe("claiming", () => {
  it("claims due records: one GET each, then one create and one submit for the batch; not-due records wait", async () => {
    const due = await confirmedRecords(world, ctx.sim, 3, { grade: "Distinction", confirmedAt: new Date("2026-11-16T10:00:00Z") });
    const notDue = await confirmedRecord(world, ctx.sim, { grade: "Pass", confirmedAt: new Date("2026-11-16T10:00:00Z") });
    const { runId, result } = await run();
    expect(result).toMatchObject({ outcome: "completed", refreshed: 4, taken: 3, claimed: 3, claimedManually: 0, created: 3, errors: 0, leftQueued: 0 });
    expect(result.message).toBe("3 certificates claimed, 0 errors.");
    expect(count(ESFA_ENDPOINTS.getCertificate)).toBe(3);
    expect(count(ESFA_ENDPOINTS.createCertificates)).toBe(1);
    expect(count(ESFA_ENDPOINTS.submitCertificates)).toBe(1);

    const claims = await claimsOf(ids(due));
    expect(claims).toHaveLength(3);
    for (const claim of claims) {
      expect(claim).toMatchObject({ state: "claimed", certificateStatus: "Submitted", claimedManually: false, runId, attempts: 1, lockedUntil: null });
      expect(claim.certificateReference).toMatch(/^\d{8}$/);
    }
    const certs = certificatesFor(ctx.sim, ulns(due));
    expect(certs.map((c) => c.certificateReference).sort()).toEqual(claims.map((c) => c.certificateReference).sort());
    expect(certs.every((c) => c.status === "Submitted" && c.overallGrade === "Distinction" && c.source === "api")).toBe(true);
    expect(await claimOf(notDue.id)).toMatchObject({ state: "queued", claimDate: "2026-12-14" });

    // Every ESFA call is logged with the route template: no ULN or name in what is stored.
    const calls = await db().select().from(esfaCalls).where(eq(esfaCalls.runId, runId));
    expect(calls).toHaveLength(5);
    expect(new Set(calls.map((c) => c.path))).toEqual(
      new Set([ESFA_ENDPOINTS.getCertificate, ESFA_ENDPOINTS.createCertificates, ESFA_ENDPOINTS.submitCertificates]),
    );
    expect(calls.every((c) => c.epaoId === world.epao.id && (c.status === 200 || c.status === 204))).toBe(true);
    expect(calls.find((c) => c.path === ESFA_ENDPOINTS.createCertificates)).toMatchObject({ method: "POST", items: 3, attempt: 1, error: null });
    const stored = JSON.stringify(calls);
    for (const r of due) {
      expect(stored).not.toContain(r.uln);
      expect(stored).not.toContain(r.familyName);
    }
    const timeline = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, due[0]!.id), eq(auditEvents.action, "certificate.claimed")));
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ actorLabel: "Certificate claims (ESFA)", organisationId: world.epao.id });

    // A second run has nothing to do.
    ctx.sim.control.resetCounters();
    expect((await run()).result).toMatchObject({ taken: 0, claimed: 0 });
    expect(ctx.sim.control.counters().total).toBe(0);
  });

  it("batches creates and submits: 60 due records → 60 GETs, 3 creates and 3 submits", async () => {
    const due = await confirmedRecords(world, ctx.sim, 60);
    const { result } = await run();
    expect(result).toMatchObject({ taken: 60, claimed: 60, created: 60, errors: 0 });
    expect(count(ESFA_ENDPOINTS.getCertificate)).toBe(60);
    expect(count(ESFA_ENDPOINTS.createCertificates)).toBe(3);
    expect(count(ESFA_ENDPOINTS.submitCertificates)).toBe(3);
    expect(certificatesFor(ctx.sim, ulns(due))).toHaveLength(60);
    expect((await claimsOf(ids(due))).every((c) => c.state === "claimed")).toBe(true);
  });

  it("a family-name mismatch is an error with ESFA's message; fixing the name and requeuing claims it next run", async () => {
    const [mismatch] = await confirmedRecords(world, ctx.sim, 1, { esfaFamilyName: "Smyth" });
    const [autoFixed] = await confirmedRecords(world, ctx.sim, 1, { esfaFamilyName: "Jones" });
    const first = await run();
    expect(first.result).toMatchObject({ taken: 2, claimed: 0, errors: 2, created: 0 });
    expect(count(ESFA_ENDPOINTS.createCertificates)).toBe(0);
    const failed = await claimOf(mismatch!.id);
    expect(failed).toMatchObject({ state: "error", lastError: "Cannot find apprentice with the specified Uln, FamilyName & Standard", attempts: 1 });
    expect(failed!.firstErrorAt?.toISOString()).toBe(CERT_NOW.toISOString());
    const report = await certificationErrors(world.epaoStaff, {}, CERT_NOW);
    expect(report.map((r) => r.apprenticeId).sort()).toEqual([mismatch!.id, autoFixed!.id].sort());

    // Errors are retried on every run (and fail again until fixed), keeping when they first failed.
    const later = new Date(CERT_NOW.getTime() + 86_400_000);
    await run({ now: later });
    expect(await claimOf(mismatch!.id)).toMatchObject({ state: "error", attempts: 2, firstErrorAt: CERT_NOW, lastErrorAt: later });

    await editRecord(mismatch!.id, { familyName: "Smyth" });
    await requeueClaim(world.epaoStaff, { apprenticeId: mismatch!.id }, later);
    expect(await claimOf(mismatch!.id)).toMatchObject({ state: "queued" });
    // The other is only edited: the run's refresh sees the new version and queues it again by itself.
    await editRecord(autoFixed!.id, { familyName: "Jones" });
    const fixed = await run({ now: later });
    expect(fixed.result).toMatchObject({ claimed: 2, errors: 0 });
    expect(await claimOf(mismatch!.id)).toMatchObject({ state: "claimed", claimedManually: false });
    expect(certificatesFor(ctx.sim, [mismatch!.uln, autoFixed!.uln])).toHaveLength(2);
    expect(await certificationErrors(world.epaoStaff, {}, later)).toEqual([]);
  });

  it("without consent or a postal address the claim is an error and ESFA is not called for it", async () => {
    const noConsent = await confirmedRecord(world, ctx.sim, { consent: false });
    const noAddress = await confirmedRecord(world, ctx.sim);
    await editRecord(noAddress.id, { employerName: "Nowhere Ltd" });
    const { result } = await run();
    expect(result).toMatchObject({ taken: 2, errors: 2, claimed: 0 });
    expect(ctx.sim.control.counters().total).toBe(0);
    expect(await claimOf(noConsent.id)).toMatchObject({ state: "error", lastError: "Record the apprentice's permission to claim the certificate" });
    expect(await claimOf(noAddress.id)).toMatchObject({ state: "error", lastError: "Add a postal address for Nowhere Ltd or for this apprentice" });
  });

  it("a certificate claimed by hand in the ESFA service is found: its reference is pulled, nothing is created", async () => {
    const record = await confirmedRecord(world, ctx.sim);
    const manual = ctx.sim.control.claimManually({
      uln: record.uln,
      familyName: record.familyName,
      standardCode: world.standard.larsCode,
      grade: "Distinction",
      achievementDate: "2026-11-10",
    });
    const { result } = await run();
    expect(result).toMatchObject({ claimed: 1, claimedManually: 1, created: 0 });
    expect(result.message).toBe("1 certificate claimed (1 found claimed by hand), 0 errors.");
    expect(count(ESFA_ENDPOINTS.createCertificates)).toBe(0);
    expect(await claimOf(record.id)).toMatchObject({
      state: "claimed",
      certificateReference: manual.certificateReference,
      certificateStatus: "Submitted",
      claimedManually: true,
    });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, record.id), eq(auditEvents.action, "certificate.found_claimed")));
    expect(event!.summary).toContain(manual.certificateReference);
  });
});

describe("never two certificates for one record", () => {
  it("a certificate already on another record (a withdrawn duplicate) is not pulled onto a second one", async () => {
    const [first] = await confirmedRecords(world, ctx.sim, 1);
    await run();
    const reference = (await claimOf(first!.id))!.certificateReference;
    await editRecord(first!.id, { status: "withdrawn", withdrawnDate: "2026-11-20", withdrawalReason: "Other" });
    const [second] = await confirmedRecords(world, ctx.sim, 1, { register: false });
    await editRecord(second!.id, { uln: first!.uln, familyName: first!.familyName });
    const { result } = await run();
    expect(result).toMatchObject({ claimed: 0, errors: 1, created: 0 });
    expect(await claimOf(second!.id)).toMatchObject({
      state: "error",
      lastError: `ESFA's certificate ${reference} for this apprentice is already on another record in Attain`,
    });
    expect(await claimOf(first!.id)).toMatchObject({ state: "claimed", certificateReference: reference });
  });

  it("a crash after ESFA created the certificates but before the commit: the rerun finds them and submits, nothing twice", async () => {
    const due = await confirmedRecords(world, ctx.sim, 5);
    await expect(
      run({
        hooks: {
          afterCreate: () => {
            throw new Error("killed");
          },
        },
      }),
    ).rejects.toThrow("killed");
    // ESFA holds the five drafts; our claims were not committed as claimed.
    expect(certificatesFor(ctx.sim, ulns(due)).map((c) => c.status)).toEqual(Array(5).fill("Draft"));
    expect((await claimsOf(ids(due))).every((c) => c.state === "queued" && c.certificateReference === null)).toBe(true);

    const rerun = await run();
    expect(rerun.result).toMatchObject({ claimed: 5, claimedManually: 0, created: 0, errors: 0 });
    expect(count(ESFA_ENDPOINTS.createCertificates)).toBe(1); // only the first run's
    const certs = certificatesFor(ctx.sim, ulns(due));
    expect(certs).toHaveLength(5);
    expect(certs.every((c) => c.status === "Submitted")).toBe(true);
    const claims = await claimsOf(ids(due));
    expect(claims.every((c) => c.state === "claimed" && !c.claimedManually)).toBe(true);
    expect(claims.map((c) => c.certificateReference).sort()).toEqual(certs.map((c) => c.certificateReference).sort());
  });

  it("a claim left in flight by a dead run is taken again once its lease has expired, not before", async () => {
    const [expired, live] = await confirmedRecords(world, ctx.sim, 2);
    const deadRun = await claimRunRow(world.epao.id);
    await run({ now: new Date("2026-11-01T07:00:00Z") }); // creates the (not yet due) claims
    await db()
      .update(certificateClaims)
      .set({ state: "in_flight", runId: deadRun, lockedUntil: new Date(CERT_NOW.getTime() - 1000) })
      .where(eq(certificateClaims.apprenticeId, expired!.id));
    await db()
      .update(certificateClaims)
      .set({ state: "in_flight", runId: deadRun, lockedUntil: new Date(CERT_NOW.getTime() + 60_000) })
      .where(eq(certificateClaims.apprenticeId, live!.id));
    const { result } = await run();
    expect(result).toMatchObject({ taken: 1, claimed: 1, leftQueued: 1 });
    expect(await claimOf(expired!.id)).toMatchObject({ state: "claimed" });
    expect(await claimOf(live!.id)).toMatchObject({ state: "in_flight", runId: deadRun });
  });

  it("a run whose process died hands its claims back at once (the job's onAbandoned), and the next run claims them", async () => {
    const [held] = await confirmedRecords(world, ctx.sim, 1);
    const deadRun = await claimRunRow(world.epao.id);
    await run({ now: new Date("2026-11-01T07:00:00Z") }); // creates the (not yet due) claim
    await db()
      .update(certificateClaims)
      .set({ state: "in_flight", runId: deadRun, lockedUntil: new Date(CERT_NOW.getTime() + 10 * 60_000) })
      .where(eq(certificateClaims.apprenticeId, held!.id));
    expect((await run()).result).toMatchObject({ taken: 0, leftQueued: 1 });

    // What the job queue calls when it takes the dead run back (lib/jobs/workers.ts reapAbandoned).
    await CLAIMS_JOB.onAbandoned!({ id: deadRun } as JobRow, CERT_NOW);
    expect(await claimOf(held!.id)).toMatchObject({ state: "queued", lockedUntil: null });
    expect((await run()).result).toMatchObject({ taken: 1, claimed: 1 });
    expect(await claimOf(held!.id)).toMatchObject({ state: "claimed" });
  });

  it("two runners at once for the same EPAO: every claim is claimed once, no certificate is created twice", async () => {
    const due = await confirmedRecords(world, ctx.sim, 40);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.result.claimed + b.result.claimed).toBe(40);
    expect(a.result.created + b.result.created).toBe(40);
    expect(a.result.taken + b.result.taken).toBe(40);
    expect(count(ESFA_ENDPOINTS.getCertificate)).toBe(40);
    const certs = certificatesFor(ctx.sim, ulns(due));
    expect(certs).toHaveLength(40);
    expect(new Set(certs.map((c) => c.uln)).size).toBe(40);
    const claims = await claimsOf(ids(due));
    expect(claims.every((c) => c.state === "claimed" && c.attempts === 1)).toBe(true);
    expect(new Set(claims.map((c) => c.certificateReference)).size).toBe(40);
  });
});

describe("ESFA failures", () => {
  it("recovers from 500s by retrying, and logs every attempt", async () => {
    const due = await confirmedRecords(world, ctx.sim, 3);
    ctx.sim.control.failNext(2, 500);
    const { runId, result } = await run();
    expect(result).toMatchObject({ outcome: "completed", claimed: 3 });
    const failed = await db()
      .select()
      .from(esfaCalls)
      .where(and(eq(esfaCalls.runId, runId), eq(esfaCalls.status, 500)));
    expect(failed.map((c) => c.attempt)).toEqual([1, 2]);
    expect(failed[0]!.error).toBe("Internal server error");
    expect(certificatesFor(ctx.sim, ulns(due))).toHaveLength(3);
  });

  it("ESFA down (every retry fails): claims stay queued, the run says so, nothing is lost", async () => {
    const due = await confirmedRecords(world, ctx.sim, 3);
    ctx.sim.control.failNext(1000, 503);
    const { result } = await run();
    expect(result).toMatchObject({ outcome: "unavailable", claimed: 0, errors: 0, leftQueued: 3 });
    expect(result.message).toMatch(
      /^ESFA was unavailable \(ESFA unavailable after 4 attempts: Service unavailable\): the run stopped\. .*3 claims left queued for the next run\.$/,
    );
    expect((await claimsOf(ids(due))).map((c) => c.state)).toEqual(["queued", "queued", "queued"]);
    expect(count(ESFA_ENDPOINTS.getCertificate)).toBe(4); // the first record's GET and its three retries; then the run stopped

    ctx.sim.control.clearFaults();
    expect((await run()).result).toMatchObject({ outcome: "completed", claimed: 3 });
  });

  it("401: the key is marked rejected, nothing is claimed, the claims stay queued and claims are off", async () => {
    const due = await confirmedRecords(world, ctx.sim, 2);
    // One key, one EPAO (keys.ts): a key of its own per run, as the test database outlives runs.
    await storeEsfaKey(world.epao.id, `a-key-esfa-does-not-know-${crypto.randomUUID().slice(0, 8)}-1234`);
    const { result } = await run();
    expect(result).toMatchObject({ outcome: "key_rejected", claimed: 0 });
    expect(result.message).toMatch(/^Claims are off: ESFA rejected the API key/);
    const [key] = await db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, world.epao.id));
    expect(key).toMatchObject({ status: "rejected" });
    expect(key!.statusMessage).toMatch(/invalid subscription key/);
    expect((await claimsOf(ids(due))).every((c) => c.state === "queued")).toBe(true);
    expect(certificatesFor(ctx.sim, ulns(due))).toHaveLength(0);
    expect((await run()).result.outcome).toBe("claims_off");
  });
});

describe("stale data", () => {
  it("a record edited while its claim is in flight is sent with the current data, never the stale one", async () => {
    const record = await confirmedRecord(world, ctx.sim);
    const { result } = await run({
      hooks: {
        beforeSend: async ({ apprenticeIds }) => {
          if (apprenticeIds.includes(record.id)) await editRecord(record.id, { standardVersion: "1.1" });
        },
      },
    });
    expect(result).toMatchObject({ claimed: 1 });
    const claim = await claimOf(record.id);
    expect(claim).toMatchObject({ state: "claimed", recordVersion: record.version + 1 });
    // The draft was updated (PUT) with the current version before it was submitted.
    expect(count(ESFA_ENDPOINTS.updateCertificates)).toBe(1);
    const client = createEsfaClient({ baseUrl: ctx.sim.url, subscriptionKey: world.key, pace: false });
    const certificate = await client.getCertificate(record.uln, record.familyName, world.standard.larsCode);
    expect(certificate?.certificateData.learningDetails?.version).toBe("1.1");
    expect(certificate?.status.currentStatus).toBe("Submitted");
  });

  it("an edit that breaks the record while in flight is not submitted: the draft waits, the claim is in error", async () => {
    const record = await confirmedRecord(world, ctx.sim);
    const { result } = await run({
      hooks: {
        afterCreate: async () => {
          await editRecord(record.id, { familyName: "Changed" });
        },
      },
    });
    expect(result).toMatchObject({ claimed: 0, errors: 1, created: 1 });
    expect(count(ESFA_ENDPOINTS.submitCertificates)).toBe(0);
    expect(await claimOf(record.id)).toMatchObject({ state: "error", lastError: "ULN, FamilyName and Standard not found." });
    expect(certificatesFor(ctx.sim, [record.uln]).map((c) => c.status)).toEqual(["Draft"]);

    // Put right: the next run finds our draft, brings it up to date and submits it; still one certificate.
    await editRecord(record.id, { familyName: record.familyName });
    const next = await run();
    expect(next.result).toMatchObject({ claimed: 1, created: 0 });
    expect(await claimOf(record.id)).toMatchObject({ state: "claimed", claimedManually: false });
    expect(certificatesFor(ctx.sim, [record.uln]).map((c) => c.status)).toEqual(["Submitted"]);
  });
});

describe("status sync", () => {
  it("moves claimed certificates Submitted → Printed → Delivered by the simulator's clock", async () => {
    const [record] = await confirmedRecords(world, ctx.sim, 1);
    await run();
    const runId = await claimRunRow(world.epao.id);
    const sync = (now: Date) => syncStatuses({ epaoId: world.epao.id, runId, now, clientFactory: simClientFactory(ctx.sim) });
    expect(await sync(CERT_NOW)).toMatchObject({ checked: 1, changed: 0 });

    ctx.clock.advance(25 * 3_600_000);
    expect(await sync(new Date(CERT_NOW.getTime() + 25 * 3_600_000))).toMatchObject({ checked: 1, changed: 1 });
    expect(await claimOf(record!.id)).toMatchObject({ certificateStatus: "Printed" });

    ctx.clock.advance(73 * 3_600_000);
    expect(await sync(new Date(CERT_NOW.getTime() + 98 * 3_600_000))).toMatchObject({ checked: 1, changed: 1 });
    expect(await claimOf(record!.id)).toMatchObject({ certificateStatus: "Delivered" });
    // Delivered is final: not read again.
    expect(await sync(new Date(CERT_NOW.getTime() + 99 * 3_600_000))).toMatchObject({ checked: 0 });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, record!.id), eq(auditEvents.action, "certificate.status_changed")))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.summary)).toEqual([expect.stringContaining("is now Printed"), expect.stringContaining("is now Delivered")]);
    const calls = await db()
      .select()
      .from(esfaCalls)
      .where(and(eq(esfaCalls.runId, runId), inArray(esfaCalls.path, [ESFA_ENDPOINTS.getCertificate])));
    expect(calls).toHaveLength(3);
  });
});
