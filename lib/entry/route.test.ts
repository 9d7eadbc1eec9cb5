import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { ApiValidationError } from "@/lib/api/http";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

// The wrapper reads the signed-in user from the session: stand in for it.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/session", () => ({ getActor: async () => session.actor }));

const { route } = await import("./route");
const { upload } = await import("./uploads");

const ACTOR: UserActor = {
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  role: "provider_admin",
  organisationId: "00000000-0000-4000-8000-000000000002",
  organisationType: "training_provider",
  organisationName: "Example Training",
  name: "Ann Example",
  email: "ann@example.test",
};

const SITE = "attain.example";
function request(method: string, { origin, body, headers }: { origin?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  return new NextRequest(`https://${SITE}/files/x?q=1`, {
    method,
    body,
    headers: { "x-forwarded-host": SITE, ...(origin ? { origin } : {}), ...headers },
  });
}
const noParams = { params: Promise.resolve({}) };

async function read(response: Response) {
  return { status: response.status, type: response.headers.get("content-type"), cache: response.headers.get("cache-control"), body: await response.text() };
}

beforeEach(() => {
  session.actor = ACTOR;
});

describe("route: the portal's route-handler wrapper", () => {
  it("answers 401 in the route's format when nobody is signed in, without calling the handler", async () => {
    session.actor = null;
    const handler = vi.fn(async () => new Response("secret"));
    expect(await read(await route({ problems: "text", signedOut: "Sign in to open this file." }, handler)(request("GET"), noParams))).toEqual({
      status: 401,
      type: "text/plain; charset=utf-8",
      cache: "no-store",
      body: "Sign in to open this file.",
    });
    const json = await read(await route({ problems: "json", signedOut: "Your session has ended." }, handler)(request("POST"), noParams));
    expect(json).toMatchObject({ status: 401, body: JSON.stringify({ message: "Your session has ended.", fieldErrors: {} }) });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a write from another site, and lets reads and same-site writes through", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const post = route({ problems: "json", signedOut: "Sign in.", crossSite: "This upload did not come from Attain." }, handler);
    expect(await read(await post(request("POST", { origin: "https://evil.example" }), noParams))).toMatchObject({
      status: 403,
      body: JSON.stringify({ message: "This upload did not come from Attain.", fieldErrors: {} }),
    });
    expect((await post(request("DELETE", { origin: "not a url" }), noParams)).status).toBe(403);
    expect(
      await read(await route({ problems: "text", signedOut: "Sign in." }, handler)(request("PUT", { origin: "https://evil.example" }), noParams)),
    ).toMatchObject({
      status: 403,
      body: "This request did not come from Attain.",
    });
    expect(handler).not.toHaveBeenCalled();
    expect((await post(request("POST", { origin: `https://${SITE}` }), noParams)).status).toBe(200);
    expect((await post(request("POST"), noParams)).status).toBe(200);
    expect((await post(request("GET", { origin: "https://evil.example" }), noParams)).status).toBe(200);
  });

  it("hands the handler the actor, the request and the route's params", async () => {
    const get = route<{ id: string }>({ problems: "text", signedOut: "Sign in." }, async ({ actor, request, params }) =>
      Response.json({ user: actor.userId, q: request.nextUrl.searchParams.get("q"), id: params.id }),
    );
    expect(await (await get(request("GET"), { params: Promise.resolve({ id: "abc" }) })).json()).toEqual({ user: ACTOR.userId, q: "1", id: "abc" });
  });

  it("maps service errors by the table: plain text for downloads, JSON with field errors for forms", async () => {
    const failing = (error: Error, problems: "text" | "json", forbidden?: string) =>
      route({ problems, signedOut: "Sign in.", forbidden }, async () => {
        throw error;
      })(request("GET"), noParams);
    expect(await read(await failing(new NotFoundError(), "text"))).toEqual({
      status: 404,
      type: "text/plain; charset=utf-8",
      cache: "no-store",
      body: "Not found.",
    });
    expect(await read(await failing(new ForbiddenError(), "text"))).toMatchObject({ status: 403, body: "You do not have permission to do that." });
    expect(await read(await failing(new ForbiddenError(), "text", "You do not have permission to export records."))).toMatchObject({
      status: 403,
      body: "You do not have permission to export records.",
    });
    expect(await read(await failing(new ConflictError("Changed."), "json"))).toMatchObject({
      status: 409,
      body: JSON.stringify({ message: "Changed.", fieldErrors: {} }),
    });
    expect(await read(await failing(new ValidationError({ file: "The file is empty", title: "Enter a title" }), "json"))).toEqual({
      status: 422,
      type: expect.stringContaining("application/json"),
      cache: "no-store",
      body: JSON.stringify({ message: "The file is empty", fieldErrors: { file: "The file is empty", title: "Enter a title" } }),
    });
    expect(await read(await failing(new ValidationError({ file: "The file is empty" }), "text"))).toMatchObject({ status: 422, body: "The file is empty" });
  });

  it("re-throws what is not a portal service error (a 500)", async () => {
    const failing = (error: Error) =>
      route({ problems: "text", signedOut: "Sign in." }, async () => {
        throw error;
      })(request("GET"), noParams);
    await expect(failing(new Error("connection lost"))).rejects.toThrow("connection lost");
    await expect(failing(new ApiValidationError([{ title: "a", detail: "b" }]))).rejects.toBeInstanceOf(ApiValidationError);
  });
});

describe("upload: the upload route handlers", () => {
  const LIMITS = () => ({ maxRequestBytes: 4096, maxFileBytes: 10, tooBig: "The selected file must be smaller than 10 bytes", choose: "Select a file" });
  function multipart(files: { name: string; content: string }[], fields: Record<string, string> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append("file", new File([f.content], f.name));
    return form;
  }

  it("reads the form's files and fields and answers 201 with the service's result", async () => {
    const seen: unknown[] = [];
    const post = upload<{ id: string }>(async ({ actor, form, files, params }) => {
      seen.push({ user: actor.userId, note: form.get("note"), files: files.map((f) => [f.name, new TextDecoder().decode(f.bytes)]), id: params.id });
      return { stored: files.length };
    });
    const response = await post(request("POST", { origin: `https://${SITE}`, body: multipart([{ name: "a.txt", content: "hello" }], { note: "hi" }) }), {
      params: Promise.resolve({ id: "r1" }),
    });
    expect(await read(response)).toMatchObject({ status: 201, cache: "no-store", body: JSON.stringify({ message: "Uploaded", result: { stored: 1 } }) });
    expect(seen).toEqual([{ user: ACTOR.userId, note: "hi", files: [["a.txt", "hello"]], id: "r1" }]);
  });

  it("refuses a cross-site upload, a declared body over the limit, a form that does not parse and a file over the limit", async () => {
    const run = vi.fn(async () => null);
    const post = upload(run, { limits: LIMITS, reply: () => ({}) });
    expect(await read(await post(request("POST", { origin: "https://evil.example", body: multipart([]) }), noParams))).toMatchObject({
      status: 403,
      body: JSON.stringify({ message: "This upload did not come from Attain.", fieldErrors: {} }),
    });
    const tooBig = JSON.stringify({ message: LIMITS().tooBig, fieldErrors: { file: LIMITS().tooBig } });
    expect(await read(await post(request("POST", { body: "x".repeat(10), headers: { "content-length": "5000" } }), noParams))).toMatchObject({
      status: 413,
      body: tooBig,
    });
    expect(
      await read(await post(request("POST", { body: "not a form", headers: { "content-type": "multipart/form-data; boundary=x" } }), noParams)),
    ).toMatchObject({
      status: 400,
      body: JSON.stringify({ message: "Select a file", fieldErrors: { file: "Select a file" } }),
    });
    expect(await read(await post(request("POST", { body: multipart([{ name: "big.txt", content: "more than ten bytes" }]) }), noParams))).toMatchObject({
      status: 413,
      body: tooBig,
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers the service's refusal as JSON with the first field's message", async () => {
    const post = upload(async () => {
      throw new ValidationError({ file: "The selected file must be a PDF" });
    });
    expect(await read(await post(request("POST", { body: multipart([{ name: "a.exe", content: "MZ" }]) }), noParams))).toMatchObject({
      status: 422,
      body: JSON.stringify({ message: "The selected file must be a PDF", fieldErrors: { file: "The selected file must be a PDF" } }),
    });
  });
});
