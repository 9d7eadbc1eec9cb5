import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { apiRequest, call, tokenFor } from "@/tests/support/api";
import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse, dateFilter, maxBodyBytes, pagination, readAttributes, serverDate, sortParam } from "./http";
import { DOCUMENTED_MAX_BODY_BYTES } from "../dfe/openapi";
import { revokeApiToken, listApiTokens } from "../dfe/tokens";

/** A tiny endpoint built with the same plumbing as every API route. */
const echo = apiRoute(async ({ actor, query, request }) => {
  const page = pagination(query);
  const attributes = request.method === "POST" ? await readAttributes(request) : null;
  return dataResponse({
    leadProvider: actor.leadProviderId,
    now: actor.now.toISOString(),
    page,
    attributes,
    updatedSince: dateFilter(query, "updated_since")?.toISOString() ?? null,
  });
});

let admin: UserActor;
let token: string;
beforeAll(async () => {
  admin = await createUser(await createOrganisation("lead_provider"), "lead_provider_admin");
  token = await tokenFor(admin);
});
afterEach(() => {
  delete process.env.API_RATE_LIMIT;
  // The tests run as a sandbox (tests/support/global-setup.ts); a test that changes it is undone.
  process.env.ATTAIN_ENVIRONMENT = "sandbox";
});

describe("API plumbing", () => {
  it("answers 401 with DfE's body without a token, with a wrong one, with another scheme and after revocation", async () => {
    for (const request of [apiRequest("/x"), apiRequest("/x", { token: "nope" }), apiRequest("/x", { headers: { authorization: `Basic ${token}` } })]) {
      const { status, body } = await call(echo, request);
      expect(status).toBe(401);
      expect(body).toEqual({ error: "HTTP Token: Access denied" });
    }
    const other = await tokenFor(admin);
    expect((await call(echo, apiRequest("/x", { token: other }))).status).toBe(200);
    const id = (await listApiTokens(admin)).find((t) => other.endsWith(t.lastFour) && !t.revokedAt)!.id;
    await revokeApiToken(admin, { tokenId: id });
    expect((await call(echo, apiRequest("/x", { token: other }))).status).toBe(401);
  });

  it("scopes the request to the token's lead provider", async () => {
    const { status, body } = await call(echo, apiRequest("/x", { token }));
    expect(status).toBe(200);
    expect((body.data as { leadProvider: string }).leadProvider).toBe(admin.organisationId);
  });

  it("paginates as DfE does: defaults, the 3000 cap, and 400 for zero, negative or non-numeric", async () => {
    expect(pagination(new URLSearchParams())).toEqual({ page: 1, perPage: 100, offset: 0 });
    expect(pagination(new URLSearchParams("page[page]=3&page[per_page]=5000"))).toEqual({ page: 3, perPage: 3000, offset: 6000 });
    for (const bad of ["page[page]=0", "page[per_page]=-1", "page[page]=abc", "page[per_page]=1.5"]) {
      const { status, body } = await call(echo, apiRequest(`/x?${bad}`, { token }));
      expect(status).toBe(400);
      expect(body).toEqual({
        errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }],
      });
    }
  });

  it("validates date filters and reads URL-encoded ISO 8601", async () => {
    const ok = await call(echo, apiRequest(`/x?filter[updated_since]=${encodeURIComponent("2024-05-13T11:21:55+01:00")}`, { token }));
    expect((ok.body.data as { updatedSince: string }).updatedSince).toBe("2024-05-13T10:21:55.000Z");
    const bad = await call(echo, apiRequest("/x?filter[updated_since]=last-tuesday", { token }));
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The filter '#/updated_since' must be a valid ISO 8601 date" }] },
    });
  });

  it("runs the request at X-With-Server-Date, except in production", async () => {
    const pretend = await call(echo, apiRequest("/x", { token, serverDate: "2025-01-10T10:42:00Z" }));
    expect((pretend.body.data as { now: string }).now).toBe("2025-01-10T10:42:00.000Z");
    process.env.ATTAIN_ENVIRONMENT = "production";
    const real = await call(echo, apiRequest("/x", { token, serverDate: "2025-01-10T10:42:00Z" }));
    expect((real.body.data as { now: string }).now).not.toBe("2025-01-10T10:42:00.000Z");
  });

  it("answers 400 with DfE's body for a malformed JSON body", async () => {
    for (const body of ["{not json", JSON.stringify({ attributes: {} }), JSON.stringify({ data: { attributes: [] } })]) {
      const { status, body: response } = await call(echo, apiRequest("/x", { token, method: "POST", body }));
      expect(status).toBe(400);
      expect(response).toEqual({ errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] });
    }
  });

  it("rate limits per token with 429 'Retry later' and Retry-After", async () => {
    const limited = await tokenFor(admin);
    const fresh = await tokenFor(admin);
    process.env.API_RATE_LIMIT = "3";
    for (let i = 0; i < 3; i++) expect((await call(echo, apiRequest("/x", { token: limited }))).status).toBe(200);
    const over = await call(echo, apiRequest("/x", { token: limited }));
    expect(over.status).toBe(429);
    expect(over.body).toBe("Retry later");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another token of the same lead provider has its own window.
    expect((await call(echo, apiRequest("/x", { token: fresh }))).status).toBe(200);
  });

  it("parses sort with allowed fields only", () => {
    expect(sortParam(new URLSearchParams("sort=-updated_at,created_at,evil"), ["created_at", "updated_at"])).toEqual([
      { field: "updated_at", direction: "desc" },
      { field: "created_at", direction: "asc" },
    ]);
  });
});

/** A request body that records how many bytes the server pulled from it, in chunks of `chunk` bytes. */
function countingBody(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const size = Math.min(chunk, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const raw = (url: string, init: { token: string; method?: string; headers?: Record<string, string>; body?: BodyInit }) =>
  new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "POST",
    headers: { authorization: `Bearer ${init.token}`, ...(init.headers ?? {}) },
    body: init.body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);

const TOO_LARGE = { errors: [{ title: "Payload too large", detail: "The request body must be 1 MB or smaller" }] };
const BAD_BODY = { errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] };

describe("X-With-Server-Date is opt-in (ATTAIN_ENVIRONMENT=sandbox)", () => {
  const pretend = "2025-01-10T10:42:00Z";
  const nowOf = async () => ((await call(echo, apiRequest("/x", { token, serverDate: pretend }))).body.data as { now: string }).now;

  it("is ignored when ATTAIN_ENVIRONMENT is unset, as on a deployment with DATABASE_URL, or anything but sandbox", async () => {
    delete process.env.ATTAIN_ENVIRONMENT;
    expect(await nowOf()).not.toBe("2025-01-10T10:42:00.000Z");
    // A deployment on its own Postgres that does not say it is a sandbox (the clock is read without the database).
    const databaseUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://app@db.example:5432/attain";
    const clock = serverDate(new Request("http://x/", { headers: { "x-with-server-date": pretend } }));
    process.env.DATABASE_URL = databaseUrl;
    expect(clock.getUTCFullYear()).not.toBe(2025);
    for (const value of ["production", "staging", "Sandbox", ""]) {
      process.env.ATTAIN_ENVIRONMENT = value;
      expect(await nowOf(), value).not.toBe("2025-01-10T10:42:00.000Z");
    }
  });

  it("is honoured on a sandbox, where a date Postgres cannot hold is DfE's 400", async () => {
    process.env.ATTAIN_ENVIRONMENT = "sandbox";
    expect(await nowOf()).toBe("2025-01-10T10:42:00.000Z");
    for (const bad of ["soon", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"]) {
      const res = await call(echo, apiRequest("/x", { token, serverDate: bad }));
      expect(res, bad).toMatchObject({
        status: 400,
        body: { errors: [{ title: "Bad request", detail: "The 'X-With-Server-Date' header must be a valid ISO 8601 date and time" }] },
      });
    }
    // Off the sandbox even a nonsense header is simply ignored.
    delete process.env.ATTAIN_ENVIRONMENT;
    expect((await call(echo, apiRequest("/x", { token, serverDate: "soon" }))).status).toBe(200);
  });
});

describe("request bodies: one capped reader", () => {
  afterEach(() => {
    delete process.env.API_MAX_BODY_BYTES;
  });

  it("refuses a declared Content-Length over the cap with a 413 in DfE's shape, reading nothing", async () => {
    const { stream, state } = countingBody(2 * 1024 * 1024);
    const res = await call(
      echo,
      raw("/x", { token, body: stream, headers: { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) } }),
    );
    expect(res).toMatchObject({ status: 413, body: TOO_LARGE });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024); // at most what the stream primes itself with
  });

  it("reads a body without a length with a running count and cancels it past the cap: never more than the cap is held", async () => {
    const { stream, state } = countingBody(2 * 1024 * 1024);
    const res = await call(echo, raw("/x", { token, body: stream, headers: { "content-type": "application/json" } }));
    expect(res).toMatchObject({ status: 413, body: TOO_LARGE });
    expect(state.pulled).toBeLessThan(1024 * 1024 + 3 * 64 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it("takes its cap from API_MAX_BODY_BYTES, and a body within it is read", async () => {
    const body = JSON.stringify({ data: { attributes: { note: "x".repeat(2000) } } });
    expect((await call(echo, apiRequest("/x", { token, method: "POST", body }))).status).toBe(200);
    process.env.API_MAX_BODY_BYTES = "1024";
    expect(await call(echo, apiRequest("/x", { token, method: "POST", body }))).toMatchObject({
      status: 413,
      body: { errors: [{ title: "Payload too large", detail: "The request body must be 1 KB or smaller" }] },
    });
    expect(maxBodyBytes()).toBe(1024);
    process.env.API_MAX_BODY_BYTES = "lots";
    expect(maxBodyBytes()).toBe(1024 * 1024);
    expect(DOCUMENTED_MAX_BODY_BYTES).toBe(maxBodyBytes());
  });

  it("answers a body that is not application/json, or not UTF-8, with DfE's 400", async () => {
    const json = JSON.stringify({ data: { attributes: { a: 1 } } });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      expect(await call(echo, raw("/x", { token, body: json, headers: { "content-type": type } })), type).toMatchObject({ status: 400, body: BAD_BODY });
    }
    // A body without a Content-Type header (fetch would call a string text/plain).
    const untyped = new NextRequest("http://localhost/x", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: new Blob([json]) });
    expect(await call(echo, untyped)).toMatchObject({ status: 400, body: BAD_BODY });
    for (const type of ["application/json; charset=utf-8", "application/vnd.api+json"]) {
      expect((await call(echo, raw("/x", { token, body: json, headers: { "content-type": type } }))).status, type).toBe(200);
    }
    expect(
      await call(echo, raw("/x", { token, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { "content-type": "application/json" } })),
    ).toMatchObject({ status: 400, body: BAD_BODY });
  });
});

describe("values Postgres cannot take are 4xx, never a failed query", () => {
  it("answers a NUL character in the body with a 422 on its attribute, and in the query string with a 400", async () => {
    const res = await call(
      echo,
      apiRequest("/x", { token, method: "POST", body: JSON.stringify({ data: { attributes: { schedule_identifier: "npq-\u0000leadership" } } }) }),
    );
    expect(res).toMatchObject({
      status: 422,
      body: { errors: [{ title: "schedule_identifier", detail: "The property '#/schedule_identifier' must not contain a NUL character (\\u0000)" }] },
    });
    const key = await call(echo, apiRequest("/x", { token, method: "POST", body: JSON.stringify({ data: { attributes: { ["a\u0000"]: 1 } } }) }));
    expect(key.status).toBe(422);
    for (const query of ["filter[from_participant_id]=%00", "sort=-created_at%00", "%00=1"]) {
      const bad = await call(echo, apiRequest(`/x?${query}`, { token }));
      expect(bad.status, query).toBe(400);
      expect((bad.body.errors as { title: string; detail: string }[])[0]).toMatchObject({
        title: "Bad request",
        detail: expect.stringContaining("must not contain a NUL character"),
      });
    }
  });

  it("paginates only to pages whose offset is an exact number: beyond, DfE's 400", async () => {
    expect(pagination(new URLSearchParams("page[page]=1000000"))).toMatchObject({ page: 1_000_000, offset: 99_999_900 });
    for (const page of ["99999999999999999999", "9007199254740993", "3002399751580331"]) {
      const { status, body } = await call(echo, apiRequest(`/x?page[page]=${page}&page[per_page]=3000`, { token }));
      expect(status, page).toBe(400);
      expect(body).toEqual({
        errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }],
      });
    }
  });

  it("takes only real calendar dates in date filters", async () => {
    for (const date of ["2024-02-30", "2024-13-45", "2023-02-29T10:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00"]) {
      const bad = await call(echo, apiRequest(`/x?filter[updated_since]=${encodeURIComponent(date)}`, { token }));
      expect(bad, date).toMatchObject({
        status: 400,
        body: { errors: [{ title: "Bad request", detail: "The filter '#/updated_since' must be a valid ISO 8601 date" }] },
      });
    }
    expect(dateFilter(new URLSearchParams("filter[updated_since]=2024-02-29"), "updated_since")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });
});
