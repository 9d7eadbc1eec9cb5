import { eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { declarations, ecfProfiles } from "@/db/schema";
import { db } from "@/lib/db";
import { apiRequest, call, tokenFor } from "@/tests/support/api";
import { createEcfParticipant, ecfStatements, insertEcfDeclaration } from "@/tests/support/ecf";
import { createLeadProvider, createParticipant } from "@/tests/support/npq";
import { documentedOperationsV2, expectConformsV2, expectCsvConformsV2 } from "@/tests/support/openapi-v2";
import * as declarationsRoute from "./participant-declarations/route";
import * as declarationsCsvRoute from "./participant-declarations.csv/route";
import * as declarationRoute from "./participant-declarations/[id]/route";
import * as voidRoute from "./participant-declarations/[id]/void/route";
import * as participantsRoute from "./participants/ecf/route";
import * as participantsCsvRoute from "./participants/ecf.csv/route";
import * as participantRoute from "./participants/ecf/[id]/route";
import * as deferRoute from "./participants/ecf/[id]/defer/route";
import * as resumeRoute from "./participants/ecf/[id]/resume/route";
import * as withdrawRoute from "./participants/ecf/[id]/withdraw/route";
import * as changeScheduleRoute from "./participants/ecf/[id]/change-schedule/route";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** A route handler of any params type, callable with the {id} this file passes. */
const route =
  <P>(handler: (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>): Handler =>
  (request, context) =>
    handler(request, context as unknown as { params: Promise<P> });

/** Every route of the v2 spec, by path template and method. */
const ROUTES: Record<string, Record<string, Handler>> = {
  "/api/v2/participant-declarations": { get: route(declarationsRoute.GET), post: route(declarationsRoute.POST) },
  "/api/v2/participant-declarations.csv": { get: route(declarationsCsvRoute.GET) },
  "/api/v2/participant-declarations/{id}": { get: route(declarationRoute.GET) },
  "/api/v2/participant-declarations/{id}/void": { put: route(voidRoute.PUT) },
  "/api/v2/participants/ecf": { get: route(participantsRoute.GET) },
  "/api/v2/participants/ecf.csv": { get: route(participantsCsvRoute.GET) },
  "/api/v2/participants/ecf/{id}": { get: route(participantRoute.GET) },
  "/api/v2/participants/ecf/{id}/defer": { put: route(deferRoute.PUT) },
  "/api/v2/participants/ecf/{id}/resume": { put: route(resumeRoute.PUT) },
  "/api/v2/participants/ecf/{id}/withdraw": { put: route(withdrawRoute.PUT) },
  "/api/v2/participants/ecf/{id}/change-schedule": { put: route(changeScheduleRoute.PUT) },
};

const SERVER_DATE = "2024-11-15T10:00:00Z";
const DENIED = { error: "HTTP Token: Access denied" };
const NOT_FOUND = { error: "Resource not found" };
const BAD_PAGE = { errors: [{ title: "Bad request", detail: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number" }] };
const BAD_BODY = { errors: [{ title: "Bad request", detail: "correct json data structure required. See API docs for reference" }] };
const INVALID_PARTICIPANT = "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.";
const INVALID_COURSE = "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.";
const NOT_RECOGNISED = {
  errors: [
    { title: "participant_id", detail: INVALID_PARTICIPANT },
    { title: "course_identifier", detail: INVALID_COURSE },
  ],
};
const PARTICIPANT_CSV_HEADER =
  "id,type,email,full_name,mentor_id,school_urn,participant_type,cohort,status,teacher_reference_number,teacher_reference_number_validated,eligible_for_funding,pupil_premium_uplift,sparsity_uplift,training_status,training_record_id,schedule_identifier,updated_at";
const DECLARATION_CSV_HEADER = "id,participant_id,declaration_type,course_identifier,declaration_date,state,updated_at";

/**
 * Calls a route as Next would and checks the answer against DfE's v2 spec: every response of this file goes through
 * here. `path` fills the template's {id}; `serverDate` null sends no X-With-Server-Date (the real clock).
 */
async function send(
  pathTemplate: string,
  method: string,
  options: { token?: string; id?: string; query?: string; body?: unknown; serverDate?: string | null; headers?: Record<string, string> } = {},
) {
  const handler = ROUTES[pathTemplate]?.[method];
  if (!handler) throw new Error(`No route for ${method} ${pathTemplate}`);
  const url = `http://localhost${pathTemplate.replace("{id}", encodeURIComponent(options.id ?? ""))}${options.query ? `?${options.query}` : ""}`;
  const request = apiRequest(url, {
    token: options.token,
    method: method.toUpperCase(),
    body: options.body,
    serverDate: options.serverDate === null ? undefined : (options.serverDate ?? SERVER_DATE),
    headers: options.headers,
  });
  const response = await call(handler, request, options.id === undefined ? {} : { id: options.id });
  expectConformsV2(pathTemplate, method, response.status, response.body);
  if (response.status === 200 && typeof response.body === "string") expectCsvConformsV2(pathTemplate, response.body);
  return response;
}

const data = (body: unknown) => (body as { data: unknown }).data;
const list = (body: unknown) => data(body) as { id: string; type: string; attributes: Record<string, unknown> }[];
const one = (body: unknown) => data(body) as { id: string; type: string; attributes: Record<string, unknown> };
const action = (type: string, attributes: Record<string, unknown>) => ({ data: { type, attributes } });
const declare = (attributes: Record<string, unknown>) => ({ data: { type: "participant-declaration", attributes } });

type Provider = Awaited<ReturnType<typeof provider>>;
async function provider() {
  const lp = await createLeadProvider();
  const token = await tokenFor(lp.admin);
  const statements = await ecfStatements(lp.org.id, 2024, { year: 2024, month: 11 }, 12);
  return { ...lp, token, november: statements.find((s) => s.month === 11 && s.year === 2024)! };
}

let lp: Provider;
let other: Provider;
let mentor: Awaited<ReturnType<typeof createEcfParticipant>>;
let ect: Awaited<ReturnType<typeof createEcfParticipant>>;
let ect2025: Awaited<ReturnType<typeof createEcfParticipant>>;
let theirs: Awaited<ReturnType<typeof createEcfParticipant>>;
beforeAll(async () => {
  [lp, other] = [await provider(), await provider()];
  const at = (iso: string) => ({ createdAt: new Date(iso), updatedAt: new Date(iso) });
  mentor = await createEcfParticipant(lp.org.id, { type: "mentor", participant: at("2024-07-01T09:00:00Z"), profile: at("2024-07-01T09:00:00Z") });
  ect = await createEcfParticipant(lp.org.id, {
    participant: at("2024-07-02T09:00:00Z"),
    profile: { mentorParticipantId: mentor.participant.id, pupilPremiumUplift: true, ...at("2024-07-02T09:00:00Z") },
  });
  ect2025 = await createEcfParticipant(lp.org.id, { cohort: 2025, participant: at("2025-07-01T09:00:00Z"), profile: at("2025-07-01T09:00:00Z") });
  theirs = await createEcfParticipant(other.org.id);
});

describe("ECF API v2 coverage and authentication", () => {
  it("implements every operation of DfE's v2 spec", () => {
    for (const { path, method } of documentedOperationsV2()) expect(ROUTES[path]?.[method], `${method} ${path}`).toBeTypeOf("function");
  });

  it("answers 401 with DfE's exact body without a token or with a wrong one, on every route", async () => {
    for (const [pathTemplate, methods] of Object.entries(ROUTES)) {
      for (const method of Object.keys(methods)) {
        for (const token of [undefined, "not-a-token"]) {
          const res = await send(pathTemplate, method, { token, id: crypto.randomUUID(), body: method === "get" ? undefined : { data: { attributes: {} } } });
          expect(res.status, `${method} ${pathTemplate}`).toBe(401);
          expect(res.body).toEqual(DENIED);
        }
      }
    }
  });
});

describe("rate limit", () => {
  afterEach(() => {
    delete process.env.API_RATE_LIMIT;
  });

  it("answers DfE's plain-text 429 once a token has used its requests", async () => {
    const token = await tokenFor(lp.admin);
    process.env.API_RATE_LIMIT = "1";
    expect((await send("/api/v2/participants/ecf", "get", { token })).status).toBe(200);
    // Not JSON, so not a schema matter: DfE answers "Retry later".
    const limited = await call(participantsRoute.GET, apiRequest("http://localhost/api/v2/participants/ecf", { token, serverDate: SERVER_DATE }));
    expect(limited).toMatchObject({ status: 429, body: "Retry later" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the conformance helper", () => {
  it("rejects what DfE's document or DfE's error bodies rule out", () => {
    expect(() =>
      expectConformsV2("/api/v2/participants/ecf", "get", 200, {
        data: [{ id: crypto.randomUUID(), type: "participant", attributes: { training_status: "paused" } }],
      }),
    ).toThrow(/does not match/);
    expect(() =>
      expectConformsV2("/api/v2/participant-declarations/{id}", "get", 200, { data: { id: "x", type: "participant-declaration", attributes: {} } }),
    ).toThrow(/does not match/);
    expect(() => expectConformsV2("/api/v2/participants/ecf/{id}/defer", "put", 422, { error: [{ title: "a", detail: "b" }] })).toThrow(/DfE's 422 body/);
    expect(() => expectConformsV2("/api/v2/participants/ecf/{id}", "get", 404, { error: "Resource not found", extra: 1 })).toThrow(/DfE's 404 body/);
    expect(() => expectConformsV2("/api/v2/participants/ecf", "get", 500, {})).toThrow(/documents no 500/);
    expect(() =>
      expectCsvConformsV2(
        "/api/v2/participant-declarations.csv",
        `${DECLARATION_CSV_HEADER}\nnot-a-uuid,x,started,ecf-induction,2024-01-01T00:00:00Z,eligible,2024-01-01T00:00:00Z\n`,
      ),
    ).toThrow(/does not match/);
    expect(() => expectCsvConformsV2("/api/v2/participant-declarations.csv", "id,surprise\n1,2\n")).toThrow(/not in/);
  });
});

describe("GET /api/v2/participants/ecf", () => {
  it("lists the lead provider's participants in DfE's shape, oldest first", async () => {
    const res = await send("/api/v2/participants/ecf", "get", { token: lp.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["data"]);
    const rows = list(res.body);
    expect(rows.map((r) => r.id)).toEqual([mentor.participant.id, ect.participant.id, ect2025.participant.id]);
    expect(rows[1]).toEqual({
      id: ect.participant.id,
      type: "participant",
      attributes: {
        email: ect.participant.email,
        full_name: ect.participant.fullName,
        mentor_id: mentor.participant.id,
        school_urn: "106286",
        participant_type: "ect",
        cohort: "2024",
        status: "active",
        teacher_reference_number: ect.participant.trn,
        teacher_reference_number_validated: true,
        eligible_for_funding: true,
        pupil_premium_uplift: true,
        sparsity_uplift: false,
        training_status: "active",
        training_record_id: ect.profile.id,
        schedule_identifier: "ecf-standard-september",
        updated_at: expect.any(String),
      },
    });
  });

  it("paginates as DfE does and answers 400 for bad page parameters", async () => {
    const page2 = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "page[page]=2&page[per_page]=1" });
    expect(list(page2.body).map((r) => r.id)).toEqual([ect.participant.id]);
    const past = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "page[page]=9&page[per_page]=5" });
    expect(past).toMatchObject({ status: 200, body: { data: [] } });
    const capped = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "page[per_page]=5000" });
    expect(list(capped.body)).toHaveLength(3);
    for (const bad of ["page[page]=0", "page[per_page]=-1", "page[page]=abc"]) {
      for (const pathTemplate of ["/api/v2/participants/ecf", "/api/v2/participant-declarations"]) {
        const res = await send(pathTemplate, "get", { token: lp.token, query: bad });
        expect(res).toMatchObject({ status: 400, body: BAD_PAGE });
      }
    }
  });

  it("filters by cohort and by updated_since (URL-encoded ISO 8601), and rejects a bad date", async () => {
    const cohort = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "filter[cohort]=2025" });
    expect(list(cohort.body).map((r) => r.id)).toEqual([ect2025.participant.id]);
    const both = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "filter[cohort]=2024,2025" });
    expect(list(both.body)).toHaveLength(3);
    const since = await send("/api/v2/participants/ecf", "get", {
      token: lp.token,
      query: `filter[updated_since]=${encodeURIComponent("2025-01-01T00:00:00+00:00")}`,
    });
    expect(list(since.body).map((r) => r.id)).toEqual([ect2025.participant.id]);
    const bad = await send("/api/v2/participants/ecf", "get", { token: lp.token, query: "filter[updated_since]=yesterday" });
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The filter '#/updated_since' must be a valid ISO 8601 date" }] },
    });
  });

  it("shows one participant, and 404s another provider's, an unknown or a malformed id", async () => {
    const res = await send("/api/v2/participants/ecf/{id}", "get", { token: lp.token, id: ect.participant.id });
    expect(res.status).toBe(200);
    expect(one(res.body)).toMatchObject({ id: ect.participant.id, attributes: { training_record_id: ect.profile.id } });
    for (const id of [theirs.participant.id, crypto.randomUUID(), "123"]) {
      expect(await send("/api/v2/participants/ecf/{id}", "get", { token: lp.token, id })).toMatchObject({ status: 404, body: NOT_FOUND });
    }
  });
});

describe("GET /api/v2/participants/ecf.csv", () => {
  it("downloads every matching participant as text/csv with the spec's columns", async () => {
    const res = await send("/api/v2/participants/ecf.csv", "get", { token: lp.token, query: "page[per_page]=1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv");
    const text = res.body as unknown as string;
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(PARTICIPANT_CSV_HEADER);
    expect(lines).toHaveLength(4);
    const rows = expectCsvConformsV2("/api/v2/participants/ecf.csv", text);
    expect(rows[0]).toMatchObject({
      id: mentor.participant.id,
      type: "participant",
      participant_type: "mentor",
      mentor_id: "",
      training_record_id: mentor.profile.id,
      pupil_premium_uplift: "false",
    });
    expect(text).toContain(`,${mentor.participant.id},106286,ect,2024,active,`);
    expect(text).not.toContain(theirs.participant.id);

    const filtered = await send("/api/v2/participants/ecf.csv", "get", { token: lp.token, query: "filter[cohort]=2025" });
    expect((filtered.body as unknown as string).trimEnd().split("\n")).toHaveLength(2);
    const bad = await send("/api/v2/participants/ecf.csv", "get", { token: lp.token, query: "filter[updated_since]=nope" });
    expect(bad.status).toBe(400);
  });

  it("is empty, as DfE's, when nothing matches", async () => {
    const res = await send("/api/v2/participants/ecf.csv", "get", { token: lp.token, query: "filter[cohort]=2021" });
    expect(res).toMatchObject({ status: 200, body: "" });
    expect(res.headers.get("content-type")).toBe("text/csv");
  });
});

describe("PUT /api/v2/participants/ecf/{id}/…", () => {
  it("defers, resumes and withdraws with DfE's bodies, and refuses repeats", async () => {
    const teacher = await createEcfParticipant(lp.org.id, { type: "mentor" });
    const id = teacher.participant.id;
    const deferred = await send("/api/v2/participants/ecf/{id}/defer", "put", {
      token: lp.token,
      id,
      body: action("participant-defer", { reason: "career-break", course_identifier: "ecf-mentor" }),
    });
    expect(deferred.status).toBe(200);
    expect(one(deferred.body)).toMatchObject({ id, type: "participant", attributes: { training_status: "deferred", participant_type: "mentor" } });
    const again = await send("/api/v2/participants/ecf/{id}/defer", "put", {
      token: lp.token,
      id,
      body: action("participant-defer", { reason: "career-break", course_identifier: "ecf-mentor" }),
    });
    expect(again).toMatchObject({ status: 422, body: { errors: [{ title: "participant_profile", detail: "The participant is already deferred" }] } });

    const resumed = await send("/api/v2/participants/ecf/{id}/resume", "put", {
      token: lp.token,
      id,
      body: action("participant-resume", { course_identifier: "ecf-mentor" }),
    });
    expect(one(resumed.body).attributes.training_status).toBe("active");
    const resumeAgain = await send("/api/v2/participants/ecf/{id}/resume", "put", {
      token: lp.token,
      id,
      body: action("participant-resume", { course_identifier: "ecf-mentor" }),
    });
    expect(resumeAgain).toMatchObject({ status: 422, body: { errors: [{ title: "participant_profile", detail: "The participant is already active" }] } });

    const withdrawn = await send("/api/v2/participants/ecf/{id}/withdraw", "put", {
      token: lp.token,
      id,
      body: action("participant-withdraw", { reason: "mentor-no-longer-being-mentor", course_identifier: "ecf-mentor" }),
    });
    expect(one(withdrawn.body).attributes).toMatchObject({ training_status: "withdrawn", email: null });
    const withdrawAgain = await send("/api/v2/participants/ecf/{id}/withdraw", "put", {
      token: lp.token,
      id,
      body: action("participant-withdraw", { reason: "other", course_identifier: "ecf-mentor" }),
    });
    expect(withdrawAgain).toMatchObject({ status: 422, body: { errors: [{ title: "participant_profile", detail: "The participant is already withdrawn" }] } });
  });

  it("answers 422 with DfE's messages for a bad reason or course, and 400 for a malformed body", async () => {
    const id = ect.participant.id;
    const noReason = await send("/api/v2/participants/ecf/{id}/defer", "put", {
      token: lp.token,
      id,
      body: action("participant-defer", { course_identifier: "ecf-induction" }),
    });
    expect(noReason).toMatchObject({
      status: 422,
      body: { errors: [{ title: "reason", detail: "The property '#/reason' must be present, The property '#/reason' must be a valid reason" }] },
    });
    const badReason = await send("/api/v2/participants/ecf/{id}/withdraw", "put", {
      token: lp.token,
      id,
      body: action("participant-withdraw", { reason: "bored", course_identifier: "ecf-induction" }),
    });
    expect(badReason).toMatchObject({ status: 422, body: { errors: [{ title: "reason", detail: "The property '#/reason' must be a valid reason" }] } });
    const wrongCourse = await send("/api/v2/participants/ecf/{id}/resume", "put", {
      token: lp.token,
      id,
      body: action("participant-resume", { course_identifier: "ecf-mentor" }),
    });
    expect(wrongCourse).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    for (const pathTemplate of [
      "/api/v2/participants/ecf/{id}/defer",
      "/api/v2/participants/ecf/{id}/resume",
      "/api/v2/participants/ecf/{id}/withdraw",
      "/api/v2/participants/ecf/{id}/change-schedule",
    ]) {
      for (const body of ["{oops", "", JSON.stringify({ attributes: {} }), JSON.stringify({ data: { attributes: "x" } })]) {
        const res = await send(pathTemplate, "put", { token: lp.token, id, body });
        expect(res, `${pathTemplate} ${body}`).toMatchObject({ status: 400, body: BAD_BODY });
      }
    }
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.id, ect.profile.id));
    expect(row!.trainingStatus).toBe("active");
  });

  it("changes schedule, refusing one that would invalidate declarations", async () => {
    const teacher = await createEcfParticipant(lp.org.id);
    const id = teacher.participant.id;
    const changed = await send("/api/v2/participants/ecf/{id}/change-schedule", "put", {
      token: lp.token,
      id,
      body: action("participant-change-schedule", { schedule_identifier: "ecf-standard-january", course_identifier: "ecf-induction", cohort: "2024" }),
    });
    expect(changed.status).toBe(200);
    expect(one(changed.body).attributes).toMatchObject({ schedule_identifier: "ecf-standard-january", cohort: "2024", training_record_id: teacher.profile.id });
    await insertEcfDeclaration(teacher.profile, { declarationDate: new Date("2025-02-01T10:00:00Z") });
    const refused = await send("/api/v2/participants/ecf/{id}/change-schedule", "put", {
      token: lp.token,
      id,
      body: action("participant-change-schedule", { schedule_identifier: "ecf-standard-september", course_identifier: "ecf-induction" }),
    });
    expect(refused).toMatchObject({
      status: 422,
      body: { errors: [{ title: "schedule_identifier", detail: "Changing schedule would invalidate existing declarations. Please void them first." }] },
    });
    const unknown = await send("/api/v2/participants/ecf/{id}/change-schedule", "put", {
      token: lp.token,
      id,
      body: action("participant-change-schedule", { schedule_identifier: "ecf-whenever", course_identifier: "ecf-induction" }),
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { errors: [{ title: "schedule_identifier", detail: "The property '#/schedule_identifier' must be present and correspond to a valid schedule" }] },
    });
  });
});

describe("POST /api/v2/participant-declarations", () => {
  it("records a declaration, answers an exact copy with it, and refuses another for the event", async () => {
    const teacher = await createEcfParticipant(lp.org.id);
    const attributes = {
      participant_id: teacher.participant.id,
      declaration_type: "started",
      declaration_date: "2024-11-01T10:00:00Z",
      course_identifier: "ecf-induction",
    };
    const res = await send("/api/v2/participant-declarations", "post", { token: lp.token, body: declare(attributes) });
    expect(res.status).toBe(200);
    expect(one(res.body)).toEqual({
      id: expect.any(String),
      type: "participant-declaration",
      attributes: {
        participant_id: teacher.participant.id,
        declaration_type: "started",
        declaration_date: "2024-11-01T10:00:00Z",
        course_identifier: "ecf-induction",
        state: "eligible",
        updated_at: "2024-11-15T10:00:00Z",
        has_passed: null,
      },
    });
    const [row] = await db()
      .select()
      .from(declarations)
      .where(eq(declarations.id, one(res.body).id));
    expect(row!.statementId).toBe(lp.november.id);
    const copy = await send("/api/v2/participant-declarations", "post", { token: lp.token, body: declare(attributes) });
    expect(copy).toMatchObject({ status: 200, body: res.body });
    const clash = await send("/api/v2/participant-declarations", "post", {
      token: lp.token,
      body: declare({ ...attributes, declaration_date: "2024-11-02T10:00:00Z" }),
    });
    expect(clash).toMatchObject({
      status: 422,
      body: { errors: [{ title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" }] },
    });
  });

  it("runs as of X-With-Server-Date: a date after the pretend clock is in the future", async () => {
    const teacher = await createEcfParticipant(lp.org.id);
    const attributes = {
      participant_id: teacher.participant.id,
      declaration_type: "started",
      declaration_date: "2024-11-01T10:00:00Z",
      course_identifier: "ecf-induction",
    };
    const early = await send("/api/v2/participant-declarations", "post", { token: lp.token, body: declare(attributes), serverDate: "2024-10-25T10:00:00Z" });
    expect(early).toMatchObject({
      status: 422,
      body: { errors: [{ title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." }] },
    });
    const later = await send("/api/v2/participant-declarations", "post", { token: lp.token, body: declare(attributes), serverDate: "2024-11-20T08:00:00Z" });
    expect(later.status).toBe(200);
    expect(one(later.body).attributes.updated_at).toBe("2024-11-20T08:00:00Z");
    const bad = await send("/api/v2/participant-declarations", "post", { token: lp.token, body: declare(attributes), serverDate: "someday" });
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The 'X-With-Server-Date' header must be a valid ISO 8601 date and time" }] },
    });
  });

  it("answers 422 with DfE's errors and 400 for a malformed body", async () => {
    const missing = await send("/api/v2/participant-declarations", "post", {
      token: lp.token,
      body: declare({ participant_id: ect.participant.id, course_identifier: "ecf-induction" }),
    });
    expect(missing).toMatchObject({
      status: 422,
      body: {
        errors: [
          { title: "declaration_date", detail: "Enter a '#/declaration_date'." },
          { title: "declaration_type", detail: "Enter a '#/declaration_type'., The property '#/declaration_type' does not exist for this schedule." },
        ],
      },
    });
    const notRfc = await send("/api/v2/participant-declarations", "post", {
      token: lp.token,
      body: declare({
        participant_id: ect.participant.id,
        declaration_type: "retained-1",
        declaration_date: "2024-11-01",
        course_identifier: "ecf-induction",
        evidence_held: "other",
      }),
    });
    expect(notRfc).toMatchObject({
      status: 422,
      body: {
        errors: [
          {
            title: "declaration_date",
            detail: "Enter a valid RCF3339 '#/declaration_date'., Enter a '#/declaration_date' that's on or after the milestone start.",
          },
        ],
      },
    });
    const theirsRes = await send("/api/v2/participant-declarations", "post", {
      token: lp.token,
      body: declare({
        participant_id: theirs.participant.id,
        declaration_type: "started",
        declaration_date: "2024-11-01T10:00:00Z",
        course_identifier: "ecf-induction",
      }),
    });
    expect(theirsRes).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    const npq = await send("/api/v2/participant-declarations", "post", {
      token: lp.token,
      body: declare({
        participant_id: ect.participant.id,
        declaration_type: "started",
        declaration_date: "2024-11-01T10:00:00Z",
        course_identifier: "npq-headship",
      }),
    });
    expect(npq).toMatchObject({ status: 422, body: { errors: [{ title: "course_identifier", detail: "NPQ Courses are no longer supported" }] } });
    for (const body of ["{", "", JSON.stringify({ attributes: {} }), JSON.stringify([1, 2])]) {
      expect(await send("/api/v2/participant-declarations", "post", { token: lp.token, body })).toMatchObject({ status: 400, body: BAD_BODY });
    }
  });
});

describe("declarations: list, CSV, show and void", () => {
  let mine: { id: string };
  let paid: { id: string };
  beforeAll(async () => {
    mine = await insertEcfDeclaration(mentor.profile, { createdAt: new Date("2024-10-01T10:00:00Z"), updatedAt: new Date("2024-10-01T10:00:00Z") });
    paid = await insertEcfDeclaration(ect2025.profile, {
      state: "paid",
      declarationDate: new Date("2025-09-15T10:00:00Z"),
      createdAt: new Date("2025-09-20T10:00:00Z"),
      updatedAt: new Date("2025-09-20T10:00:00Z"),
    });
    await insertEcfDeclaration(theirs.profile);
    await ecfStatements(lp.org.id, 2025, { year: 2025, month: 9 }, 12);
  });

  it("lists the lead provider's declarations, filtered by participant_id and updated_since", async () => {
    const all = await send("/api/v2/participant-declarations", "get", { token: lp.token, query: "page[per_page]=3000" });
    expect(all.status).toBe(200);
    const ids = list(all.body).map((d) => d.id);
    expect(ids[0]).toBe(mine.id);
    expect(ids).toContain(paid.id);
    const byParticipant = await send("/api/v2/participant-declarations", "get", { token: lp.token, query: `filter[participant_id]=${mentor.participant.id}` });
    expect(list(byParticipant.body).map((d) => d.id)).toEqual([mine.id]);
    expect(list(byParticipant.body)[0]!.attributes).toEqual({
      participant_id: mentor.participant.id,
      declaration_type: "started",
      declaration_date: "2024-10-01T10:00:00Z",
      course_identifier: "ecf-mentor",
      state: "eligible",
      updated_at: "2024-10-01T10:00:00Z",
      has_passed: null,
    });
    const since = await send("/api/v2/participant-declarations", "get", {
      token: lp.token,
      query: `filter[participant_id]=${ect2025.participant.id},${mentor.participant.id}&filter[updated_since]=2025-01-01T00:00:00Z`,
    });
    expect(list(since.body).map((d) => d.id)).toEqual([paid.id]);
    const badId = await send("/api/v2/participant-declarations", "get", { token: lp.token, query: "filter[participant_id]=12,34" });
    expect(badId).toMatchObject({
      status: 400,
      body: { errors: [{ title: "Bad request", detail: "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs" }] },
    });
    const badDate = await send("/api/v2/participant-declarations", "get", { token: lp.token, query: "filter[updated_since]=2025-13-45" });
    expect(badDate.status).toBe(400);
  });

  it("downloads the declarations as text/csv with the spec's columns", async () => {
    const res = await send("/api/v2/participant-declarations.csv", "get", { token: lp.token, query: `filter[participant_id]=${mentor.participant.id}` });
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(res.body).toBe(
      `${DECLARATION_CSV_HEADER}\n${mine.id},${mentor.participant.id},started,ecf-mentor,2024-10-01T10:00:00Z,eligible,2024-10-01T10:00:00Z\n`,
    );
    const all = await send("/api/v2/participant-declarations.csv", "get", { token: lp.token });
    expect(all.body as unknown as string).toContain(paid.id);
    expect(all.body as unknown as string).not.toContain(theirs.participant.id);
    const none = await send("/api/v2/participant-declarations.csv", "get", { token: lp.token, query: `filter[participant_id]=${crypto.randomUUID()}` });
    expect(none).toMatchObject({ status: 200, body: "" });
    for (const query of ["filter[participant_id]=nope", "filter[updated_since]=soon"]) {
      expect((await send("/api/v2/participant-declarations.csv", "get", { token: lp.token, query })).status).toBe(400);
    }
  });

  it("shows one declaration and 404s another provider's or an unknown one", async () => {
    const res = await send("/api/v2/participant-declarations/{id}", "get", { token: lp.token, id: mine.id });
    expect(one(res.body)).toMatchObject({ id: mine.id, type: "participant-declaration", attributes: { state: "eligible" } });
    const [their] = await db().select().from(declarations).where(eq(declarations.participantId, theirs.participant.id));
    for (const id of [their!.id, crypto.randomUUID(), "x"]) {
      expect(await send("/api/v2/participant-declarations/{id}", "get", { token: lp.token, id })).toMatchObject({ status: 404, body: NOT_FOUND });
      expect(await send("/api/v2/participant-declarations/{id}/void", "put", { token: lp.token, id })).toMatchObject({ status: 404, body: NOT_FOUND });
    }
  });

  it("voids, claws back a paid declaration, and refuses what cannot be voided", async () => {
    const teacher = await createEcfParticipant(lp.org.id);
    const row = await insertEcfDeclaration(teacher.profile);
    const voided = await send("/api/v2/participant-declarations/{id}/void", "put", { token: lp.token, id: row.id });
    expect(voided.status).toBe(200);
    expect(one(voided.body).attributes).toMatchObject({ state: "voided", updated_at: "2024-11-15T10:00:00Z" });
    const again = await send("/api/v2/participant-declarations/{id}/void", "put", { token: lp.token, id: row.id });
    expect(again).toMatchObject({ status: 422, body: { errors: [{ title: "Invalid action", detail: "This declaration has already been voided." }] } });

    const clawback = await send("/api/v2/participant-declarations/{id}/void", "put", { token: lp.token, id: paid.id, serverDate: "2025-10-05T10:00:00Z" });
    expect(clawback.status).toBe(200);
    expect(one(clawback.body).attributes.state).toBe("awaiting-clawback");
    const [after] = await db().select().from(declarations).where(eq(declarations.id, paid.id));
    expect(after).toMatchObject({ state: "awaiting_clawback", clawbackStatementId: expect.any(String) });
    const notVoidable = await send("/api/v2/participant-declarations/{id}/void", "put", { token: lp.token, id: paid.id, serverDate: "2025-10-05T10:00:00Z" });
    expect(notVoidable).toMatchObject({
      status: 422,
      body: {
        errors: [
          { title: "Invalid action", detail: "This declaration cannot be voided. Contact the DfE if you have any questions about why you cannot void it." },
        ],
      },
    });
  });
});

describe("another lead provider", () => {
  it("never sees, downloads, changes or voids this lead provider's participants and declarations", async () => {
    const token = other.token;
    const people = await send("/api/v2/participants/ecf", "get", { token });
    expect(list(people.body).map((r) => r.id)).toEqual([theirs.participant.id]);
    const csv = await send("/api/v2/participants/ecf.csv", "get", { token });
    for (const mineId of [mentor.participant.id, ect.participant.id, ect2025.participant.id]) {
      expect(csv.body as unknown as string).not.toContain(mineId);
      expect(await send("/api/v2/participants/ecf/{id}", "get", { token, id: mineId })).toMatchObject({ status: 404, body: NOT_FOUND });
    }
    const id = ect.participant.id;
    expect(
      await send("/api/v2/participants/ecf/{id}/defer", "put", {
        token,
        id,
        body: action("participant-defer", { reason: "other", course_identifier: "ecf-induction" }),
      }),
    ).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    expect(
      await send("/api/v2/participants/ecf/{id}/resume", "put", { token, id, body: action("participant-resume", { course_identifier: "ecf-induction" }) }),
    ).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    expect(
      await send("/api/v2/participants/ecf/{id}/withdraw", "put", {
        token,
        id,
        body: action("participant-withdraw", { reason: "other", course_identifier: "ecf-induction" }),
      }),
    ).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    expect(
      await send("/api/v2/participants/ecf/{id}/change-schedule", "put", {
        token,
        id,
        body: action("participant-change-schedule", { schedule_identifier: "ecf-reduced-september", course_identifier: "ecf-induction" }),
      }),
    ).toMatchObject({ status: 422, body: NOT_RECOGNISED });
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.id, ect.profile.id));
    expect(row).toMatchObject({ trainingStatus: "active", scheduleId: ect.profile.scheduleId });

    const mineDeclarations = await db().select().from(declarations).where(eq(declarations.leadProviderId, lp.org.id));
    const theirList = await send("/api/v2/participant-declarations", "get", { token, query: "page[per_page]=3000" });
    const theirCsv = await send("/api/v2/participant-declarations.csv", "get", { token });
    for (const d of mineDeclarations) {
      expect(list(theirList.body).map((x) => x.id)).not.toContain(d.id);
      expect(theirCsv.body as unknown as string).not.toContain(d.id);
    }
    const target = mineDeclarations.find((d) => d.state === "eligible")!;
    expect(await send("/api/v2/participant-declarations/{id}", "get", { token, id: target.id })).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await send("/api/v2/participant-declarations/{id}/void", "put", { token, id: target.id })).toMatchObject({ status: 404, body: NOT_FOUND });
    const [still] = await db().select().from(declarations).where(eq(declarations.id, target.id));
    expect(still!.state).toBe("eligible");

    const stranger = await createParticipant();
    expect(await send("/api/v2/participants/ecf/{id}", "get", { token, id: stranger.id })).toMatchObject({ status: 404 });
  });
});
