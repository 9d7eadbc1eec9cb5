import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, esfaApiKeys } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { startEsfaSimulator, type EsfaSimulator } from "@/simulators/esfa";
import { ESFA_ENDPOINTS } from "@/lib/esfa/types";
import { storeEsfaKey } from "@/tests/support/certification";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { keyDigest, unseal } from "./crypto";
import {
  activateEsfaKey,
  checkEsfaKeyForActivation,
  CONFIRMATION_TTL_MS,
  esfaKeyStatus,
  KEY_IN_USE_MESSAGE,
  KEY_SHARED_MESSAGE,
  recheckEsfaKey,
  removeEsfaKey,
} from "./keys";
import { esfaKeyFor } from "./seams";

const hexKey = () => crypto.randomBytes(16).toString("hex");
// Fresh keys for every test: one key is active for one EPAO only, and the test database outlives the tests.
let VALID = hexKey();
let SECOND = hexKey();
let EXPIRING = hexKey();
let sim: EsfaSimulator;

beforeAll(async () => {
  sim = await startEsfaSimulator({ port: 0, register: [], rateLimit: false, keys: [] });
  process.env.ESFA_API_URL = sim.url;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  process.env.ESFA_API_URL = sim.url;
  sim.control.clearFaults();
  [VALID, SECOND, EXPIRING] = [hexKey(), hexKey(), hexKey()];
  for (const key of [VALID, SECOND, EXPIRING]) sim.control.addKey({ key, epaoId: "EPA0001" });
});

async function epaoWorld() {
  const epao = await createOrganisation("epao");
  const [admin, staff] = await Promise.all([createUser(epao, "epao_admin"), createUser(epao, "epao_staff")]);
  return { epao, admin, staff };
}

const storedRow = async (epaoId: string) => (await db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, epaoId)))[0] ?? null;
const auditOf = (epaoId: string) => db().select().from(auditEvents).where(eq(auditEvents.organisationId, epaoId)).orderBy(auditEvents.id);

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("activating the ESFA key", () => {
  it("stores a key ESFA accepts, encrypted, and shows and audits only its last four", async () => {
    const { epao, admin, staff } = await epaoWorld();
    const status = await activateEsfaKey(admin, { key: `  ${VALID}\n` });
    expect(status).toMatchObject({ configured: true, lastFour: VALID.slice(-4), status: "active", statusMessage: null });

    const row = await storedRow(epao.id);
    expect(row).not.toBeNull();
    expect(row!.ciphertext).not.toContain(VALID);
    expect(JSON.stringify(row)).not.toContain(VALID);
    expect(unseal(row!)).toBe(VALID);
    expect((await esfaKeyFor(db(), epao.id))?.key).toBe(VALID);

    const seen = await esfaKeyStatus(staff);
    expect(seen).toMatchObject({ configured: true, lastFour: VALID.slice(-4), status: "active" });
    expect(JSON.stringify(seen)).not.toContain(VALID);

    const events = await auditOf(epao.id);
    expect(events.map((e) => e.action)).toEqual(["esfa_key.activated"]);
    expect(events[0]!.summary).toContain(VALID.slice(-4));
    expect(events[0]!.after).toMatchObject({ lastFour: VALID.slice(-4) });
    expect(JSON.stringify(events)).not.toContain(VALID);
    expect(JSON.stringify(events)).not.toContain(VALID.slice(0, 8));
  });

  it("refuses a key ESFA does not accept and stores nothing", async () => {
    const { epao, admin } = await epaoWorld();
    const error = await refusal(activateEsfaKey(admin, { key: hexKey() }));
    expect(error.fieldErrors.key).toBe(
      "ESFA did not accept this key. Check you copied the whole key from the Assessment Service (Organisation details › API subscriptions).",
    );
    expect(await storedRow(epao.id)).toBeNull();
    expect(await auditOf(epao.id)).toEqual([]);
    expect(await esfaKeyStatus(admin)).toEqual({ configured: false });
  });

  it("refuses empty and malformed keys without calling ESFA", async () => {
    const { epao, admin } = await epaoWorld();
    sim.control.resetCounters();
    expect((await refusal(activateEsfaKey(admin, { key: "   " }))).fieldErrors.key).toBe("Enter the ESFA API key");
    for (const key of ["short", `${VALID} ${VALID}`, `${VALID}!`, "x".repeat(129)]) {
      expect((await refusal(activateEsfaKey(admin, { key }))).fieldErrors.key).toMatch(/does not look like an ESFA API key/);
    }
    expect(sim.control.counters().total).toBe(0);
    expect(await storedRow(epao.id)).toBeNull();
  });

  it("refuses when ESFA is down (after its retry) and stores nothing", async () => {
    const { epao, admin } = await epaoWorld();
    sim.control.failNext(2, 503, { endpoint: ESFA_ENDPOINTS.grades });
    const error = await refusal(activateEsfaKey(admin, { key: VALID }));
    expect(error.fieldErrors.key).toMatch(/could not reach the ESFA service.*nothing was saved/i);
    expect(await storedRow(epao.id)).toBeNull();
    expect(await auditOf(epao.id)).toEqual([]);
  });

  it("refuses when ESFA cannot be reached at all, or no address is configured", async () => {
    const { epao, admin } = await epaoWorld();
    const closed = await startEsfaSimulator({ port: 0, register: [], keys: [{ key: VALID, epaoId: "EPA0001" }] });
    await closed.close();
    process.env.ESFA_API_URL = closed.url;
    expect((await refusal(activateEsfaKey(admin, { key: VALID }))).fieldErrors.key).toMatch(/could not reach the ESFA service.*nothing was saved/i);
    delete process.env.ESFA_API_URL;
    expect((await refusal(activateEsfaKey(admin, { key: VALID }))).fieldErrors.key).toMatch(/not configured.*nothing was saved/);
    expect(await storedRow(epao.id)).toBeNull();
  });

  it("replaces and removes the key, audited with the last four only", async () => {
    const { epao, admin, staff } = await epaoWorld();
    await activateEsfaKey(admin, { key: VALID });
    const replaced = await activateEsfaKey(admin, { key: SECOND });
    expect(replaced).toMatchObject({ lastFour: SECOND.slice(-4), status: "active" });
    expect(unseal((await storedRow(epao.id))!)).toBe(SECOND);

    await expect(removeEsfaKey(staff)).rejects.toBeInstanceOf(ForbiddenError);
    await removeEsfaKey(admin);
    expect(await storedRow(epao.id)).toBeNull();
    expect(await esfaKeyStatus(staff)).toEqual({ configured: false });
    await expect(removeEsfaKey(admin)).rejects.toBeInstanceOf(NotFoundError);

    const events = await auditOf(epao.id);
    expect(events.map((e) => e.action)).toEqual(["esfa_key.activated", "esfa_key.replaced", "esfa_key.removed"]);
    expect(events[1]!.before).toEqual({ lastFour: VALID.slice(-4) });
    expect(events[1]!.after).toMatchObject({ lastFour: SECOND.slice(-4) });
    expect(events[2]!.before).toEqual({ lastFour: SECOND.slice(-4) });
    const text = JSON.stringify(events);
    expect(text).not.toContain(VALID);
    expect(text).not.toContain(SECOND);
  });

  it("a failed replacement keeps the key that was there", async () => {
    const { epao, admin } = await epaoWorld();
    await activateEsfaKey(admin, { key: VALID });
    await refusal(activateEsfaKey(admin, { key: hexKey() }));
    expect(unseal((await storedRow(epao.id))!)).toBe(VALID);
  });

  it("only EPAO admins change the key; staff see its status", async () => {
    const { epao, admin, staff } = await epaoWorld();
    await expect(activateEsfaKey(staff, { key: VALID })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recheckEsfaKey(staff)).rejects.toBeInstanceOf(ForbiddenError);
    const provider = await createOrganisation("training_provider");
    const providerAdmin = await createUser(provider, "provider_admin");
    await expect(activateEsfaKey(providerAdmin, { key: VALID })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(esfaKeyStatus(providerAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    const assessor = await createUser(epao, "assessor");
    await expect(esfaKeyStatus(assessor)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedRow(epao.id)).toBeNull();
    expect(await esfaKeyStatus(admin)).toEqual({ configured: false });
  });

  it("another EPAO sees only its own status and cannot remove ours", async () => {
    const ours = await epaoWorld();
    const theirs = await epaoWorld();
    await activateEsfaKey(ours.admin, { key: VALID });
    expect(await esfaKeyStatus(theirs.staff)).toEqual({ configured: false });
    expect(await esfaKeyStatus(theirs.admin)).toEqual({ configured: false });
    await expect(removeEsfaKey(theirs.admin)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recheckEsfaKey(theirs.admin)).rejects.toBeInstanceOf(NotFoundError);
    expect(await storedRow(ours.epao.id)).not.toBeNull();
  });
});

describe("checking the key again", () => {
  it("marks a key ESFA stopped accepting as rejected, and keeps the status when ESFA is down", async () => {
    const { epao, admin, staff } = await epaoWorld();
    await activateEsfaKey(admin, { key: EXPIRING });
    expect(await recheckEsfaKey(admin)).toMatchObject({ status: "active" });

    sim.control.failNext(2, 503, { endpoint: ESFA_ENDPOINTS.grades });
    const down = await refusal(recheckEsfaKey(admin));
    expect(down.fieldErrors.form).toMatch(/status is unchanged/);
    expect(await esfaKeyStatus(staff)).toMatchObject({ status: "active" });

    sim.control.expireKey(EXPIRING);
    const rejected = await recheckEsfaKey(admin);
    expect(rejected).toMatchObject({ configured: true, status: "rejected", lastFour: EXPIRING.slice(-4) });
    expect(await esfaKeyStatus(staff)).toMatchObject({ status: "rejected", statusMessage: expect.stringContaining("ESFA did not accept this key") });
    const events = await auditOf(epao.id);
    expect(events.map((e) => e.action)).toEqual(["esfa_key.activated", "esfa_key.checked", "esfa_key.checked"]);
    expect(events[2]!.after).toEqual({ status: "rejected" });

    // Replacing it with a good key turns claims back on.
    expect(await activateEsfaKey(admin, { key: VALID })).toMatchObject({ status: "active", statusMessage: null });
  });
});

describe("one key, one organisation", () => {
  const rowsWith = async (key: string) =>
    db()
      .select()
      .from(esfaApiKeys)
      .where(eq(esfaApiKeys.keyDigest, keyDigest(key)));

  it("refuses a key saved for another EPAO before sending it to ESFA, naming nothing of that organisation", async () => {
    const ours = await epaoWorld();
    const theirs = await epaoWorld();
    await activateEsfaKey(ours.admin, { key: VALID });
    sim.control.resetCounters();

    // One attempt at a time: both started at once, the second could reject before the first is awaited (unhandled).
    for (const attempt of [() => activateEsfaKey(theirs.admin, { key: VALID }), () => checkEsfaKeyForActivation(theirs.admin, { key: ` ${VALID} ` })]) {
      const error = await refusal(attempt());
      expect(error.fieldErrors).toEqual({ key: KEY_IN_USE_MESSAGE });
      const text = JSON.stringify({ message: error.message, fields: error.fieldErrors });
      for (const detail of [ours.epao.name, ours.epao.code, ours.epao.id, VALID.slice(-4)]) expect(text).not.toContain(detail);
    }
    expect(sim.control.counters().total).toBe(0);
    expect(await storedRow(theirs.epao.id)).toBeNull();
    expect(await auditOf(theirs.epao.id)).toEqual([]);
    expect(unseal((await storedRow(ours.epao.id))!)).toBe(VALID);
    // Our own key again is fine (a replacement by the same key).
    expect(await activateEsfaKey(ours.admin, { key: VALID })).toMatchObject({ status: "active" });
    expect(await rowsWith(VALID)).toHaveLength(1);
  });

  it("two EPAOs saving the same key at once: the unique digest keeps one and refuses the other", async () => {
    const a = await epaoWorld();
    const b = await epaoWorld();
    // Both pass the "saved for another EPAO?" check while ESFA is answering, then race to store it.
    sim.control.setDelay(300);
    const results = await Promise.allSettled([activateEsfaKey(a.admin, { key: VALID }), activateEsfaKey(b.admin, { key: VALID })]);
    sim.control.setDelay(0);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect((refused.reason as ValidationError).fieldErrors).toEqual({ key: KEY_IN_USE_MESSAGE });
    const rows = await rowsWith(VALID);
    expect(rows).toHaveLength(1);
    expect([a.epao.id, b.epao.id]).toContain(rows[0]!.epaoId);
  });

  it("activates in two steps: the check stores nothing and names the EPAO; only the confirmation switches claims on", async () => {
    const { epao, admin, staff } = await epaoWorld();
    const preview = await checkEsfaKeyForActivation(admin, { key: VALID });
    expect(preview).toMatchObject({ lastFour: VALID.slice(-4), claimsUnder: { epaoId: epao.code, name: epao.name } });
    expect(preview.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(CONFIRMATION_TTL_MS);
    expect(preview.confirmation).not.toContain(VALID);
    expect(await storedRow(epao.id)).toBeNull();
    expect(await esfaKeyStatus(staff)).toEqual({ configured: false });

    // A confirmation binds the admin, the EPAO and the key: none of them can be swapped.
    const otherAdmin = await createUser(epao, "epao_admin");
    const elsewhere = await epaoWorld();
    for (const [who, key, confirmation] of [
      [admin, SECOND, preview.confirmation],
      [otherAdmin, VALID, preview.confirmation],
      [elsewhere.admin, VALID, preview.confirmation],
      [admin, VALID, "not-a-confirmation"],
      [admin, VALID, `${Date.now() - 1000}.${preview.confirmation.split(".")[1]}`],
      [admin, VALID, 42],
    ] as const) {
      const error = await refusal(activateEsfaKey(who, { key, confirmation }));
      expect(error.fieldErrors.key).toMatch(/has expired or was for a different key/);
    }
    expect(await storedRow(epao.id)).toBeNull();
    expect(await storedRow(elsewhere.epao.id)).toBeNull();

    sim.control.resetCounters();
    expect(await activateEsfaKey(admin, { key: VALID, confirmation: preview.confirmation })).toMatchObject({ status: "active", lastFour: VALID.slice(-4) });
    expect(sim.control.counters().total).toBe(0);
    expect((await storedRow(epao.id))!.keyDigest).toBe(keyDigest(VALID));
    const events = await auditOf(epao.id);
    expect(events.map((e) => e.action)).toEqual(["esfa_key.activated"]);
    expect(events[0]!.summary).toContain(`under EPAO id ${epao.code}`);
    expect(JSON.stringify(events)).not.toContain(keyDigest(VALID));
  });

  it("a confirmation does not outlive another EPAO saving the key meanwhile", async () => {
    const a = await epaoWorld();
    const b = await epaoWorld();
    const preview = await checkEsfaKeyForActivation(b.admin, { key: VALID });
    await activateEsfaKey(a.admin, { key: VALID });
    expect((await refusal(activateEsfaKey(b.admin, { key: VALID, confirmation: preview.confirmation }))).fieldErrors).toEqual({ key: KEY_IN_USE_MESSAGE });
    expect(await storedRow(b.epao.id)).toBeNull();
  });

  it("keys stored before digests get theirs when read; a copy at a second EPAO is switched off before any claim", async () => {
    const first = await epaoWorld();
    const second = await epaoWorld();
    await storeEsfaKey(first.epao.id, VALID);
    await new Promise((r) => setTimeout(r, 5));
    await storeEsfaKey(second.epao.id, VALID);
    expect((await storedRow(second.epao.id))!.keyDigest).toBeNull();

    // The claim runner's read: the first keeps the key (now with its digest), the second is off.
    const theirs = await esfaKeyFor(db(), second.epao.id);
    expect(theirs).toMatchObject({ status: "rejected", statusMessage: KEY_SHARED_MESSAGE });
    expect(await esfaKeyFor(db(), first.epao.id)).toMatchObject({ status: "active", key: VALID });
    expect((await storedRow(first.epao.id))!.keyDigest).toBe(keyDigest(VALID));
    expect((await storedRow(second.epao.id))!.keyDigest).toBeNull();
    expect(await esfaKeyStatus(second.staff)).toMatchObject({ status: "rejected", statusMessage: KEY_SHARED_MESSAGE });
    expect(KEY_SHARED_MESSAGE).not.toContain(first.epao.name);
    const events = await auditOf(second.epao.id);
    expect(events.map((e) => e.action)).toEqual(["esfa_key.refused"]);
    expect(events[0]!.actorLabel).toBe("ESFA key check");

    // Checking it again does not switch it back on, nor ask ESFA with it.
    sim.control.resetCounters();
    expect((await refusal(recheckEsfaKey(second.admin))).fieldErrors).toEqual({ form: KEY_SHARED_MESSAGE });
    expect(sim.control.counters().total).toBe(0);
    expect(await esfaKeyStatus(second.staff)).toMatchObject({ status: "rejected" });
    // A third EPAO cannot take it either; the second replaces it with its own key.
    const third = await epaoWorld();
    expect((await refusal(activateEsfaKey(third.admin, { key: VALID }))).fieldErrors).toEqual({ key: KEY_IN_USE_MESSAGE });
    expect(await activateEsfaKey(second.admin, { key: SECOND })).toMatchObject({ status: "active", statusMessage: null });
    expect((await storedRow(second.epao.id))!.keyDigest).toBe(keyDigest(SECOND));
  });
});
