import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test, type Browser } from "./support/test";
import { LoginPage } from "./pages/login-page";

/**
 * Hostile and hand-edited requests against the built server: every portal page and route handler and every Lead
 * Provider API route, enumerated from app/ (so a new one is swept too), signed in as the role it belongs to. Bad
 * input is a 4xx (or a page that ignores the bad filter), never a 500: malformed percent-encoding in any path,
 * NUL and control characters, impossible dates and huge numbers in search params, bad page numbers, bodies that
 * are malformed, not JSON or too large.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const ERROR_PAGE = "Sorry, there is a problem with the service";
const HUGE = "99999999999999999999";

type Entry = { url: string; dynamic: boolean; kind: "page" | "route"; file: string };

/** Every page.tsx and route.ts under app/, as its URL template ([id] segments kept; route groups dropped). */
function appEntries(dir = APP): Entry[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry): Entry[] => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return appEntries(full);
    if (entry.name !== "page.tsx" && entry.name !== "route.ts") return [];
    const url = `/${path
      .relative(APP, path.dirname(full))
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s))
      .join("/")}`;
    return [{ url, dynamic: /\[/.test(url), kind: entry.name === "page.tsx" ? "page" : "route", file: full }];
  });
}

const ENTRIES = appEntries().filter((e) => !e.url.startsWith("/api/auth"));
const PORTAL = ENTRIES.filter((e) => !/^\/api\/v[23]\//.test(e.url));
const API = ENTRIES.filter((e) => /^\/api\/v[23]\//.test(e.url));

const SIGN_INS = {
  admin: ["platform.admin@attain.example", "/admin"],
  epao: ["admin@northern-assessment.example", "/epao"],
  assessor: ["assessor@northern-assessment.example", "/assessor"],
  provider: ["admin@riverside-college.example", "/provider"],
  "lead-provider": ["admin@northstar-td.example", "/lead-provider"],
} as const;
type Area = keyof typeof SIGN_INS;

/** Who opens a URL: its area's user; shared pages (organisation, exports) as the EPAO admin, files as the provider. */
function areaOf(url: string): Area | null {
  const first = url.split("/")[1] ?? "";
  if (first in SIGN_INS) return first as Area;
  if (first === "organisation" || url.startsWith("/api/apprentices") || url.startsWith("/api/certification")) return "epao";
  if (first === "files") return "provider";
  return null;
}

const states = new Map<Area, Awaited<ReturnType<APIRequestContext["storageState"]>>>();
let apiToken = "";

async function signIn(browser: Browser, area: Area) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(SIGN_INS[area][0], SIGN_INS[area][1]);
  return { context, page };
}

async function as(area: Area | null): Promise<APIRequestContext> {
  const baseURL = test.info().project.use.baseURL;
  return playwrightRequest.newContext({ baseURL, storageState: area ? states.get(area) : undefined, maxRedirects: 0 });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  for (const area of Object.keys(SIGN_INS) as Area[]) {
    const { context, page } = await signIn(browser, area);
    if (area === "lead-provider") {
      await page.goto("/lead-provider/api-tokens");
      await page.getByLabel("What is this token for?").fill(`E2E bad input ${Date.now()}`);
      await page.getByRole("button", { name: "Create token" }).click();
      apiToken = (await page.getByLabel("New API token", { exact: true }).textContent())!.trim();
    }
    states.set(area, await context.storageState());
    await context.close();
  }
});

/** A response that is not a server error: under 500, and not the app's error page. */
async function expectNoServerError(response: Awaited<ReturnType<APIRequestContext["get"]>>, where: string) {
  expect(response.status(), where).toBeLessThan(500);
  const type = response.headers()["content-type"] ?? "";
  if (type.includes("html")) expect(await response.text(), where).not.toContain(ERROR_PAGE);
}

// -------------------------------------------------------------------------------------------------------------
// Paths that do not decode, on every [id] page and route handler (portal and API)

const BAD_SEGMENTS = ["%ZZ", "%C0%AF", "%E0%80%AF", "%F0%9F", "%", "abc%G1", "%00", "%0A"];

test("every [id] page and route answers a path that does not decode with a 400 (DfE's body on the API), never a 500", async () => {
  test.setTimeout(180_000);
  const dynamic = ENTRIES.filter((e) => e.dynamic);
  expect(dynamic.length).toBeGreaterThanOrEqual(40);
  for (const entry of dynamic) {
    const client = await as(areaOf(entry.url));
    for (const segment of BAD_SEGMENTS) {
      const url = entry.url.replace(/\[[^\]]+\]/g, segment);
      const methods = entry.kind === "route" ? routeMethods(entry.file) : ["GET"];
      for (const method of methods) {
        const headers: Record<string, string> = { authorization: `Bearer ${apiToken}` };
        if (method !== "GET") headers["content-type"] = "application/json";
        const response = await client.fetch(url, { method, headers, ...(method === "GET" ? {} : { data: "{}" }) });
        const where = `${method} ${url}`;
        expect(response.status(), where).toBe(400);
        if (url.startsWith("/api/v")) {
          expect(await response.json(), where).toEqual({
            errors: [{ title: "Bad request", detail: "The request path is not valid: each part of it must be correctly percent-encoded UTF-8" }],
          });
        } else {
          expect(response.headers()["content-type"], where).toContain("text/html");
          expect(await response.text(), where).toContain("The web address is not valid");
        }
      }
    }
    await client.dispose();
  }
});

test("[id] pages and routes given ids that name nothing answer 4xx, never a 500", async () => {
  test.setTimeout(180_000);
  for (const entry of PORTAL.filter((e) => e.dynamic)) {
    const client = await as(areaOf(entry.url));
    for (const id of ["x", "1", "00000000-0000-0000-0000-000000000000", "%2E%2E", encodeURIComponent("é' OR 1=1"), "a".repeat(300)]) {
      const url = entry.url.replace(/\[[^\]]+\]/g, id);
      await expectNoServerError(await client.get(url), url);
    }
    await client.dispose();
  }
});

// -------------------------------------------------------------------------------------------------------------
// Search params on every portal list page and route (EPAO, provider, assessor apprentice lists, the export, the
// certification errors page and its CSV, the NPQ lists, the activity log, …)

const BAD_QUERIES = [
  "q=%00",
  "q=%00%01%7F",
  `q=${"x".repeat(300)}`,
  "q=a&q=%00",
  "startFrom=2024-13-45",
  "startTo=2024-02-30",
  "endFrom=0000-01-01",
  "endTo=2024-02-30",
  `ageOver=${HUGE}`,
  "ageOver=-3",
  `page=${HUGE}`,
  "page=%00",
  `perPage=${HUGE}`,
  `cohort=${HUGE}`,
  "from=2024-02-30",
  "to=0000-01-01",
  "action=%00",
  "actor=%00",
  "view=%00",
  "status=%00&standard=%00&provider=%00&epao=%00&assessor=%00",
  "sort=%00&dir=%00",
  "done=%00",
  `assigned=${HUGE}&to=%00`,
  "discarded=%00&accepted=%00&requested=%00&added=%00",
];

for (const entry of PORTAL.filter((e) => !e.dynamic && !(e.kind === "route" && routeMethods(e.file).every((m) => m !== "GET")))) {
  test(`${entry.url}: bad search params are ignored or a 4xx, never a 500`, async () => {
    const client = await as(areaOf(entry.url));
    for (const query of BAD_QUERIES) {
      const url = `${entry.url}?${query}`;
      await expectNoServerError(await client.get(url), url);
    }
    await client.dispose();
  });
}

test("the apprentice list says which date filters it could not apply", async ({ browser }) => {
  const context = await browser.newContext({ storageState: states.get("epao") });
  const page = await context.newPage();
  const response = await page.goto("/epao/apprentices?startFrom=2024-13-45&endTo=2024-02-30&q=%00Smith");
  expect(response?.status()).toBe(200);
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Start date from must be a real date, like 2024-09-01: this filter was not applied");
  await expect(summary).toContainText("Planned end to must be a real date, like 2026-08-31: this filter was not applied");
  await expect(page.getByLabel("Name or ULN")).toHaveValue("Smith");
  await expect(page.getByLabel("Start date from")).toHaveAttribute("aria-invalid", "true");
  await context.close();
});

// -------------------------------------------------------------------------------------------------------------
// The Lead Provider API

/** The HTTP methods a route file exports. */
function routeMethods(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (const|async function) ${m}\\b`).test(source));
}

const BAD_BODY = { errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] };

test("every API list answers bad page numbers, NUL characters and impossible dates with DfE's 400", async () => {
  test.setTimeout(120_000);
  const client = await as(null);
  const auth = { authorization: `Bearer ${apiToken}` };
  const lists = API.filter((e) => !e.url.endsWith("]") && routeMethods(e.file).includes("GET"));
  expect(lists.length).toBeGreaterThanOrEqual(10);
  const someId = "00000000-0000-4000-8000-000000000000";
  for (const entry of lists) {
    const source = fs.readFileSync(entry.file, "utf8");
    const url = entry.url.replace(/\[[^\]]+\]/g, someId);
    for (const page of [HUGE, "9007199254740993"]) {
      const response = await client.get(`${url}?page[page]=${page}`, { headers: auth });
      if (source.includes("pagination(") && !entry.dynamic) {
        expect(response.status(), `${url} page ${page}`).toBe(400);
        expect(await response.json()).toEqual({
          errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }],
        });
      } else expect(response.status(), `${url} page ${page}`).toBeLessThan(500);
    }
    for (const query of ["filter[from_participant_id]=%00", "filter[cohort]=%00", "sort=%00", "%00=x"]) {
      const response = await client.get(`${url}?${query}`, { headers: auth });
      expect(response.status(), `${url}?${query}`).toBe(400);
      expect(((await response.json()) as { errors: { title: string }[] }).errors[0]!.title).toBe("Bad request");
    }
    for (const date of ["2024-13-45", "2024-02-30"]) {
      const response = await client.get(`${url}?filter[updated_since]=${date}&filter[created_since]=${date}`, { headers: auth });
      if (source.includes("dateFilter(")) expect(response.status(), `${url} ${date}`).toBe(400);
      else expect(response.status(), `${url} ${date}`).toBeLessThan(500);
    }
  }
  await client.dispose();
});

test("every API POST and PUT answers a malformed or non-JSON body with DfE's 400; a reject with a malformed body rejects nothing", async () => {
  test.setTimeout(120_000);
  const client = await as(null);
  const auth = { authorization: `Bearer ${apiToken}` };
  const first = async (list: string) =>
    ((await (await client.get(`${list}?page[per_page]=1`, { headers: auth })).json()) as { data: { id: string }[] }).data[0]?.id;
  const pending = (
    (await (await client.get("/api/v3/npq-applications?page[per_page]=3000", { headers: auth })).json()) as {
      data: { id: string; attributes: { status: string } }[];
    }
  ).data.find((a) => a.attributes.status === "pending");
  expect(pending, "the demo data has a pending application").toBeTruthy();
  const ids: Record<string, string | undefined> = {
    "/api/v3/npq-applications": pending?.id,
    "/api/v3/participants/npq": await first("/api/v3/participants/npq"),
    "/api/v3/participant-declarations": await first("/api/v3/participant-declarations"),
    "/api/v2/participants/ecf": await first("/api/v2/participants/ecf"),
    "/api/v2/participant-declarations": await first("/api/v2/participant-declarations"),
  };
  for (const entry of API) {
    for (const method of routeMethods(entry.file).filter((m) => m !== "GET")) {
      const resource = entry.url.includes("[") ? entry.url.slice(0, entry.url.indexOf("/[")) : entry.url;
      const real = ids[resource];
      const url = entry.url.replace(/\[[^\]]+\]/g, real ?? crypto.randomUUID());
      for (const [data, type] of [
        ["{oops", "application/json"],
        [JSON.stringify({ data: { type: "x", attributes: { reason: "other-funding" } } }), "text/plain"],
      ] as const) {
        // A Buffer, so Playwright sends the bytes as they are (it would JSON-encode a string sent as application/json).
        const response = await client.fetch(url, { method, data: Buffer.from(data), headers: { ...auth, "content-type": type } });
        const where = `${method} ${url} (${type})`;
        // An {id} route finds the record first (as DfE's do): without a real one here, a 404 is the right answer too.
        if (real || !entry.dynamic) {
          expect(response.status(), where).toBe(400);
          expect(await response.json(), where).toEqual(BAD_BODY);
        } else expect([400, 404], where).toContain(response.status());
      }
    }
  }
  const after = await client.get(`/api/v3/npq-applications/${pending!.id}`, { headers: auth });
  expect(((await after.json()) as { data: { attributes: { status: string } } }).data.attributes.status).toBe("pending");
  await client.dispose();
});

/**
 * POSTs a body of `total` bytes to the API over a raw HTTP connection, producing it lazily in 64 KB chunks. After
 * `holdAt` bytes it stops producing and waits for the server's answer: a server that wanted the whole body first
 * would never answer (and the test times out); one that refuses it past its cap answers while the rest is unsent.
 */
function postLazily(pathname: string, options: { total: number; holdAt: number; declareLength: boolean }) {
  const base = new URL(test.info().project.use.baseURL!);
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string> = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
    if (options.declareLength) headers["content-length"] = String(options.total);
    const req = http.request({ host: base.hostname, port: base.port, path: pathname, method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const timer = setTimeout(() => reject(new Error(`No answer after ${sent} bytes: the server waited for the whole body`)), 15_000);
    req.on("close", () => clearTimeout(timer));
    void (async () => {
      while (sent < options.total && !answered) {
        if (sent >= options.holdAt) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
    })().catch(() => {});
  });
}

test("a 2 MB API body is answered 413 without being read whole, with or without a Content-Length", async () => {
  const tooLarge = { errors: [{ title: "Payload too large", detail: "The request body must be 1 MB or smaller" }] };
  const declared = await postLazily("/api/v3/participant-declarations", { total: 2 * 1024 * 1024, holdAt: 64 * 1024, declareLength: true });
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body)).toEqual(tooLarge);
  expect(declared.sent).toBeLessThanOrEqual(64 * 1024);
  const chunked = await postLazily("/api/v3/participant-declarations", { total: 2 * 1024 * 1024, holdAt: 1024 * 1024 + 256 * 1024, declareLength: false });
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body)).toEqual(tooLarge);
  expect(chunked.sent).toBeLessThan(2 * 1024 * 1024);
});
