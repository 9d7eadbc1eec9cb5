import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { declarations, npqApplications } from "@/db/schema";
import { db } from "@/lib/db";
import { createDeclaration } from "@/lib/npq/declarations";
import { findSchedule } from "@/lib/dfe/schedules";
import { toCsv } from "@/lib/ecf/csv";
import { csvCell } from "@/lib/csv";
import { tokenFor } from "@/tests/support/api";
import { createEcfParticipant, ecfStatements, insertEcfDeclaration } from "@/tests/support/ecf";
import { createApplication, createDeliveryPartner, createLeadProvider, createParticipant, createStatements } from "@/tests/support/npq";

/**
 * The Lead Provider API against bad input, table-driven over every route file under app/api/v2 and app/api/v3 (read
 * from the filesystem, so a new route is swept too): each bad request is a 4xx in DfE's shape, never a 500 (a
 * handler that throws counts as one). The same inputs at HTTP level, with malformed paths, are in e2e/bad-input.spec.ts.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_DATE = "2024-11-15T10:00:00Z";
const BAD_BODY = { errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] };
const BAD_PAGE = { errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }] };

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { template: string; method: string; handler: Handler; source: string };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

async function apiRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of [...routeFiles(path.join(ROOT, "app/api/v2")), ...routeFiles(path.join(ROOT, "app/api/v3"))].sort()) {
    const template = `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    const handlers = (await import(file)) as Record<string, unknown>;
    const source = fs.readFileSync(file, "utf8");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof handlers[method] === "function") routes.push({ template, method, handler: handlers[method] as Handler, source });
    }
  }
  return routes;
}

/** Calls a handler as Next would; a thrown error is the 500 Next would send. */
async function send(route: Route, id: string | undefined, init: { query?: string; body?: BodyInit; contentType?: string } = {}) {
  const url = `http://localhost${route.template.replace("{id}", id ?? "")}${init.query ? `?${init.query}` : ""}`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "x-with-server-date": SERVER_DATE };
  if (init.contentType) headers["content-type"] = init.contentType;
  const request = new NextRequest(url, { method: route.method, headers, body: init.body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  let response: Response;
  try {
    response = await route.handler(request, { params: Promise.resolve<Record<string, string>>(id === undefined ? {} : { id }) });
  } catch (error) {
    return { status: 500, body: String(error) as unknown, where: `${route.method} ${url}` };
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* CSV or text */
  }
  return { status: response.status, body, where: `${route.method} ${url}` };
}

/** A 4xx whose body is DfE's error shape ({"errors":[{title, detail}]}, or {"error"} for 401/404). */
function expectDfeError(res: { status: number; body: unknown; where: string }, status?: number) {
  if (status !== undefined) expect(res.status, res.where).toBe(status);
  expect(res.status, `${res.where}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${res.where}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  const body = res.body as { errors?: { title: unknown; detail: unknown }[]; error?: unknown };
  if (res.status === 401 || res.status === 404) expect(typeof body.error, res.where).toBe("string");
  else {
    expect(Array.isArray(body.errors), `${res.where}: ${JSON.stringify(res.body)}`).toBe(true);
    for (const e of body.errors!) expect([typeof e.title, typeof e.detail], res.where).toEqual(["string", "string"]);
  }
}

let routes: Route[];
let token: string;
/** A real record of this lead provider for each resource an {id} route names (by the path before the {id}). */
let ids: Record<string, string>;
let pendingApplicationId: string;
let npqDeclarationId: string;
let ecfDeclarationId: string;

beforeAll(async () => {
  routes = await apiRoutes();
  const lp = await createLeadProvider(new Date(SERVER_DATE));
  token = await tokenFor(lp.admin);
  const [statement] = await createStatements(lp.org.id, 2024, [
    { year: 2024, month: 11 },
    { year: 2024, month: 12 },
  ]);
  await ecfStatements(lp.org.id, 2024, { year: 2024, month: 11 }, 2);
  const partner = await createDeliveryPartner(lp.org.id, [2024]);
  const pending = await createApplication(lp.org.id, (await createParticipant()).id);
  const schedule = await findSchedule(db(), "npq-leadership-autumn", 2024);
  const enrolled = await createParticipant();
  await createApplication(lp.org.id, enrolled.id, {
    status: "accepted",
    trainingStatus: "active",
    scheduleId: schedule!.id,
    acceptedAt: new Date("2024-10-05T09:00:00Z"),
  });
  const declaration = await createDeclaration(lp.actor, {
    participant_id: enrolled.id,
    declaration_type: "started",
    declaration_date: "2024-11-10T10:00:00Z",
    course_identifier: "npq-senior-leadership",
    delivery_partner_id: partner.id,
  });
  const ecf = await createEcfParticipant(lp.org.id);
  const ecfDeclaration = await insertEcfDeclaration(ecf.profile);
  pendingApplicationId = pending.id;
  npqDeclarationId = declaration.id;
  ecfDeclarationId = ecfDeclaration.id;
  ids = {
    "/api/v3/npq-applications": pending.id,
    "/api/v3/participants/npq": enrolled.id,
    "/api/v3/participant-declarations": declaration.id,
    "/api/v3/statements": statement!.id,
    "/api/v3/delivery-partners": partner.id,
    "/api/v2/participants/ecf": ecf.participant.id,
    "/api/v2/participant-declarations": ecfDeclaration.id,
  };
});

function idFor(route: Route): string | undefined {
  if (!route.template.includes("{id}")) return undefined;
  const resource = route.template.slice(0, route.template.indexOf("/{id}"));
  const id = ids[resource];
  if (!id) throw new Error(`${route.template}: give this test a record for ${resource} (ids in beforeAll)`);
  return id;
}

describe("every API route, with bad input: a DfE 4xx, never a 500", () => {
  it("finds the routes (v2 and v3, lists, {id} routes, actions)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const gets = routes.filter((r) => r.method === "GET" && !r.template.endsWith("{id}"));
    // The 8 paginated JSON lists, the participant's outcomes and the 2 CSV downloads.
    expect(gets.filter((r) => /\b(pagination|listFilters)\(/.test(r.source)).length).toBeGreaterThanOrEqual(9);
  });

  it("a page number whose offset cannot be sent to Postgres is DfE's 400 on every paginated list; other GETs ignore it", async () => {
    for (const route of routes.filter((r) => r.method === "GET")) {
      for (const page of ["99999999999999999999", "9007199254740993", "1e400"]) {
        const res = await send(route, idFor(route), { query: `page[page]=${page}` });
        if (/\b(pagination|listFilters)\(/.test(route.source)) {
          expectDfeError(res, 400);
          expect(res.body, res.where).toEqual(BAD_PAGE);
        } else expect(res.status, res.where).toBeLessThan(500);
      }
    }
  });

  it("a NUL character in any query parameter (name or value) is DfE's 400 on every route", async () => {
    const queries = [
      "filter[cohort]=2024%00",
      "filter[participant_id]=%00",
      "filter[from_participant_id]=%00",
      "filter[training_status]=active%00",
      "filter[updated_since]=%00",
      "sort=%00",
      "%00=1",
      "page[page]=1%00",
    ];
    for (const route of routes) {
      for (const query of queries)
        expectDfeError(await send(route, idFor(route), { query, ...(route.method === "GET" ? {} : { body: "{}", contentType: "application/json" }) }), 400);
    }
  });

  it("an impossible date in a date filter is DfE's 400 wherever the filter is read", async () => {
    for (const route of routes.filter((r) => r.method === "GET")) {
      for (const name of ["updated_since", "created_since"]) {
        for (const date of ["2024-13-45", "2024-02-30", "0000-01-01T00:00:00Z"]) {
          const res = await send(route, idFor(route), { query: `filter[${name}]=${encodeURIComponent(date)}` });
          if (route.source.includes(`dateFilter(query, "${name}")`) || new RegExp(`listFilters\\([^)]*"${name}"`).test(route.source)) {
            expectDfeError(res, 400);
            expect(res.body, res.where).toEqual({ errors: [{ title: "Bad request", detail: `The filter '#/${name}' must be a valid ISO 8601 date` }] });
          } else expect(res.status, res.where).toBeLessThan(500);
        }
      }
    }
  });

  it("huge or odd numbers in filters are never a 500", async () => {
    for (const route of routes.filter((r) => r.method === "GET")) {
      for (const query of [
        "filter[cohort]=99999999999999999999",
        "page[per_page]=99999999999999999999",
        "filter[participant_id]=99999999999999999999",
        "sort=-99999999999999999999",
      ]) {
        const res = await send(route, idFor(route), { query });
        expect(res.status, `${res.where}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    }
  });

  it("every POST and PUT answers a malformed JSON body, or a body that is not application/json, with DfE's 400 and changes nothing", async () => {
    const actions = routes.filter((r) => r.method !== "GET");
    expect(actions.map((r) => `${r.method} ${r.template}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v3/npq-applications/{id}/reject",
        "PUT /api/v3/participant-declarations/{id}/void",
        "PUT /api/v2/participant-declarations/{id}/void",
      ]),
    );
    for (const route of actions) {
      for (const [body, contentType] of [
        ["{oops", "application/json"],
        ['{"data":{"attributes":', "application/json"],
        [JSON.stringify({ data: { type: "x", attributes: { reason: "other" } } }), "text/plain"],
        ["data[attributes][reason]=other", "application/x-www-form-urlencoded"],
      ] as const) {
        const res = await send(route, idFor(route), { body, contentType });
        expectDfeError(res, 400);
        expect(res.body, res.where).toEqual(BAD_BODY);
      }
    }
    const [application] = await db().select({ status: npqApplications.status }).from(npqApplications).where(eq(npqApplications.id, pendingApplicationId));
    expect(application!.status).toBe("pending");
    for (const id of [npqDeclarationId, ecfDeclarationId]) {
      const [declaration] = await db().select({ state: declarations.state }).from(declarations).where(eq(declarations.id, id));
      expect(declaration!.state).not.toBe("voided");
    }
  });

  it("every POST and PUT answers a NUL character in an attribute (schedule_identifier and the rest) with a 422 on that attribute", async () => {
    for (const route of routes.filter((r) => r.method !== "GET")) {
      for (const attribute of ["schedule_identifier", "course_identifier", "reason", "participant_id", "declaration_type"]) {
        const body = JSON.stringify({
          data: {
            type: "x",
            attributes: {
              schedule_identifier: "npq-leadership-spring",
              course_identifier: "npq-senior-leadership",
              cohort: 2024,
              funded_place: true,
              [attribute]: "npq-\u0000leadership",
            },
          },
        });
        const res = await send(route, idFor(route), { body, contentType: "application/json" });
        expectDfeError(res, 422);
        expect(res.body, res.where).toEqual({
          errors: [{ title: attribute, detail: `The property '#/${attribute}' must not contain a NUL character (\\u0000)` }],
        });
      }
    }
  });

  it("every POST and PUT answers a 2 MB body with a 413 in DfE's shape", async () => {
    const big = JSON.stringify({ data: { type: "x", attributes: { note: "x".repeat(2 * 1024 * 1024) } } });
    for (const route of routes.filter((r) => r.method !== "GET")) {
      const res = await send(route, idFor(route), { body: big, contentType: "application/json" });
      expectDfeError(res, 413);
      expect(res.body, res.where).toEqual({ errors: [{ title: "Payload too large", detail: "The request body must be 1 MB or smaller" }] });
    }
  });
});

describe("the v2 CSV downloads write cells as the portal's exports do", () => {
  it("neutralises cells a spreadsheet would run as formulas, with the portal's csvCell", async () => {
    const lp = await createLeadProvider(new Date(SERVER_DATE));
    const lpToken = await tokenFor(lp.admin);
    const formula = '=HYPERLINK("https://evil.example","Click")';
    await createEcfParticipant(lp.org.id, { participant: { fullName: formula, email: "+44@school.example" } });
    const route = routes.find((r) => r.template === "/api/v2/participants/ecf.csv")!;
    const request = new NextRequest("http://localhost/api/v2/participants/ecf.csv", { headers: { authorization: `Bearer ${lpToken}` } });
    const csv = await (await route.handler(request, { params: Promise.resolve({}) })).text();
    const row = csv.split("\n")[1]!;
    expect(row).toContain(`,${csvCell(formula)},`);
    expect(csvCell(formula)).toBe(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(row).toContain(",'+44@school.example,");
    for (const cell of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(toCsv(["a"], [{ a: cell }])).toBe(`a\n${csvCell(cell)}\n`);
    // As DfE's (Ruby's CSV): an empty value is quoted.
    expect(toCsv(["a", "b"], [{ a: null, b: "" }])).toBe('a,b\n"",""\n');
  });
});
