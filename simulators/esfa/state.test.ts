import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEsfaClient } from "@/lib/esfa/client";
import { startEsfaSimulator, type EsfaSimulator } from "./index";
import { item, START, TEST_KEYS, testRegister } from "@/tests/support/esfa";

/** The simulator with `stateDir`: what it was told survives a restart, and no certificate reference is issued twice. */

const dirs: string[] = [];
const running: EsfaSimulator[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "esfa-sim-state-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(stateDir: string, extra: { register?: ReturnType<typeof testRegister> } = {}) {
  const sim = await startEsfaSimulator({
    port: 0,
    register: extra.register ?? testRegister(),
    keys: TEST_KEYS,
    clock: () => START,
    rateLimit: false,
    stateDir,
  });
  running.push(sim);
  const client = (key = "key-1") =>
    createEsfaClient({ baseUrl: sim.url, subscriptionKey: key, timeoutMs: 2_000, retries: 0, pace: false, sleep: async () => {} });
  return { sim, client };
}

async function stop(sim: EsfaSimulator) {
  running.splice(running.indexOf(sim), 1);
  await sim.close();
}

async function claim(client: ReturnType<typeof createEsfaClient>, n: number) {
  const [created] = await client.createCertificates([item(n)]);
  expect(created!.validationErrors).toEqual([]);
  const reference = created!.certificate!.certificateData.certificateReference!;
  const [submitted] = await client.submitCertificates([
    { requestId: `s${n}`, uln: 1_000_000_000 + n, familyName: `Family${n}`, standardCode: 196, certificateReference: reference },
  ]);
  expect(submitted!.validationErrors).toEqual([]);
  return reference;
}

describe("ESFA simulator state across restarts", () => {
  it("keeps certificates and their statuses, and numbers new ones after the highest ever issued", async () => {
    const dir = tempDir();
    const first = await start(dir);
    const one = await claim(first.client(), 1);
    const two = await claim(first.client(), 2);
    expect([one, two]).toEqual(["00000001", "00000002"]);
    first.sim.control.setCertificateStatus(two, "NotDelivered");
    const draft = (await first.client().createCertificates([item(3)]))[0]!.certificate!.certificateData.certificateReference!;
    await first.client().deleteCertificate(1_000_000_003, "Family3", 196, draft);
    await stop(first.sim);

    const second = await start(dir);
    const found = await second.client().getCertificate(1_000_000_001, "Family1", 196);
    expect(found?.certificateData.certificateReference).toBe(one);
    expect(found?.status.currentStatus).toBe("Submitted");
    expect(second.sim.control.certificate(two)).toMatchObject({ status: "NotDelivered", uln: 1_000_000_002 });
    expect(second.sim.control.certificate(draft)).toMatchObject({ status: "Deleted" });
    // Claiming again is refused as ESFA would, with the kept reference; a new learner gets the next one.
    const [again] = await second.client().createCertificates([item(1)]);
    expect(again!.validationErrors).toEqual([`Certificate already exists: ${one}`]);
    expect(await claim(second.client(), 4)).toBe("00000004");
    // Another EPAO still sees it redacted, as before the restart.
    expect((await second.client("key-2").getCertificate(1_000_000_001, "Family1", 196))?.certificateData.certificateReference).toBeNull();
    expect(fs.readdirSync(dir).sort()).toEqual(["register.json", "state.json"]);
  });

  it("keeps learners and keys added at run time, manual claims and expiries; the saved register wins", async () => {
    const dir = tempDir();
    const first = await start(dir);
    first.sim.control.addLearner({ uln: 5_000_000_001, familyName: "Added", standardCode: 196, standardReference: "ST0070", epaoId: "EPA0001" });
    first.sim.control.addKey({ key: "key-late", epaoId: "EPA0001" });
    first.sim.control.expireKey("key-2");
    const manual = first.sim.control.claimManually({ uln: 1_000_000_010, familyName: "Family10", standardCode: 196, grade: "Merit" });
    await stop(first.sim);

    // The portal now holds Family11 as "Changed": the simulator's ILR keeps what it held.
    const register = testRegister().map((l) => (l.uln === 1_000_000_011 ? { ...l, familyName: "Changed" } : l));
    const second = await start(dir, { register });
    expect((await second.client("key-late").getLearner(5_000_000_001, "Added", 196))?.learnerData.learner.familyName).toBe("Added");
    expect((await second.client().getLearner(1_000_000_011, "Family11", 196))?.learnerData.learner.familyName).toBe("Family11");
    await expect(second.client("key-2").grades()).rejects.toThrow(/inactive subscription/);
    expect(second.sim.control.certificate(manual.certificateReference)).toMatchObject({ source: "manual", overallGrade: "Merit" });
    expect(await claim(second.client(), 12)).toBe("00000002");
  });

  it("continues after the reference it was told to start from, and refuses a state it cannot read", async () => {
    const dir = tempDir();
    const first = await startEsfaSimulator({
      port: 0,
      register: testRegister(),
      keys: TEST_KEYS,
      clock: () => START,
      stateDir: dir,
      firstCertificateReference: 500,
    });
    running.push(first);
    const c = createEsfaClient({ baseUrl: first.url, subscriptionKey: "key-1", retries: 0, pace: false, sleep: async () => {} });
    expect(await claim(c, 1)).toBe("00000500");
    await stop(first);
    const second = await start(dir);
    expect(await claim(second.client(), 2)).toBe("00000501");
    await stop(second.sim);

    fs.writeFileSync(path.join(dir, "state.json.123.tmp"), "{half");
    fs.writeFileSync(path.join(dir, "state.json"), "{half");
    await expect(start(dir)).rejects.toThrow(/saved state .*state\.json cannot be read.*Move it away/);
    // A leftover temporary file of an interrupted write is never read, and is cleared.
    expect(fs.existsSync(path.join(dir, "state.json.123.tmp"))).toBe(false);
  });

  it("without a state directory it stays in memory", async () => {
    const sim = await startEsfaSimulator({ port: 0, register: testRegister(), keys: TEST_KEYS, clock: () => START });
    running.push(sim);
    const c = createEsfaClient({ baseUrl: sim.url, subscriptionKey: "key-1", retries: 0, pace: false, sleep: async () => {} });
    expect(await claim(c, 1)).toBe("00000001");
  });
});
