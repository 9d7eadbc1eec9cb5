import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { declarations, deliveryPartners, npqApplications, participants } from "@/db/schema";
import { db } from "@/lib/db";
import { findSchedule } from "@/lib/dfe";
import { apiRequest, call, tokenFor } from "@/tests/support/api";
import { createApplication, createDeliveryPartner, createLeadProvider, createParticipant, createStatements } from "@/tests/support/npq";
import { expectConforms } from "@/tests/support/openapi";
import * as declarationsRoute from "./participant-declarations/route";
import * as declarationRoute from "./participant-declarations/[id]/route";
import * as voidRoute from "./participant-declarations/[id]/void/route";
import * as changePartnerRoute from "./participant-declarations/[id]/change-delivery-partner/route";
import * as statementsRoute from "./statements/route";
import * as statementRoute from "./statements/[id]/route";
import * as partnersRoute from "./delivery-partners/route";
import * as partnerRoute from "./delivery-partners/[id]/route";

const BASE = "http://localhost/api/v3";
const SERVER_DATE = "2024-11-15T10:00:00Z";
const DENIED = { error: "HTTP Token: Access denied" };
const NOT_FOUND = { error: "Resource not found" };
const BAD_PAGE = { errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }] };
const BAD_BODY = { errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] };

/**
 * Checks a response against the DfE spec. Where the spec does not document that status for that operation (400s
 * on GET lists, the delivery partner show endpoint), the body is checked against the same DfE schema where the
 * spec does document it.
 */
const SAME_SCHEMA_AS: Record<number, [string, string]> = {
  400: ["/api/v3/participant-declarations", "post"],
  401: ["/api/v3/participant-declarations", "get"],
  404: ["/api/v3/statements/{id}", "get"],
  422: ["/api/v3/participant-declarations", "post"],
};
function conforms(pathTemplate: string, method: string, res: { status: number; body: unknown }) {
  const checked = res.body;
  try {
    expectConforms(pathTemplate, method, res.status, checked);
  } catch (error) {
    const fallback = SAME_SCHEMA_AS[res.status];
    if (!fallback || !/has no|documents no/.test((error as Error).message)) throw error;
    expectConforms(fallback[0], fallback[1], res.status, checked);
  }
}

type Provider = Awaited<ReturnType<typeof provider>>;
async function provider() {
  const lp = await createLeadProvider();
  const token = await tokenFor(lp.admin);
  const statements = await createStatements(lp.org.id, 2024, [
    { year: 2024, month: 11 },
    { year: 2024, month: 12 },
    { year: 2025, month: 1 },
  ]);
  const partner = await createDeliveryPartner(lp.org.id, [2024]);
  return { ...lp, token, statements, partner, byMonth: (m: number) => statements.find((s) => s.month === m)! };
}

async function enrol(lp: Provider, app: Partial<typeof npqApplications.$inferInsert> = {}) {
  const participant = await createParticipant();
  const schedule = await findSchedule(db(), "npq-leadership-autumn", 2024);
  const application = await createApplication(lp.org.id, participant.id, {
    status: "accepted",
    trainingStatus: "active",
    scheduleId: schedule!.id,
    acceptedAt: new Date("2024-10-05T09:00:00Z"),
    ...app,
  });
  return { participant, application };
}

const body = (attributes: Record<string, unknown>) => ({ data: { type: "participant-declaration", attributes } });
const startedAttrs = (lp: Provider, participantId: string, overrides: Record<string, unknown> = {}) => ({
  participant_id: participantId,
  declaration_type: "started",
  declaration_date: "2024-11-10T10:00:00Z",
  course_identifier: "npq-senior-leadership",
  delivery_partner_id: lp.partner.id,
  ...overrides,
});

/** `serverDate` null: no X-With-Server-Date header (the real clock). */
function post(lp: Provider, attributes: Record<string, unknown>, serverDate: string | null = SERVER_DATE) {
  return call(
    declarationsRoute.POST,
    apiRequest(`${BASE}/participant-declarations`, { token: lp.token, method: "POST", body: body(attributes), serverDate: serverDate ?? undefined }),
  );
}
async function declare(lp: Provider, participantId: string, overrides: Record<string, unknown> = {}, serverDate = SERVER_DATE) {
  const res = await post(lp, startedAttrs(lp, participantId, overrides), serverDate);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  conforms("/api/v3/participant-declarations", "post", res);
  return (res.body as { data: { id: string; attributes: Record<string, unknown> } }).data;
}
const list = (lp: Provider, path: string, query = "") => call(declarationsRoute.GET, apiRequest(`${BASE}/${path}${query}`, { token: lp.token }));
const ids = (res: { body: unknown }) => (res.body as { data: { id: string }[] }).data.map((d) => d.id);

let lp: Provider;
let other: Provider;
beforeAll(async () => {
  [lp, other] = await Promise.all([provider(), provider()]);
});

describe("authentication", () => {
  const id = crypto.randomUUID();
  const routes = [
    {
      name: "GET declarations",
      handler: declarationsRoute.GET,
      path: "/api/v3/participant-declarations",
      url: "participant-declarations",
      method: "GET",
      params: {},
    },
    {
      name: "POST declarations",
      handler: declarationsRoute.POST,
      path: "/api/v3/participant-declarations",
      url: "participant-declarations",
      method: "POST",
      params: {},
    },
    {
      name: "GET declaration",
      handler: declarationRoute.GET,
      path: "/api/v3/participant-declarations/{id}",
      url: `participant-declarations/${id}`,
      method: "GET",
      params: { id },
    },
    {
      name: "PUT void",
      handler: voidRoute.PUT,
      path: "/api/v3/participant-declarations/{id}/void",
      url: `participant-declarations/${id}/void`,
      method: "PUT",
      params: { id },
    },
    {
      name: "PUT change-delivery-partner",
      handler: changePartnerRoute.PUT,
      path: "/api/v3/participant-declarations/{id}/change-delivery-partner",
      url: `participant-declarations/${id}/change-delivery-partner`,
      method: "PUT",
      params: { id },
    },
    { name: "GET statements", handler: statementsRoute.GET, path: "/api/v3/statements", url: "statements", method: "GET", params: {} },
    { name: "GET statement", handler: statementRoute.GET, path: "/api/v3/statements/{id}", url: `statements/${id}`, method: "GET", params: { id } },
    { name: "GET delivery partners", handler: partnersRoute.GET, path: "/api/v3/delivery-partners", url: "delivery-partners", method: "GET", params: {} },
    {
      name: "GET delivery partner",
      handler: partnerRoute.GET,
      path: "/api/v3/delivery-partners/{id}",
      url: `delivery-partners/${id}`,
      method: "GET",
      params: { id },
    },
  ] as const;

  for (const route of routes) {
    it(`${route.name}: no token or a wrong token → 401 {"error":"HTTP Token: Access denied"}`, async () => {
      for (const token of [undefined, "not-a-real-token"]) {
        const res = await call(
          route.handler as typeof declarationRoute.GET,
          apiRequest(`${BASE}/${route.url}`, { token, method: route.method }),
          route.params as { id: string },
        );
        expect(res.status).toBe(401);
        expect(res.body).toEqual(DENIED);
        conforms(route.path, route.method, res);
      }
    });
  }
});

describe("POST /api/v3/participant-declarations", () => {
  it("records a declaration and answers 200 with it", async () => {
    const { participant, application } = await enrol(lp);
    const res = await post(lp, startedAttrs(lp, participant.id));
    expect(res.status).toBe(200);
    conforms("/api/v3/participant-declarations", "post", res);
    const data = (res.body as { data: { id: string; type: string; attributes: Record<string, unknown> } }).data;
    expect(data.type).toBe("participant-declaration");
    expect(data.attributes).toMatchObject({
      participant_id: participant.id,
      application_id: application.id,
      state: "eligible",
      statement_id: lp.byMonth(11).id,
      has_passed: null,
      uplift_paid: false,
      lead_provider_name: lp.org.name,
      delivery_partner_id: lp.partner.id,
      delivery_partner_name: lp.partner.name,
      created_at: "2024-11-15T10:00:00.000Z",
    });
    const show = await call(declarationRoute.GET, apiRequest(`${BASE}/participant-declarations/${data.id}`, { token: lp.token }), { id: data.id });
    expect(show.status).toBe(200);
    conforms("/api/v3/participant-declarations/{id}", "get", show);
    expect(show.body).toEqual(res.body);
  });

  it("runs on the X-With-Server-Date clock: the same date is future, valid, or past every open statement", async () => {
    const { participant } = await enrol(lp);
    const future = await post(lp, startedAttrs(lp, participant.id), "2024-11-05T10:00:00Z");
    expect(future.status).toBe(422);
    expect(future.body).toEqual({
      errors: [{ title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." }],
    });
    conforms("/api/v3/participant-declarations", "post", future);
    // Today's real clock is long after these statements' deadlines.
    const late = await post(lp, startedAttrs(lp, participant.id), null);
    expect(late.status).toBe(422);
    expect(late.body).toEqual({
      errors: [
        {
          title: "cohort",
          detail:
            "You cannot submit or void declarations for the 2024 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
        },
      ],
    });
    conforms("/api/v3/participant-declarations", "post", late);
    const ok = await post(lp, startedAttrs(lp, participant.id), "2024-11-10T10:00:00Z");
    expect(ok.status).toBe(200);
    conforms("/api/v3/participant-declarations", "post", ok);
  });

  it("answers 400 for a body that is not DfE's structure", async () => {
    for (const raw of [
      "not json",
      JSON.stringify({ data: { type: "participant-declaration" } }),
      JSON.stringify({ data: { type: "participant-declaration", attributes: {} } }),
      JSON.stringify({ attributes: {} }),
      JSON.stringify({ data: { attributes: [] } }),
      "",
    ]) {
      const res = await call(
        declarationsRoute.POST,
        apiRequest(`${BASE}/participant-declarations`, { token: lp.token, method: "POST", body: raw, serverDate: SERVER_DATE }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual(BAD_BODY);
      conforms("/api/v3/participant-declarations", "post", res);
    }
  });

  it("answers 422 with DfE's messages", async () => {
    const { participant } = await enrol(lp);
    const theirs = await enrol(other);
    const cases: [Record<string, unknown>, { title: string; detail: string }[]][] = [
      [
        { participant_id: "", has_passed: null },
        [
          { title: "participant_id", detail: "The property '#/participant_id' must be present" },
          { title: "declaration_type", detail: "Enter a '#/declaration_type'." },
          { title: "declaration_date", detail: "Enter a '#/declaration_date'." },
          { title: "course_identifier", detail: "Enter a '#/course_identifier' value for this participant." },
        ],
      ],
      [
        startedAttrs(lp, theirs.participant.id),
        [
          {
            title: "participant_id",
            detail: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.",
          },
        ],
      ],
      [
        startedAttrs(lp, participant.id, { course_identifier: "npq-headship" }),
        [
          {
            title: "participant_id",
            detail: "Your update cannot be made as an accepted application cannot be found for the given '#/participant_id' and '#/course_identifier'.",
          },
        ],
      ],
      [
        startedAttrs(lp, participant.id, { declaration_date: "2024-11-10" }),
        [{ title: "declaration_date", detail: "Enter a valid RFC3339 '#/declaration_date'." }],
      ],
      [
        startedAttrs(lp, participant.id, { declaration_type: "extended-1" }),
        [{ title: "declaration_type", detail: "The entered '#/declaration_type' is not recognised." }],
      ],
      [
        startedAttrs(lp, participant.id, { declaration_date: "2024-09-01T10:00:00Z" }),
        [{ title: "declaration_date", detail: "Enter a '#/declaration_date' that's on or after the schedule start." }],
      ],
      [
        startedAttrs(lp, participant.id, { declaration_type: "completed" }),
        [
          {
            title: "has_passed",
            detail: "Enter 'true' or 'false' in the '#/has_passed' field to indicate whether this participant has passed or failed their course.",
          },
        ],
      ],
      [
        startedAttrs(lp, participant.id, { delivery_partner_id: undefined }),
        [{ title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' must be present" }],
      ],
      [
        startedAttrs(lp, participant.id, { delivery_partner_id: other.partner.id }),
        [{ title: "delivery_partner_id", detail: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort" }],
      ],
      [
        startedAttrs(lp, participant.id, { secondary_delivery_partner_id: lp.partner.id }),
        [
          {
            title: "secondary_delivery_partner_id",
            detail: "The property '#/secondary_delivery_partner_id' cannot have the same value as the property '#/delivery_partner_id'",
          },
        ],
      ],
    ];
    for (const [attributes, errors] of cases) {
      const res = await post(lp, attributes);
      expect(res.status, JSON.stringify(attributes)).toBe(422);
      expect(res.body).toEqual({ errors });
      conforms("/api/v3/participant-declarations", "post", res);
    }
    const withdrawn = await enrol(lp, { trainingStatus: "withdrawn", withdrawnAt: new Date("2024-11-01T12:00:00Z"), withdrawalReason: "other" });
    const res = await post(lp, startedAttrs(lp, withdrawn.participant.id));
    expect(res.body).toEqual({
      errors: [
        {
          title: "participant_id",
          detail: "This participant withdrew from this course on 2024-11-01T12:00:00Z. Enter a '#/declaration_date' that's on or before the withdrawal date.",
        },
      ],
    });
    conforms("/api/v3/participant-declarations", "post", res);
  });

  it("stores the same person under another participant_id (same TRN) as an ineligible duplicate", async () => {
    const trn = String(4_000_000 + Math.floor(Math.random() * 999_999));
    const first = await enrol(other, {});
    await db().update(participants).set({ trn }).where(eq(participants.id, first.participant.id));
    await declare(other, first.participant.id);
    const twin = await enrol(lp);
    await db().update(participants).set({ trn }).where(eq(participants.id, twin.participant.id));
    const res = await post(lp, startedAttrs(lp, twin.participant.id));
    expect(res.status).toBe(200);
    conforms("/api/v3/participant-declarations", "post", res);
    expect((res.body as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({
      state: "ineligible",
      ineligible_for_funding_reason: "duplicate_declaration",
    });
  });

  it("refuses a duplicate, and of 20 simultaneous identical submissions records exactly one", async () => {
    const { participant } = await enrol(lp);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(lp, startedAttrs(lp, participant.id, { declaration_type: "completed", has_passed: true }))),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect((ok[0]!.body as { data: { attributes: { has_passed: unknown } } }).data.attributes.has_passed).toBe("true");
    for (const r of responses) {
      conforms("/api/v3/participant-declarations", "post", r);
      if (r.status !== 200)
        expect(r).toMatchObject({
          status: 422,
          body: { errors: [{ title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" }] },
        });
    }
    expect(await db().select().from(declarations).where(eq(declarations.participantId, participant.id))).toHaveLength(1);
  });
});

describe("GET /api/v3/participant-declarations", () => {
  let mine: Provider;
  let first: string;
  let second: string;
  let third: string;
  let personA: string;
  beforeAll(async () => {
    mine = await provider();
    const a = await enrol(mine);
    const b = await enrol(mine);
    personA = a.participant.id;
    first = (await declare(mine, a.participant.id, {}, "2024-11-12T09:00:00Z")).id;
    second = (await declare(mine, b.participant.id, {}, "2024-11-13T09:00:00Z")).id;
    third = (await declare(mine, a.participant.id, { declaration_type: "retained-1" }, "2024-11-14T09:00:00Z")).id;
  });

  it("lists the caller's declarations by created_at, paginated (past the end: empty data)", async () => {
    const all = await list(mine, "participant-declarations");
    expect(all.status).toBe(200);
    conforms("/api/v3/participant-declarations", "get", all);
    expect(ids(all)).toEqual([first, second, third]);
    expect(Object.keys(all.body)).toEqual(["data"]);
    const p2 = await list(mine, "participant-declarations", "?page[per_page]=2&page[page]=2");
    conforms("/api/v3/participant-declarations", "get", p2);
    expect(ids(p2)).toEqual([third]);
    const beyond = await list(mine, "participant-declarations", "?page%5Bper_page%5D=2&page%5Bpage%5D=3");
    expect(beyond).toMatchObject({ status: 200, body: { data: [] } });
    conforms("/api/v3/participant-declarations", "get", beyond);
    const capped = await list(mine, "participant-declarations", "?page[per_page]=5000");
    expect(ids(capped)).toEqual([first, second, third]);
  });

  it("answers 400 for bad pagination", async () => {
    for (const query of ["?page[per_page]=0", "?page[page]=-1", "?page[page]=abc", "?page[per_page]=1.5"]) {
      const res = await list(mine, "participant-declarations", query);
      expect(res.status, query).toBe(400);
      expect(res.body).toEqual(BAD_PAGE);
      conforms("/api/v3/participant-declarations", "get", res);
    }
  });

  it("filters by cohort, participant_id and updated_since (URL-encoded)", async () => {
    expect(ids(await list(mine, "participant-declarations", "?filter[cohort]=2023"))).toEqual([]);
    expect(ids(await list(mine, "participant-declarations", "?filter[cohort]=2023,2024"))).toEqual([first, second, third]);
    const byPerson = await list(mine, "participant-declarations", `?filter[participant_id]=${personA}`);
    conforms("/api/v3/participant-declarations", "get", byPerson);
    expect(ids(byPerson)).toEqual([first, third]);
    const since = `?${encodeURIComponent("filter[updated_since]")}=${encodeURIComponent("2024-11-13T09:00:00+00:00")}`;
    const updated = await list(mine, "participant-declarations", since);
    expect(updated.status).toBe(200);
    conforms("/api/v3/participant-declarations", "get", updated);
    expect(ids(updated)).toEqual([second, third]);

    const badDate = await list(mine, "participant-declarations", "?filter[updated_since]=yesterday");
    expect(badDate).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The filter '#/updated_since' must be a valid ISO 8601 date" }] },
    });
    conforms("/api/v3/participant-declarations", "get", badDate);
    const badId = await list(mine, "participant-declarations", "?filter[participant_id]=123");
    expect(badId).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs" }] },
    });
    conforms("/api/v3/participant-declarations", "get", badId);
  });

  it("never shows them to another lead provider", async () => {
    const theirs = await list(other, "participant-declarations", `?filter[participant_id]=${personA}`);
    expect(theirs).toMatchObject({ status: 200, body: { data: [] } });
    for (const id of [first, "not-a-uuid", crypto.randomUUID()]) {
      const res = await call(declarationRoute.GET, apiRequest(`${BASE}/participant-declarations/${id}`, { token: other.token }), { id });
      expect(res).toMatchObject({ status: 404, body: NOT_FOUND });
      conforms("/api/v3/participant-declarations/{id}", "get", res);
    }
  });
});

describe("PUT /api/v3/participant-declarations/{id}/void", () => {
  const put = (p: Provider, id: string, serverDate = SERVER_DATE) =>
    call(voidRoute.PUT, apiRequest(`${BASE}/participant-declarations/${id}/void`, { token: p.token, method: "PUT", serverDate }), { id });

  it("voids, then refuses to void again; another provider gets 404 and changes nothing", async () => {
    const { participant } = await enrol(lp);
    const d = await declare(lp, participant.id, { declaration_type: "completed", has_passed: false });
    expect(d.attributes.has_passed).toBe("false");
    for (const id of [d.id, "123"]) {
      const res = await put(other, id);
      expect(res).toMatchObject({ status: 404, body: NOT_FOUND });
      conforms("/api/v3/participant-declarations/{id}/void", "put", res);
    }
    const voided = await put(lp, d.id);
    expect(voided.status).toBe(200);
    conforms("/api/v3/participant-declarations/{id}/void", "put", voided);
    expect((voided.body as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({ state: "voided", has_passed: null });
    const again = await put(lp, d.id);
    expect(again).toMatchObject({ status: 422, body: { errors: [{ title: "declaration", detail: "This declaration has already been voided." }] } });
    conforms("/api/v3/participant-declarations/{id}/void", "put", again);
  });

  it("claws back a paid declaration on the next open statement", async () => {
    const { participant } = await enrol(lp);
    const d = await declare(lp, participant.id);
    await db().update(declarations).set({ state: "paid" }).where(eq(declarations.id, d.id));
    const res = await put(lp, d.id, "2024-12-02T10:00:00Z");
    expect(res.status).toBe(200);
    conforms("/api/v3/participant-declarations/{id}/void", "put", res);
    expect((res.body as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({
      state: "awaiting_clawback",
      statement_id: lp.byMonth(11).id,
      clawback_statement_id: lp.byMonth(12).id,
    });
    const again = await put(lp, d.id);
    expect(again).toMatchObject({ status: 422, body: { errors: [{ title: "declaration", detail: "The declaration will or has been be refunded." }] } });
  });
});

describe("PUT /api/v3/participant-declarations/{id}/change-delivery-partner", () => {
  const put = (p: Provider, id: string, payload: unknown) =>
    call(
      changePartnerRoute.PUT,
      apiRequest(`${BASE}/participant-declarations/${id}/change-delivery-partner`, { token: p.token, method: "PUT", body: payload, serverDate: SERVER_DATE }),
      { id },
    );
  const path = "/api/v3/participant-declarations/{id}/change-delivery-partner";

  it("changes the delivery partners; 422 for DfE's rules, 400 for a bad body, 404 for others' or unknown ids", async () => {
    const { participant } = await enrol(lp);
    const d = await declare(lp, participant.id);
    const second = await createDeliveryPartner(lp.org.id, [2024]);

    const ok = await put(lp, d.id, body({ delivery_partner_id: second.id, secondary_delivery_partner_id: lp.partner.id }));
    expect(ok.status).toBe(200);
    conforms(path, "put", ok);
    expect((ok.body as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({
      delivery_partner_id: second.id,
      delivery_partner_name: second.name,
      secondary_delivery_partner_id: lp.partner.id,
      secondary_delivery_partner_name: lp.partner.name,
    });

    const empty = await put(lp, d.id, body({}));
    expect(empty).toMatchObject({ status: 400, body: BAD_BODY });
    conforms(path, "put", empty);
    const blank = await put(lp, d.id, body({ delivery_partner_id: null }));
    expect(blank).toMatchObject({
      status: 422,
      body: {
        errors: [
          { title: "delivery_partner", detail: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort" },
          { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' must be present" },
        ],
      },
    });
    conforms(path, "put", blank);
    const notOurs = await put(lp, d.id, body({ delivery_partner_id: other.partner.id }));
    expect(notOurs).toMatchObject({
      status: 422,
      body: {
        errors: [
          { title: "delivery_partner_id", detail: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort" },
        ],
      },
    });
    conforms(path, "put", notOurs);

    const bad = await put(lp, d.id, "{");
    expect(bad).toMatchObject({ status: 400, body: BAD_BODY });
    conforms(path, "put", bad);

    for (const id of [d.id, crypto.randomUUID(), "x"]) {
      const res = await put(other, id, body({ delivery_partner_id: other.partner.id }));
      expect(res).toMatchObject({ status: 404, body: NOT_FOUND });
      conforms(path, "put", res);
    }
    const unchanged = await call(declarationRoute.GET, apiRequest(`${BASE}/participant-declarations/${d.id}`, { token: lp.token }), { id: d.id });
    expect((unchanged.body as { data: { attributes: Record<string, unknown> } }).data.attributes.delivery_partner_id).toBe(second.id);
  });
});

describe("GET /api/v3/statements", () => {
  const get = (p: Provider, query = "") => call(statementsRoute.GET, apiRequest(`${BASE}/statements${query}`, { token: p.token }));

  it("lists the caller's statements by payment date, filtered and paginated", async () => {
    const mine = await provider();
    const [older] = await createStatements(mine.org.id, 2023, [{ year: 2024, month: 6 }]);
    const all = await get(mine);
    expect(all.status).toBe(200);
    conforms("/api/v3/statements", "get", all);
    expect(ids(all)).toEqual([older!.id, mine.byMonth(11).id, mine.byMonth(12).id, mine.byMonth(1).id]);
    expect((all.body as { data: { attributes: Record<string, unknown> }[] }).data[1]!.attributes).toMatchObject({
      month: "November",
      year: "2024",
      cohort: "2024",
      cut_off_date: "2024-11-30",
      payment_date: "2024-12-25",
      paid: false,
    });
    expect(ids(await get(mine, "?filter[cohort]=2023"))).toEqual([older!.id]);
    const p2 = await get(mine, "?page[per_page]=3&page[page]=2");
    conforms("/api/v3/statements", "get", p2);
    expect(ids(p2)).toEqual([mine.byMonth(1).id]);
    const future = await get(mine, `?${encodeURIComponent("filter[updated_since]")}=${encodeURIComponent("2999-01-01T00:00:00Z")}`);
    expect(future).toMatchObject({ status: 200, body: { data: [] } });
    conforms("/api/v3/statements", "get", future);
    for (const query of ["?page[page]=0", "?filter[updated_since]=soon"]) {
      const res = await get(mine, query);
      expect(res.status).toBe(400);
      conforms("/api/v3/statements", "get", res);
    }
    expect(ids(await get(other))).not.toContain(mine.byMonth(11).id);
  });

  it("shows one statement; another provider's or a malformed id is 404", async () => {
    const id = lp.byMonth(12).id;
    const show = (p: Provider, statementId: string) =>
      call(statementRoute.GET, apiRequest(`${BASE}/statements/${statementId}`, { token: p.token }), { id: statementId });
    const res = await show(lp, id);
    expect(res.status).toBe(200);
    conforms("/api/v3/statements/{id}", "get", res);
    expect((res.body as { data: { id: string; type: string; attributes: Record<string, unknown> } }).data).toMatchObject({
      id,
      type: "statement",
      attributes: { month: "December" },
    });
    for (const statementId of [id, "2024-12"]) {
      const missing = await show(other, statementId);
      expect(missing).toMatchObject({ status: 404, body: NOT_FOUND });
      conforms("/api/v3/statements/{id}", "get", missing);
    }
  });
});

describe("GET /api/v3/delivery-partners", () => {
  it("lists partners with a partnership with the caller, with their cohorts; filter[cohort] and sort", async () => {
    const mine = await provider();
    const tag = crypto.randomUUID().slice(0, 6);
    const alpha = await createDeliveryPartner(mine.org.id, [2023, 2024], `Alpha ${tag}`);
    const zulu = await createDeliveryPartner(mine.org.id, [2025], `Zulu ${tag}`);
    for (const [partner, createdAt] of [
      [mine.partner, "2024-01-01T00:00:00Z"],
      [alpha, "2024-02-01T00:00:00Z"],
      [zulu, "2024-03-01T00:00:00Z"],
    ] as const) {
      await db()
        .update(deliveryPartners)
        .set({ createdAt: new Date(createdAt) })
        .where(eq(deliveryPartners.id, partner.id));
    }
    const get = (query = "") => call(partnersRoute.GET, apiRequest(`${BASE}/delivery-partners${query}`, { token: mine.token }));

    const all = await get();
    expect(all.status).toBe(200);
    conforms("/api/v3/delivery-partners", "get", all);
    expect(ids(all)).toEqual([alpha.id, mine.partner.id, zulu.id]);
    expect((all.body as { data: { attributes: Record<string, unknown> }[] }).data[0]!.attributes).toMatchObject({
      name: `Alpha ${tag}`,
      cohort: ["2023", "2024"],
    });
    expect(ids(await get("?sort=-name"))).toEqual([zulu.id, mine.partner.id, alpha.id]);
    expect(ids(await get("?sort=-created_at"))).toEqual([zulu.id, alpha.id, mine.partner.id]);
    const in2025 = await get("?filter[cohort]=2025");
    conforms("/api/v3/delivery-partners", "get", in2025);
    expect(ids(in2025)).toEqual([zulu.id]);
    expect(ids(await get("?filter[cohort]=2024&page[per_page]=1&page[page]=2"))).toEqual([mine.partner.id]);
    const bad = await get("?page[per_page]=-5");
    expect(bad).toMatchObject({ status: 400, body: BAD_PAGE });
    conforms("/api/v3/delivery-partners", "get", bad);
    const theirs = await call(partnersRoute.GET, apiRequest(`${BASE}/delivery-partners`, { token: other.token }));
    expect(ids(theirs)).not.toContain(alpha.id);
  });

  it("shows one of the caller's partners; others are 404", async () => {
    const show = (p: Provider, id: string) => call(partnerRoute.GET, apiRequest(`${BASE}/delivery-partners/${id}`, { token: p.token }), { id });
    const res = await show(lp, lp.partner.id);
    expect(res.status).toBe(200);
    // The spec documents only the list; check the item against its DeliveryPartner schema.
    expectConforms("/api/v3/delivery-partners", "get", 200, { data: [(res.body as { data: unknown }).data] });
    expect((res.body as { data: { id: string; attributes: Record<string, unknown> } }).data).toMatchObject({
      id: lp.partner.id,
      type: "delivery-partner",
      attributes: { name: lp.partner.name, cohort: ["2024"] },
    });
    for (const id of [lp.partner.id, "nope"]) {
      const missing = await show(other, id);
      expect(missing).toMatchObject({ status: 404, body: NOT_FOUND });
      conforms("/api/v3/delivery-partners/{id}", "get", missing);
    }
  });
});
