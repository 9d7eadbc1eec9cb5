import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { eq, inArray, and, ne } from "drizzle-orm";
import { apprentices, assessmentAttempts, certificateClaims, esfaApiKeys, jobs, postalContacts } from "@/db/schema";
import { seal } from "@/lib/certification/crypto";
import type { EsfaClientFactory } from "@/lib/certification/runner";
import { db } from "@/lib/db";
import { createEsfaClient, type EsfaClientOptions } from "@/lib/esfa/client";
import { startEsfaSimulator, type EsfaSimulator } from "@/simulators/esfa";
import { createApprenticesInEpa, createAssessmentWorld, type AssessmentWorld, type GradedStandard } from "./assessment";

/** Test "now" of the certification tests: Tuesday 24 November 2026, 07:00 in England. */
export const CERT_NOW = new Date("2026-11-24T07:00:00Z");

/** A simulator on a free port with an empty register and a clock the test moves (`clock.set/advance`). */
export async function startClaimsSimulator(start: Date = CERT_NOW) {
  let now = start.getTime();
  // Certificate references are unique across the shared test database: start each simulator somewhere of its own.
  const firstCertificateReference = crypto.randomInt(10_000_000, 99_000_000);
  const sim = await startEsfaSimulator({ port: 0, register: [], keys: [], rateLimit: false, clock: () => now, httpControl: false, firstCertificateReference });
  return {
    sim,
    clock: {
      now: () => now,
      set: (at: Date) => {
        now = at.getTime();
      },
      advance: (ms: number) => {
        now += ms;
      },
    },
  };
}

export type ClaimsSimulator = Awaited<ReturnType<typeof startClaimsSimulator>>;

/** The claims simulator of a test file: started before its tests, closed after them, filled into the object returned here. */
export function setupClaimsSimulator(start?: Date): ClaimsSimulator {
  const ctx = {} as ClaimsSimulator;
  beforeAll(async () => {
    Object.assign(ctx, await startClaimsSimulator(start));
  });
  afterAll(async () => {
    await ctx.sim.close();
  });
  return ctx;
}

/** Clients for the simulator: no pacing, no real sleeping between retries, short timeouts. */
export function simClientFactory(sim: EsfaSimulator, overrides: Partial<EsfaClientOptions> = {}): EsfaClientFactory {
  return ({ subscriptionKey, onCall }) =>
    createEsfaClient({ baseUrl: sim.url, subscriptionKey, retries: 3, timeoutMs: 5_000, pace: false, sleep: async () => {}, onCall, ...overrides });
}

/**
 * Stores an ESFA key for the EPAO (encrypted like keys.ts does), active unless told otherwise, as a row stored before
 * key digests existed (no digest: keys.ts backfills it when the key is next read).
 */
export async function storeEsfaKey(epaoId: string, key: string, status: "active" | "rejected" = "active") {
  const sealed = seal(key);
  await db()
    .insert(esfaApiKeys)
    .values({ epaoId, ...sealed, lastFour: key.slice(-4), status, statusMessage: status === "rejected" ? "Access denied" : null, validatedAt: new Date() })
    .onConflictDoUpdate({ target: esfaApiKeys.epaoId, set: { ...sealed, keyDigest: null, lastFour: key.slice(-4), status, updatedAt: new Date() } });
}

export async function addPostalContact(epaoId: string, employerName = "Acme Engineering Ltd") {
  await db()
    .insert(postalContacts)
    .values({ epaoId, employerName, contactName: "Pat Jones", organisation: employerName, addressLine1: "1 High Street", city: "Leeds", postcode: "LS1 4AP" })
    .onConflictDoNothing();
}

/**
 * An assessment world (EPAO, provider, assessor, outside organisations) assessing a copy of ST0119 (Fail/Pass/Merit/
 * Distinction), whose EPAO has an active ESFA key known to the simulator and a postal contact for the test employer.
 */
export async function createCertificationWorld(sim: EsfaSimulator, options: { key?: boolean; postal?: boolean } = {}) {
  const world = await createAssessmentWorld(["ST0119"]);
  const key = `test-key-${crypto.randomUUID()}`;
  sim.control.addKey({ key, epaoId: world.epao.code });
  if (options.key !== false) await storeEsfaKey(world.epao.id, key);
  if (options.postal !== false) await addPostalContact(world.epao.id);
  return { ...world, key };
}
export type CertificationWorld = Awaited<ReturnType<typeof createCertificationWorld>>;

/** A certification world for the tests of a file or suite, created before them on the simulator of `ctx`. */
export function setupCertificationWorld(ctx: ClaimsSimulator): CertificationWorld {
  const world = {} as CertificationWorld;
  beforeAll(async () => {
    Object.assign(world, await createCertificationWorld(ctx.sim));
  });
  return world;
}

export type ConfirmedOptions = {
  grade?: string;
  confirmedAt?: Date;
  achievementDate?: string;
  consent?: boolean;
  standard?: GradedStandard;
  /** Register the learners with the simulator (default true); `esfaFamilyName` is the ILR's name when it differs. */
  register?: boolean;
  esfaFamilyName?: string;
};

/**
 * `n` records whose first attempt is confirmed with `grade` (default Distinction, confirmed 10 November 2026), with
 * consent, registered with the simulator under the EPAO's code. Answers the apprentice rows.
 */
export async function confirmedRecords(world: AssessmentWorld, sim: EsfaSimulator | null, n: number, options: ConfirmedOptions = {}) {
  const standard = options.standard ?? world.standard;
  const attempts = await createApprenticesInEpa(world, n, { standard });
  const confirmedAt = options.confirmedAt ?? new Date("2026-11-10T10:00:00Z");
  const achievementDate = options.achievementDate ?? confirmedAt.toISOString().slice(0, 10);
  await db()
    .update(assessmentAttempts)
    .set({ overallGrade: options.grade ?? "Distinction", achievementDate, confirmedAt, confirmedBy: world.epaoStaff.userId })
    .where(
      inArray(
        assessmentAttempts.id,
        attempts.map((a) => a.id),
      ),
    );
  const ids = attempts.map((a) => a.apprenticeId);
  await db()
    .update(apprentices)
    .set({ status: "graded", certificateConsentAt: options.consent === false ? null : new Date("2026-09-01T09:00:00Z") })
    .where(inArray(apprentices.id, ids));
  const rows = await db().select().from(apprentices).where(inArray(apprentices.id, ids));
  if (sim && options.register !== false) {
    for (const row of rows) {
      sim.control.addLearner({
        uln: row.uln,
        familyName: options.esfaFamilyName ?? row.familyName,
        givenNames: row.givenNames,
        standardCode: standard.larsCode,
        standardReference: standard.reference,
        versions: ["1.0", "1.1"],
        epaoId: (world.epao as { code: string }).code,
      });
    }
  }
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

export async function confirmedRecord(world: AssessmentWorld, sim: EsfaSimulator | null, options: ConfirmedOptions = {}) {
  return (await confirmedRecords(world, sim, 1, options))[0]!;
}

/** A jobs row to hang a test run on; already finished, so no worker ever picks it up (runClaims does not look). */
export async function claimRunRow(epaoId: string | null) {
  const [row] = await db()
    .insert(jobs)
    .values({
      kind: "esfa.claims",
      key: `test:${crypto.randomUUID()}`,
      organisationId: epaoId,
      status: "succeeded",
      finishedAt: new Date(),
      requestedBy: "test",
    })
    .returning();
  return row!.id;
}

/** The record's claim that is not cancelled (or its latest). */
export async function claimOf(apprenticeId: string) {
  const rows = await db().select().from(certificateClaims).where(eq(certificateClaims.apprenticeId, apprenticeId));
  return rows.find((r) => r.state !== "cancelled") ?? rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0] ?? null;
}

export async function claimsOf(apprenticeIds: string[]) {
  return db()
    .select()
    .from(certificateClaims)
    .where(and(inArray(certificateClaims.apprenticeId, apprenticeIds), ne(certificateClaims.state, "cancelled")));
}

/** An edit as the provider's form makes it: the fields change and the version goes up. */
export async function editRecord(apprenticeId: string, changes: Partial<typeof apprentices.$inferInsert>) {
  const [row] = await db().select().from(apprentices).where(eq(apprentices.id, apprenticeId));
  await db()
    .update(apprentices)
    .set({ ...changes, version: row!.version + 1, updatedAt: new Date() })
    .where(eq(apprentices.id, apprenticeId));
}

/** The simulator's certificates for these ULNs. */
export function certificatesFor(sim: EsfaSimulator, ulns: string[]) {
  const set = new Set(ulns.map(Number));
  return sim.control.certificates().filter((c) => set.has(c.uln));
}
