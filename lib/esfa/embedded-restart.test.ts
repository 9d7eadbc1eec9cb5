import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { apprentices } from "@/db/schema";
import { runClaims } from "@/lib/certification/runner";
import { db } from "@/lib/db";
import { createAssessmentWorld } from "@/tests/support/assessment";
import { addPostalContact, CERT_NOW, claimOf, claimRunRow, confirmedRecords, storeEsfaKey } from "@/tests/support/certification";
import { demoEsfaKey } from "./demo-keys";
import { EMBEDDED_SIMULATOR_STATE, registeredFamilyName, startEmbeddedEsfa, stopEmbeddedEsfa } from "./embedded";

/**
 * The simulator `npm start` embeds, restarted on the same data directory: the certificates claimed before the restart
 * are still there, and a claim after it gets the next reference rather than 00000001 again (which the portal already
 * holds on another record, so the claim would be stuck in error).
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attain-embedded-esfa-"));
const savedUrl = process.env.ESFA_API_URL;
afterAll(async () => {
  await stopEmbeddedEsfa();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env.ESFA_API_URL = savedUrl;
});

/** A confirmed, consented record whose family name the simulated ILR holds as it is (no vowels, no apostrophe). */
async function claimableRecord(world: Awaited<ReturnType<typeof createAssessmentWorld>>) {
  const [row] = await confirmedRecords(world, null, 1, { register: false });
  const familyName = `Smyth-${crypto.randomInt(1_000_000)}`;
  await db().update(apprentices).set({ familyName }).where(eq(apprentices.id, row!.id));
  expect(registeredFamilyName(familyName, row!.uln)).toBe(familyName);
  return row!;
}

async function claim(epaoId: string) {
  const runId = await claimRunRow(epaoId);
  return runClaims({ epaoId, runId, now: CERT_NOW });
}

describe("the embedded ESFA simulator across a restart", () => {
  it("still finds the certificates claimed before, and numbers the next claim after them", async () => {
    const world = await createAssessmentWorld(["ST0119"]);
    await addPostalContact(world.epao.id);
    await storeEsfaKey(world.epao.id, demoEsfaKey(world.epao.code));
    // References are unique across the shared test database: this data directory starts somewhere of its own.
    const first = crypto.randomInt(10_000_000, 90_000_000);

    const before = await claimableRecord(world);
    let sim = await startEmbeddedEsfa({ dataDir, port: 0, syncMs: 60_000, firstCertificateReference: first });
    expect(await claim(world.epao.id)).toMatchObject({ outcome: "completed", claimed: 1, errors: 0 });
    const claimedBefore = await claimOf(before.id);
    expect(claimedBefore).toMatchObject({ state: "claimed", certificateReference: String(first).padStart(8, "0") });
    await stopEmbeddedEsfa();
    expect(fs.existsSync(path.join(dataDir, EMBEDDED_SIMULATOR_STATE, "state.json"))).toBe(true);

    const after = await claimableRecord(world);
    sim = await startEmbeddedEsfa({ dataDir, port: 0, syncMs: 60_000, firstCertificateReference: first });
    expect(sim.control.certificate(claimedBefore!.certificateReference!)).toMatchObject({ uln: Number(before.uln), status: "Submitted" });
    const result = await claim(world.epao.id);
    // Before: the restarted simulator issued the first reference again, and the claim was stuck in error with
    // "ESFA's certificate … for this apprentice is already on another record in Attain".
    expect(result).toMatchObject({ outcome: "completed", claimed: 1, errors: 0 });
    const claimedAfter = await claimOf(after.id);
    expect(claimedAfter).toMatchObject({ state: "claimed", lastError: null, certificateReference: String(first + 1).padStart(8, "0") });
  });
});
