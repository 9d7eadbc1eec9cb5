import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, esfaApiKeys } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { startEsfaSimulator, type EsfaSimulator } from "@/lib/esfa/simulator";
import { ESFA_ENDPOINTS } from "@/lib/esfa/types";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { unseal } from "./crypto";
import { activateEsfaKey, esfaKeyStatus, recheckEsfaKey, removeEsfaKey } from "./keys";
import { esfaKeyFor } from "./seams";

const hexKey = () => crypto.randomBytes(16).toString("hex");
const VALID = hexKey();
const SECOND = hexKey();
const EXPIRING = hexKey();
let sim: EsfaSimulator;

beforeAll(async () => {
  sim = await startEsfaSimulator({
    port: 0,
    register: [],
    rateLimit: false,
    keys: [
      { key: VALID, epaoId: "EPA0001" },
      { key: SECOND, epaoId: "EPA0001" },
      { key: EXPIRING, epaoId: "EPA0001" },
    ],
  });
  process.env.ESFA_API_URL = sim.url;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  process.env.ESFA_API_URL = sim.url;
  sim.control.clearFaults();
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
