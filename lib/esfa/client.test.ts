import { describe, expect, it } from "vitest";
import { createPacer, EsfaAuthError, EsfaRequestError, EsfaUnavailableError } from "./client";
import { startEsfaSimulator } from "@/simulators/esfa";
import { item, START, simulatorPerTest } from "@/tests/support/esfa";
import { ESFA_ENDPOINTS, ESFA_GRADES } from "./types";

const ctx = simulatorPerTest();

describe("ESFA client: batching", () => {
  it("sends 60 items as 3 requests and answers per item in input order", async () => {
    const items = Array.from({ length: 60 }, (_, i) => {
      const n = i + 1;
      // Every 7th learner has the wrong family name.
      return n % 7 === 0 ? item(n, { learner: { familyName: "Wrong" } }) : item(n);
    });
    const results = await ctx.client().createCertificates(items);

    expect(ctx.sim.control.counters().byEndpoint[ESFA_ENDPOINTS.createCertificates]).toBe(3);
    expect(ctx.calls.map((c) => c.items)).toEqual([25, 25, 10]);
    expect(results.map((r) => r.requestId)).toEqual(items.map((i) => i.requestId));
    results.forEach((result, i) => {
      const n = i + 1;
      if (n % 7 === 0) {
        expect(result.certificate).toBeNull();
        expect(result.validationErrors).toEqual(["ULN, FamilyName and Standard not found."]);
      } else {
        expect(result.validationErrors).toEqual([]);
        expect(result.certificate?.certificateData.learner?.uln).toBe(1_000_000_000 + n);
        expect(result.certificate?.status.currentStatus).toBe("Ready");
      }
    });
    const references = results.flatMap((r) => (r.certificate ? [r.certificate.certificateData.certificateReference] : []));
    expect(references[0]).toBe("00000001");
    expect(references).toEqual([...references].sort());
    expect(new Set(references).size).toBe(52);
  });

  it("also splits by the 32 KB body limit", async () => {
    const items = Array.from({ length: 20 }, (_, i) => item(i + 1, { postalContact: { department: "d".repeat(2_000) } }));
    const results = await ctx.client().createCertificates(items);
    expect(ctx.calls.length).toBeGreaterThan(1);
    expect(results.every((r) => r.validationErrors.length === 0 && r.certificate)).toBe(true);
  });

  it("marks the items of a request that failed and carries on with validation-only failures", async () => {
    ctx.sim.control.failNext(1, 400, { endpoint: ESFA_ENDPOINTS.createCertificates, message: "Bad" });
    const results = await ctx.client().createCertificates(Array.from({ length: 30 }, (_, i) => item(i + 1)));
    expect(results.slice(0, 25).every((r) => r.error instanceof EsfaRequestError && r.certificate === null)).toBe(true);
    expect(results.slice(25).every((r) => !r.error && r.certificate)).toBe(true);
  });

  it("stops sending after an availability failure and marks the rest", async () => {
    ctx.sim.control.failNext(10, 503, { endpoint: ESFA_ENDPOINTS.createCertificates });
    const results = await ctx.client({ retries: 1 }).createCertificates(Array.from({ length: 30 }, (_, i) => item(i + 1)));
    expect(ctx.sim.control.counters().byEndpoint[ESFA_ENDPOINTS.createCertificates]).toBe(2);
    expect(results.every((r) => r.error instanceof EsfaUnavailableError)).toBe(true);
  });
});

describe("ESFA client: retries and timeouts", () => {
  it.each([500, 503])("retries a %i and finally succeeds", async (status) => {
    ctx.sim.control.failNext(2, status);
    expect(await ctx.client().grades()).toEqual([...ESFA_GRADES]);
    expect(ctx.sim.control.counters().total).toBe(3);
    expect(ctx.calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, status],
      [2, status],
      [3, 200],
    ]);
    // Full jitter: random() (0.5 here) × base 500 ms × 2^(attempt-1).
    expect(ctx.sleeps).toEqual([250, 500]);
  });

  it("retries a 429 after Retry-After", async () => {
    ctx.sim.control.throttle({ count: 2, retryAfterSeconds: 7 });
    expect(await ctx.client().grades()).toHaveLength(7);
    expect(ctx.sleeps).toEqual([7_000, 7_000]);
    expect(ctx.calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it("times out a request that never answers and retries it", async () => {
    ctx.sim.control.hangNext(1);
    const started = Date.now();
    expect(await ctx.client({ timeoutMs: 200 }).grades()).toHaveLength(7);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(ctx.calls.map((c) => c.status)).toEqual([null, 200]);
    expect(ctx.calls[0]!.error).toMatch(/No answer within 200 ms/);
    expect(ctx.sim.control.counters().total).toBe(2);
  });

  it("times out a slow answer", async () => {
    ctx.sim.control.setDelay(400);
    const error = await ctx
      .client({ timeoutMs: 100, retries: 1 })
      .grades()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsfaUnavailableError);
    expect((error as EsfaUnavailableError).reason).toBe("timeout");
    expect((error as EsfaUnavailableError).attempts).toBe(2);
  });

  it("gives up after N attempts with EsfaUnavailableError", async () => {
    ctx.sim.control.failNext(100, 503);
    const error = await ctx
      .client({ retries: 2 })
      .getCertificate(1_000_000_001, "Family1", 196)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsfaUnavailableError);
    expect(error).toMatchObject({ status: 503, attempts: 3, reason: "status", endpoint: ESFA_ENDPOINTS.getCertificate });
    expect((error as Error).message).toMatch(/after 3 attempts/);
    expect(ctx.sim.control.counters().total).toBe(3);
  });

  it("treats a refused connection as a network error and retries it", async () => {
    await ctx.sim.close();
    const error = await ctx
      .client({ retries: 1 })
      .ping()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "network", attempts: 2 });
    ctx.sim = await startEsfaSimulator({ port: 0, register: [], keys: { "key-1": "EPA0001" } });
  });

  it("never retries validation answers, the batch limit or key problems", async () => {
    const pingWithKey = (subscriptionKey: string) =>
      ctx
        .client({ subscriptionKey })
        .ping()
        .catch((e: unknown) => e);
    const validation = await ctx
      .client()
      .getCertificate(1_000_000_001, "Wrong", 196)
      .catch((e: unknown) => e);
    expect(validation).toBeInstanceOf(EsfaRequestError);
    expect((validation as EsfaRequestError).messages).toEqual(["Cannot find apprentice with the specified Uln, FamilyName & Standard"]);

    const unauthorised = await pingWithKey("wrong");
    expect(unauthorised).toBeInstanceOf(EsfaAuthError);
    expect(unauthorised).toMatchObject({ status: 401 });

    const expired = await pingWithKey("key-expired");
    expect(expired).toBeInstanceOf(EsfaAuthError);
    expect(expired).toMatchObject({ status: 403 });

    expect(ctx.sim.control.counters().total).toBe(3);
    expect(ctx.sleeps).toEqual([]);
  });

  it("reports every attempt through onCall with a route free of personal data", async () => {
    ctx.sim.control.failNext(1, 500);
    await ctx.client().getCertificate(1_000_000_001, "Family1", "ST0070");
    expect(ctx.calls).toHaveLength(2);
    expect(ctx.calls[0]).toMatchObject({
      method: "GET",
      path: "/api/v1/certificate/1000000001/Family1/ST0070",
      endpoint: "GET /api/v1/certificate/{uln}/{familyName}/{standard}",
      status: 500,
      attempt: 1,
      error: "Internal server error",
    });
    expect(ctx.calls[1]).toMatchObject({ status: 204, attempt: 2 });
    expect(ctx.calls[1]!.error).toBeUndefined();
    expect(typeof ctx.calls[0]!.ms).toBe("number");
  });
});

describe("ESFA client: pacing", () => {
  it("keeps under 120 calls per 60 s on a fake clock, so the gateway never answers 429", async () => {
    let t = START;
    const sleeps: number[] = [];
    const pacer = createPacer({
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    });
    // A simulator on the same fake clock.
    const sim = await startEsfaSimulator({ port: 0, register: [], keys: { "key-1": "EPA0001" }, clock: () => t });
    try {
      const paced = ctx.client({ baseUrl: sim.url, pace: pacer, retries: 0 });
      for (let i = 0; i < 250; i++) await paced.grades();
      expect(sim.control.counters().byStatus).toEqual({ 200: 250 });
      expect(sleeps).toEqual([60_000, 60_000]);
      expect(t - START).toBe(120_000);
    } finally {
      await sim.close();
    }
  });

  it("without pacing the gateway answers 429 after 120 calls", async () => {
    const client = ctx.client({ retries: 0 });
    for (let i = 0; i < 120; i++) await client.grades();
    const error = await client.grades().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsfaUnavailableError);
    expect(error).toMatchObject({ status: 429 });
  });

  it("serialises concurrent callers through one pacer", async () => {
    let t = 0;
    const pacer = createPacer({ calls: 3, periodMs: 1_000, now: () => t, sleep: async (ms) => void (t += ms) });
    const at: number[] = [];
    await Promise.all(Array.from({ length: 7 }, () => pacer.acquire().then(() => at.push(t))));
    expect(at).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });
});
