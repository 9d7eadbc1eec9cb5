import { describe, expect, it } from "vitest";
import { APIM_MESSAGES } from "./index";
import { item, simulatorPerTest } from "@/tests/support/esfa";
import { ESFA_ENDPOINTS, ESFA_GRADES } from "@/lib/esfa/types";

const ctx = simulatorPerTest();

async function send(method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (options.key !== null) headers["Ocp-Apim-Subscription-Key"] = options.key ?? "key-1";
  const response = await fetch(`${ctx.sim.url}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* text */
  }
  return { status: response.status, body, headers: response.headers };
}

describe("ESFA simulator: gateway", () => {
  it("answers APIM's 401 bodies for a missing or unknown key and 403 for an expired one", async () => {
    expect(await send("GET", "/api/v1/certificate/grades", { key: null })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: APIM_MESSAGES.missingKey },
    });
    expect(await send("GET", "/api/v1/certificate/grades", { key: "nope" })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." },
    });
    const expired = await send("GET", "/api/v1/certificate/grades", { key: "key-expired" });
    expect(expired.status).toBe(403);
    expect((expired.body as { message: string }).message).toMatch(/subscription/);
  });

  it("pings with a key", async () => {
    expect(await send("GET", "/Ping")).toMatchObject({ status: 200, body: "Pong" });
    expect((await send("GET", "/Ping", { key: null })).status).toBe(401);
  });

  it("refuses more than 25 items per request with 403 Batch limited to 25 requests", async () => {
    const items = Array.from({ length: 26 }, (_, i) => item(i + 1));
    for (const [method, path] of [
      ["POST", "/api/v1/certificate"],
      ["PUT", "/api/v1/certificate"],
      ["POST", "/api/v1/certificate/submit"],
    ] as const) {
      expect(await send(method, path, { body: items })).toMatchObject({ status: 403, body: { statusCode: 403, message: "Batch limited to 25 requests" } });
    }
    expect(ctx.sim.control.certificates()).toHaveLength(0);
    expect((await send("POST", "/api/v1/certificate", { body: items.slice(0, 25) })).status).toBe(200);
  });

  it("refuses bodies over 32 KB as APIM's validate-content does", async () => {
    const big = [item(1, { postalContact: { department: "x".repeat(33_000) } })];
    const answer = await send("POST", "/api/v1/certificate", { body: big });
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toMatch(/^Request's body is \d+ bytes long and it exceeds the limit of 32768 bytes\.$/);
  });

  it("answers 400 with ASP.NET's problem body for values that cannot be bound", async () => {
    const answer = await send("POST", "/api/v1/certificate", { body: [{ ...item(1), learner: { uln: "abc", familyName: "Family1" } }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ title: "One or more validation errors occurred.", status: 400 });
    expect((await send("POST", "/api/v1/certificate", { raw: "{not json" })).status).toBe(400);
    expect((await send("GET", "/api/v1/certificate/abc/Family1/196")).status).toBe(400);
  });

  it("limits each caller to 120 calls per 60 seconds with 429 and Retry-After", async () => {
    for (let i = 0; i < 120; i++) expect((await send("GET", "/api/v1/certificate/grades")).status).toBe(200);
    ctx.advance(15_000);
    const limited = await send("GET", "/api/v1/certificate/grades");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(limited.body).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 45 seconds." });
    ctx.advance(45_000);
    expect((await send("GET", "/api/v1/certificate/grades")).status).toBe(200);
  });

  it("answers unknown operations with 404 Resource not found", async () => {
    expect(await send("GET", "/api/v1/nothing")).toMatchObject({ status: 404, body: { statusCode: 404, message: "Resource not found" } });
  });

  it("lists grades and options", async () => {
    expect((await send("GET", "/api/v1/certificate/grades")).body).toEqual([...ESFA_GRADES]);
    expect((await send("GET", "/api/v1/standards/options")).body).toEqual([
      { standardCode: 901, standardReference: "ST9001", version: "1.1", courseOption: ["Retail", "Hospitality"] },
    ]);
    expect((await send("GET", "/api/v1/standards/options/ST9001")).body).toEqual({
      standardCode: 901,
      standardReference: "ST9001",
      version: "1.1",
      courseOption: ["Retail", "Hospitality"],
    });
    expect((await send("GET", "/api/v1/standards/options/901/1.0")).status).toBe(204);
    expect((await send("GET", "/api/v1/standards/options/196")).status).toBe(204);
    expect((await send("GET", "/api/v1/standards/options/ST0000")).status).toBe(404);
  });
});

describe("ESFA simulator: control", () => {
  it("counts requests per endpoint and status", async () => {
    await send("GET", "/Ping");
    await send("GET", "/api/v1/certificate/grades", { key: null });
    await send("POST", "/api/v1/certificate", { body: [item(1)] });
    const counters = ctx.sim.control.counters();
    expect(counters.total).toBe(3);
    expect(counters.byEndpoint).toEqual({ [ESFA_ENDPOINTS.ping]: 1, [ESFA_ENDPOINTS.grades]: 1, [ESFA_ENDPOINTS.createCertificates]: 1 });
    expect(counters.byStatus).toEqual({ 200: 2, 401: 1 });
    ctx.sim.control.resetCounters();
    expect(ctx.sim.control.counters().total).toBe(0);
  });

  it("injects failures, hangs, delays and throttling", async () => {
    ctx.sim.control.failNext(2, 503, { endpoint: ESFA_ENDPOINTS.grades });
    expect((await send("GET", "/Ping")).status).toBe(200);
    expect(await send("GET", "/api/v1/certificate/grades")).toMatchObject({ status: 503, body: { statusCode: 503 } });
    expect((await send("GET", "/api/v1/certificate/grades")).status).toBe(503);
    expect((await send("GET", "/api/v1/certificate/grades")).status).toBe(200);

    ctx.sim.control.hangNext(1, { ms: 150 });
    let started = Date.now();
    expect((await send("GET", "/Ping")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    ctx.sim.control.setDelay(100);
    started = Date.now();
    await send("GET", "/Ping");
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    ctx.sim.control.setDelay(0);

    ctx.sim.control.throttle({ forMs: 10_000 });
    const throttled = await send("GET", "/Ping");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("10");
    ctx.advance(10_000);
    expect((await send("GET", "/Ping")).status).toBe(200);
  });

  it("never answers a hung request until it is abandoned", async () => {
    ctx.sim.control.hangNext(1);
    const controller = new AbortController();
    const pending = fetch(`${ctx.sim.url}/Ping`, { headers: { "Ocp-Apim-Subscription-Key": "key-1" }, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    expect((await send("GET", "/Ping")).status).toBe(200);
  });

  it("is driven over HTTP at /__control for other processes", async () => {
    expect((await send("POST", "/__control/faults", { body: { type: "status", status: 500, count: 1 } })).status).toBe(204);
    expect((await send("GET", "/Ping")).status).toBe(500);
    const claim = await send("POST", "/__control/claims", { body: { uln: 1000000005, familyName: "Family5", standardReference: "ST0070", grade: "merit" } });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ certificateReference: "00000001", status: "Submitted", overallGrade: "Merit", source: "manual" });
    expect((await send("GET", "/api/v1/certificate/1000000005/Family5/ST0070")).body).toMatchObject({ certificateData: { certificateReference: "00000001" } });
    const time = await send("POST", "/__control/time", { body: { advanceMs: 86_400_000 } });
    expect((time.body as { now: string }).now).toBe("2025-06-11T09:00:00.000Z");
    expect((await send("GET", "/__control/certificates/00000001")).body).toMatchObject({ status: "Printed" });
    expect((await send("GET", "/__control/counters")).body).toMatchObject({ total: 2, byStatus: { 500: 1, 200: 1 } });
    expect((await send("POST", "/__control/reset")).status).toBe(204);
    expect((await send("GET", "/__control/counters")).body).toMatchObject({ total: 0 });
  });
});
