import { eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { declarations, npqApplications, participantIdChanges, participants } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import { db } from "@/lib/db";
import { listApiTokens, revokeApiToken } from "@/lib/dfe";
import { apiRequest, call, tokenFor } from "@/tests/support/api";
import { createApplication, createLeadProvider, createParticipant, ensureReferenceData } from "@/tests/support/npq";
import { expectConforms } from "@/tests/support/openapi";
import { GET as listApplications } from "./npq-applications/route";
import { GET as showApplication } from "./npq-applications/[id]/route";
import { POST as accept } from "./npq-applications/[id]/accept/route";
import { POST as reject } from "./npq-applications/[id]/reject/route";
import { PUT as changeFundedPlace } from "./npq-applications/[id]/change-funded-place/route";
import { GET as listParticipants } from "./participants/npq/route";
import { GET as showParticipant } from "./participants/npq/[id]/route";
import { PUT as defer } from "./participants/npq/[id]/defer/route";
import { PUT as resume } from "./participants/npq/[id]/resume/route";
import { PUT as withdraw } from "./participants/npq/[id]/withdraw/route";
import { PUT as changeSchedule } from "./participants/npq/[id]/change-schedule/route";
import { GET as participantOutcomes, POST as createOutcome } from "./participants/npq/[id]/outcomes/route";
import { GET as allOutcomes } from "./participants/npq/outcomes/route";

const APPS = "/api/v3/npq-applications";
const APP = "/api/v3/npq-applications/{id}";
const ACCEPT = "/api/v3/npq-applications/{id}/accept";
const REJECT = "/api/v3/npq-applications/{id}/reject";
const FUNDED = "/api/v3/npq-applications/{id}/change-funded-place";
const PARTICIPANTS = "/api/v3/participants/npq";
const PARTICIPANT = "/api/v3/participants/npq/{id}";
const DEFER = "/api/v3/participants/npq/{id}/defer";
const RESUME = "/api/v3/participants/npq/{id}/resume";
const WITHDRAW = "/api/v3/participants/npq/{id}/withdraw";
const CHANGE_SCHEDULE = "/api/v3/participants/npq/{id}/change-schedule";
const OUTCOMES = "/api/v3/participants/npq/outcomes";
const PARTICIPANT_OUTCOMES = "/api/v3/participants/npq/{id}/outcomes";

/** Where DfE's spec does not document a status for an operation, the same body is checked against an operation that does. */
const FALLBACK: Record<number, [string, string]> = { 400: [ACCEPT, "post"], 404: [APP, "get"], 422: [ACCEPT, "post"] };

function conforms(template: string, method: string, status: number, body: unknown) {
  // tests/support/openapi.ts admits null for DfE's nullable enums (funding_choice, schedule_identifier…).
  const check = (path: string, verb: string) => expectConforms(path, verb, status, body);
  try {
    check(template, method);
  } catch (error) {
    const fallback = FALLBACK[status];
    if (!fallback || !(error instanceof Error) || !error.message.includes("documents no")) throw error;
    check(fallback[0], fallback[1]);
  }
}

/** Any of the route handlers, whatever its params. */
type Handler = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;
type AnyParams = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler and checks the response against DfE's spec. */
async function api(
  handler: Handler,
  template: string,
  options: { method?: string; id?: string; query?: string; token?: string | null; body?: unknown; serverDate?: string } = {},
) {
  const method = options.method ?? "GET";
  const url = template.replace("{id}", options.id ?? "") + (options.query ? `?${options.query}` : "");
  const request = apiRequest(url, {
    method,
    token: options.token === null ? undefined : (options.token ?? tokenA),
    body: options.body,
    serverDate: options.serverDate,
  });
  const response = await call(handler as unknown as AnyParams, request, options.id === undefined ? {} : { id: options.id });
  conforms(template, method, response.status, response.body);
  return response;
}

const NOT_FOUND = { error: "Resource not found" };
const unprocessable = (...errors: [string, string][]) => ({ errors: errors.map(([title, detail]) => ({ title, detail })) });
const badRequest = (detail: string) => ({ errors: [{ title: "Bad request", detail }] });
const INVALID_STRUCTURE = "correct json data structure required. See API docs for reference";

type Lp = Awaited<ReturnType<typeof createLeadProvider>>;
let lpA: Lp;
let lpB: Lp;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  await ensureReferenceData();
  lpA = await createLeadProvider();
  lpB = await createLeadProvider();
  tokenA = await tokenFor(lpA.admin);
  tokenB = await tokenFor(lpB.admin);
});

const body = (type: string, attributes: Record<string, unknown>) => ({ data: { type, attributes } });

/** A person with an accepted senior leadership application with lead provider A, accepted through the API. */
async function enrolled(options: { course?: NpqCourse; cohort?: number; serverDate?: string } = {}) {
  const person = await createParticipant({ updatedAt: new Date("2024-01-01T00:00:00Z") });
  const app = await createApplication(lpA.org.id, person.id, { courseIdentifier: options.course ?? "npq-senior-leadership", cohort: options.cohort ?? 2024 });
  const { status } = await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id: app.id, serverDate: options.serverDate ?? "2024-11-15T10:00:00Z" });
  expect(status).toBe(200);
  return { person, app };
}

async function declare(
  applicationId: string,
  type: "started" | "retained-1" | "completed" = "started",
  state: (typeof declarations.$inferInsert)["state"] = "eligible",
) {
  const [app] = await db().select().from(npqApplications).where(eq(npqApplications.id, applicationId));
  const [d] = await db()
    .insert(declarations)
    .values({
      participantId: app!.participantId,
      applicationId: app!.id,
      leadProviderId: app!.leadProviderId,
      courseIdentifier: app!.courseIdentifier,
      cohort: app!.cohort,
      declarationType: type,
      declarationDate: new Date("2024-11-01T10:00:00Z"),
      state,
      hasPassed: type === "completed" ? true : null,
    })
    .returning();
  return d!;
}

/** DfE requires funded_place on every accept from the 2024 cohort (the one these tests mostly use). */
const FUNDED_BODY = body("npq-application-accept", { funded_place: true });

describe("authentication", () => {
  it("answers 401 with DfE's body without a token, with a wrong one and with a revoked one, on every endpoint", async () => {
    const revoked = await tokenFor(lpA.admin);
    const id = (await listApiTokens(lpA.admin)).find((t) => revoked.endsWith(t.lastFour) && !t.revokedAt)!.id;
    await revokeApiToken(lpA.admin, { tokenId: id });
    const someId = crypto.randomUUID();
    const endpoints: [Handler, string, string, string | undefined][] = [
      [listApplications, APPS, "GET", undefined],
      [showApplication, APP, "GET", someId],
      [accept, ACCEPT, "POST", someId],
      [reject, REJECT, "POST", someId],
      [changeFundedPlace, FUNDED, "PUT", someId],
      [listParticipants, PARTICIPANTS, "GET", undefined],
      [showParticipant, PARTICIPANT, "GET", someId],
      [defer, DEFER, "PUT", someId],
      [resume, RESUME, "PUT", someId],
      [withdraw, WITHDRAW, "PUT", someId],
      [changeSchedule, CHANGE_SCHEDULE, "PUT", someId],
      [participantOutcomes, PARTICIPANT_OUTCOMES, "GET", someId],
      [createOutcome, PARTICIPANT_OUTCOMES, "POST", someId],
      [allOutcomes, OUTCOMES, "GET", undefined],
    ];
    for (const [handler, template, method, pathId] of endpoints) {
      for (const token of [null, "wrong-token", revoked]) {
        const response = await api(handler, template, { method, id: pathId, token });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ error: "HTTP Token: Access denied" });
      }
    }
  });
});

describe("GET /api/v3/npq-applications", () => {
  it("paginates as DfE does: 400 for bad page values, [] past the end, per_page capped at 3000", async () => {
    const lp = await createLeadProvider();
    const token = await tokenFor(lp.admin);
    const people = await db()
      .insert(participants)
      .values(Array.from({ length: 3001 }, (_, i) => ({ fullName: `Bulk Teacher ${i}`, email: `bulk${i}.${lp.org.id}@school.example` })))
      .returning({ id: participants.id });
    await db()
      .insert(npqApplications)
      .values(
        people.map((p) => ({
          leadProviderId: lp.org.id,
          participantId: p.id,
          courseIdentifier: "npq-headship" as const,
          cohort: 2024,
          headteacherStatus: "no",
          schoolUrn: "100000",
          worksInSchool: true,
        })),
      );

    for (const query of ["page[per_page]=0", "page[page]=-1", "page[page]=abc", "page[per_page]=2.5"]) {
      const response = await api(listApplications, APPS, { query, token });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(badRequest("The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number"));
    }
    expect((await api(listApplications, APPS, { token })).body.data).toHaveLength(100);
    expect((await api(listApplications, APPS, { query: "page[per_page]=5000", token })).body.data).toHaveLength(3000);
    expect((await api(listApplications, APPS, { query: "page[per_page]=3000&page[page]=2", token })).body.data).toHaveLength(1);
    const past = await api(listApplications, APPS, { query: "page[per_page]=3000&page[page]=3", token });
    expect(past).toMatchObject({ status: 200, body: { data: [] } });
    expect(Object.keys(past.body)).toEqual(["data"]);
  });

  it("filters by cohort, participant and updated_since, sorts, and never shows another provider's applications", async () => {
    const lp = await createLeadProvider();
    const token = await tokenFor(lp.admin);
    const [p1, p2] = [
      await createParticipant({ updatedAt: new Date("2020-01-01T00:00:00Z") }),
      await createParticipant({ updatedAt: new Date("2020-01-01T00:00:00Z") }),
    ];
    const a = await createApplication(lp.org.id, p1.id, {
      cohort: 2023,
      createdAt: new Date("2024-01-01T00:00:00Z"),
      updatedAt: new Date("2024-05-01T00:00:00Z"),
    });
    const b = await createApplication(lp.org.id, p2.id, {
      cohort: 2024,
      createdAt: new Date("2024-02-01T00:00:00Z"),
      updatedAt: new Date("2024-03-01T00:00:00Z"),
    });
    await createApplication(lpB.org.id, p1.id);
    const ids = async (query?: string) => {
      const response = await api(listApplications, APPS, { query, token });
      expect(response.status).toBe(200);
      return (response.body.data as { id: string }[]).map((r) => r.id);
    };
    expect(await ids()).toEqual([a.id, b.id]);
    expect(await ids("filter[cohort]=2023")).toEqual([a.id]);
    expect(await ids("filter[cohort]=2023,2024")).toEqual([a.id, b.id]);
    expect(await ids("filter[cohort]=1999")).toEqual([]);
    expect(await ids(`filter[participant_id]=${p2.id}`)).toEqual([b.id]);
    expect(await ids(`filter[participant_id]=${p1.id},${p2.id}&filter[cohort]=2024`)).toEqual([b.id]);
    expect(await ids(`filter[updated_since]=${encodeURIComponent("2024-04-01T00:00:00+01:00")}`)).toEqual([a.id]);
    expect(await ids("sort=-created_at")).toEqual([b.id, a.id]);
    expect(await ids("sort=updated_at")).toEqual([b.id, a.id]);
    expect(await ids("sort=-updated_at")).toEqual([a.id, b.id]);

    const badDate = await api(listApplications, APPS, { query: "filter[updated_since]=yesterday", token });
    expect(badDate).toMatchObject({ status: 400, body: badRequest("The filter '#/updated_since' must be a valid ISO 8601 date") });
    const badIds = await api(listApplications, APPS, { query: "filter[participant_id]=123", token });
    expect(badIds).toMatchObject({ status: 400, body: badRequest("The filter '#/participant_id' must be a comma-delimited list of valid UUIDs") });
  });
});

describe("GET /api/v3/npq-applications/{id}", () => {
  it("shows the provider's application as DfE does; another provider's id, an unknown one and a malformed one are 404", async () => {
    const person = await createParticipant();
    const app = await createApplication(lpA.org.id, person.id, { createdAt: new Date("2024-07-06T10:47:24Z") });
    const mine = await api(showApplication, APP, { id: app.id });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({
      id: app.id,
      type: "npq_application",
      attributes: { participant_id: person.id, status: "pending", cohort: "2024", created_at: "2024-07-06T10:47:24.000Z" },
    });

    const theirs = await createApplication(lpB.org.id, person.id);
    for (const id of [theirs.id, crypto.randomUUID(), "not-a-uuid"]) {
      const response = await api(showApplication, APP, { id });
      expect(response).toMatchObject({ status: 404, body: NOT_FOUND });
    }
  });
});

describe("POST /api/v3/npq-applications/{id}/accept", () => {
  it("accepts at X-With-Server-Date; from the 2024 cohort only with funded_place, before that with or without a body", async () => {
    const uncapped = await createApplication(lpA.org.id, (await createParticipant({ updatedAt: new Date("2024-01-01T00:00:00Z") })).id, { cohort: 2023 });
    const accepted = await api(accept, ACCEPT, { method: "POST", id: uncapped.id, serverDate: "2024-02-01T09:00:00Z" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({
      attributes: { status: "accepted", cohort: "2023", funded_place: null, updated_at: "2024-02-01T09:00:00.000Z" },
    });

    const capped = await createApplication(lpA.org.id, (await createParticipant()).id);
    for (const request of [{}, { body: { something: "else" } }, { body: body("npq-application-accept", { schedule_identifier: "npq-leadership-spring" }) }]) {
      expect(await api(accept, ACCEPT, { method: "POST", id: capped.id, ...request })).toMatchObject({
        status: 422,
        body: unprocessable(["funded_place", "Set '#/funded_place' to true or false."]),
      });
    }
    const response = await api(accept, ACCEPT, {
      method: "POST",
      id: capped.id,
      serverDate: "2024-11-15T10:00:00Z",
      body: body("npq-application-accept", { schedule_identifier: "npq-leadership-spring", funded_place: true }),
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ attributes: { status: "accepted", schedule_identifier: "npq-leadership-spring", funded_place: true } });

    const defaultSchedule = await createApplication(lpA.org.id, (await createParticipant({ updatedAt: new Date("2024-01-01T00:00:00Z") })).id);
    const spring = await api(accept, ACCEPT, {
      method: "POST",
      id: defaultSchedule.id,
      serverDate: "2025-02-01T09:00:00Z",
      body: body("npq-application-accept", { funded_place: false }),
    });
    expect(spring.body.data).toMatchObject({
      attributes: { status: "accepted", schedule_identifier: "npq-leadership-spring", funded_place: false, updated_at: "2025-02-01T09:00:00.000Z" },
    });
  });

  it("answers DfE's 422s, 400s and 404s", async () => {
    const person = await createParticipant();
    const app = await createApplication(lpA.org.id, person.id);
    const rival = await createApplication(lpB.org.id, person.id);
    const fresh = await createApplication(lpA.org.id, (await createParticipant()).id);

    for (const bad of [
      "{oops",
      JSON.stringify({ data: { type: "npq-application-accept" } }),
      JSON.stringify(body("npq-application-accept", {})),
      JSON.stringify(body("x", { colour: "red" })),
    ]) {
      const response = await api(accept, ACCEPT, { method: "POST", id: fresh.id, body: bad });
      expect(response).toMatchObject({ status: 400, body: badRequest(INVALID_STRUCTURE) });
    }
    const badSchedule = await api(accept, ACCEPT, {
      method: "POST",
      id: fresh.id,
      body: body("npq-application-accept", { schedule_identifier: "npq-specialist-spring", funded_place: true }),
    });
    expect(badSchedule).toMatchObject({ status: 422, body: unprocessable(["schedule_identifier", "The selected schedule is not valid for the course"]) });
    const badFunded = await api(accept, ACCEPT, { method: "POST", id: fresh.id, body: body("npq-application-accept", { funded_place: "yes" }) });
    expect(badFunded).toMatchObject({ status: 422, body: unprocessable(["funded_place", "Set '#/funded_place' to true or false."]) });

    expect((await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id: app.id })).status).toBe(200);
    const again = await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id: app.id });
    expect(again).toMatchObject({ status: 422, body: unprocessable(["application", "This NPQ application has already been accepted"]) });
    const rivalAccept = await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id: rival.id, token: tokenB });
    expect(rivalAccept).toMatchObject({
      status: 422,
      body: unprocessable(
        ["application", "Once rejected an application cannot change state"],
        ["application", "The participant has already had an application accepted for this course."],
      ),
    });

    for (const id of [rival.id, "1234"]) {
      expect(await api(accept, ACCEPT, { method: "POST", id, body: "{oops" })).toMatchObject({ status: 404, body: NOT_FOUND });
    }
  });
});

describe("POST /api/v3/npq-applications/{id}/reject", () => {
  it("rejects, refuses a repeat or billable declarations, and hides other providers' applications", async () => {
    const app = await createApplication(lpA.org.id, (await createParticipant()).id);
    const rejected = await api(reject, REJECT, { method: "POST", id: app.id, serverDate: "2024-12-01T00:00:00Z" });
    expect(rejected).toMatchObject({
      status: 200,
      body: { data: { id: app.id, attributes: { status: "rejected", reason_for_rejection: "rejected_by_provider" } } },
    });
    expect(await api(reject, REJECT, { method: "POST", id: app.id })).toMatchObject({
      status: 422,
      body: unprocessable(["application", "This NPQ application has already been rejected"]),
    });

    const { app: withDeclarations } = await enrolled();
    await declare(withDeclarations.id);
    expect(await api(reject, REJECT, { method: "POST", id: withDeclarations.id })).toMatchObject({
      status: 422,
      body: unprocessable([
        "application",
        "This application has declarations that prevent it from being rejected. Void the declarations first, or contact us for assistance.",
      ]),
    });
    expect(await api(reject, REJECT, { method: "POST", id: withDeclarations.id, token: tokenB })).toMatchObject({ status: 404, body: NOT_FOUND });
  });
});

describe("PUT /api/v3/npq-applications/{id}/change-funded-place", () => {
  it("changes the funded place after acceptance with DfE's errors otherwise", async () => {
    const pending = await createApplication(lpA.org.id, (await createParticipant()).id);
    expect(
      await api(changeFundedPlace, FUNDED, { method: "PUT", id: pending.id, body: body("npq-application-change-funded-place", { funded_place: true }) }),
    ).toMatchObject({
      status: 422,
      body: unprocessable(["application", "You must accept the application before attempting to change the '#/funded_place' setting."]),
    });
    const { app } = await enrolled();
    const changed = await api(changeFundedPlace, FUNDED, {
      method: "PUT",
      id: app.id,
      body: body("npq-application-change-funded-place", { funded_place: true }),
      serverDate: "2024-12-24T00:00:00Z",
    });
    expect(changed).toMatchObject({ status: 200, body: { data: { attributes: { funded_place: true, updated_at: "2024-12-24T00:00:00.000Z" } } } });
    expect(await api(changeFundedPlace, FUNDED, { method: "PUT", id: app.id })).toMatchObject({
      status: 422,
      body: unprocessable(["funded_place", "Set '#/funded_place' to true or false."]),
    });
    expect(await api(changeFundedPlace, FUNDED, { method: "PUT", id: app.id, body: body("npq-application-change-funded-place", {}) })).toMatchObject({
      status: 400,
      body: badRequest(INVALID_STRUCTURE),
    });
    await declare(app.id);
    expect(
      await api(changeFundedPlace, FUNDED, { method: "PUT", id: app.id, body: body("npq-application-change-funded-place", { funded_place: false }) }),
    ).toMatchObject({
      status: 422,
      body: unprocessable([
        "application",
        "You cannot change the funded place because declarations have been submitted. You will need to void the existing declarations and resubmit them after changing the funded place.",
      ]),
    });
    const old = (await enrolled({ cohort: 2023 })).app;
    expect(
      await api(changeFundedPlace, FUNDED, { method: "PUT", id: old.id, body: body("npq-application-change-funded-place", { funded_place: false }) }),
    ).toMatchObject({
      status: 422,
      body: unprocessable(["application", "Leave the '#/funded_place' field blank. It's only needed for participants starting NPQs from autumn 2024 onwards."]),
    });
    expect(await api(changeFundedPlace, FUNDED, { method: "PUT", id: app.id, token: tokenB, body: body("x", { funded_place: true }) })).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
  });
});

describe("GET /api/v3/participants/npq and /{id}", () => {
  it("lists and shows the provider's participants with filters and sort; others are 404 and never listed", async () => {
    const lp = await createLeadProvider();
    const token = await tokenFor(lp.admin);
    const person1 = await createParticipant({ createdAt: new Date("2023-01-01T00:00:00Z"), updatedAt: new Date("2024-01-01T00:00:00Z") });
    const person2 = await createParticipant({ createdAt: new Date("2023-02-01T00:00:00Z"), updatedAt: new Date("2024-01-01T00:00:00Z") });
    const app1 = await createApplication(lp.org.id, person1.id);
    const app2 = await createApplication(lp.org.id, person2.id);
    for (const id of [app1.id, app2.id])
      expect((await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id, token, serverDate: "2024-11-15T10:00:00Z" })).status).toBe(200);
    await createApplication(lp.org.id, (await createParticipant()).id); // pending: not a participant
    const foreign = await createParticipant();
    await createApplication(lpB.org.id, foreign.id);
    expect(
      (
        await api(accept, ACCEPT, {
          method: "POST",
          body: FUNDED_BODY,
          id: (await db().select().from(npqApplications).where(eq(npqApplications.participantId, foreign.id)))[0]!.id,
          token: tokenB,
        })
      ).status,
    ).toBe(200);
    await declare(app2.id);
    expect(
      (
        await api(defer, DEFER, {
          method: "PUT",
          id: person2.id,
          token,
          serverDate: "2024-12-01T00:00:00Z",
          body: body("participant-defer", { course_identifier: "npq-senior-leadership", reason: "career-break" }),
        })
      ).status,
    ).toBe(200);
    const retired = crypto.randomUUID();
    await db()
      .insert(participantIdChanges)
      .values({ participantId: person1.id, fromParticipantId: retired, toParticipantId: person1.id, createdAt: new Date("2024-11-20T00:00:00Z") });

    const ids = async (query?: string) => {
      const response = await api(listParticipants, PARTICIPANTS, { query, token });
      expect(response.status).toBe(200);
      return (response.body.data as { id: string }[]).map((r) => r.id);
    };
    expect(await ids()).toEqual([person1.id, person2.id]);
    expect(await ids("filter[training_status]=deferred")).toEqual([person2.id]);
    expect(await ids(`filter[from_participant_id]=${retired}`)).toEqual([person1.id]);
    expect(await ids(`filter[updated_since]=${encodeURIComponent("2024-11-25T00:00:00Z")}`)).toEqual([person2.id]);
    expect(await ids("sort=-created_at")).toEqual([person2.id, person1.id]);
    expect(await ids("sort=-updated_at")).toEqual([person2.id, person1.id]);
    expect(await ids("filter[cohort]=1999")).toEqual([person1.id, person2.id]); // not a participants filter in v3
    expect(await ids("page[per_page]=1&page[page]=3")).toEqual([]);
    const badStatus = await api(listParticipants, PARTICIPANTS, { query: "filter[training_status]=resting", token });
    expect(badStatus).toMatchObject({
      status: 422,
      body: unprocessable(["Unpermitted parameters", `The filter '#/training_status' must be ["active", "deferred", "withdrawn"]`]),
    });
    expect(await api(listParticipants, PARTICIPANTS, { query: "page[page]=0", token })).toMatchObject({
      status: 400,
      body: badRequest("The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number"),
    });

    const shown = await api(showParticipant, PARTICIPANT, { id: person2.id, token });
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({
      id: person2.id,
      type: "npq-participant",
      attributes: {
        updated_at: "2024-12-01T00:00:00.000Z",
        npq_enrolments: [
          {
            npq_application_id: app2.id,
            training_status: "deferred",
            deferral: { reason: "career-break", date: "2024-12-01T00:00:00Z" },
            created_at: "2024-11-15T10:00:00Z",
          },
        ],
      },
    });
    for (const id of [foreign.id, crypto.randomUUID(), "bad"])
      expect(await api(showParticipant, PARTICIPANT, { id, token })).toMatchObject({ status: 404, body: NOT_FOUND });
  });
});

describe("participant actions over the API", () => {
  const course = "npq-senior-leadership";

  it("defers, resumes and withdraws with DfE's 200s, 422s, 400s and 404s", async () => {
    const { person, app } = await enrolled();
    const deferBody = body("participant-defer", { course_identifier: course, reason: "bereavement" });
    expect(await api(defer, DEFER, { method: "PUT", id: person.id, body: deferBody })).toMatchObject({
      status: 422,
      body: unprocessable(["participant_id", "You cannot defer an NPQ participant that has no declarations"]),
    });
    await declare(app.id, "retained-1");
    const deferred = await api(defer, DEFER, { method: "PUT", id: person.id, body: deferBody, serverDate: "2025-01-02T03:04:05Z" });
    expect(deferred.status).toBe(200);
    expect(deferred.body.data).toMatchObject({
      attributes: { npq_enrolments: [{ training_status: "deferred", deferral: { reason: "bereavement", date: "2025-01-02T03:04:05Z" } }] },
    });
    expect(await api(defer, DEFER, { method: "PUT", id: person.id, body: deferBody })).toMatchObject({
      status: 422,
      body: unprocessable(["participant_id", "The participant is already deferred"]),
    });

    const resumed = await api(resume, RESUME, { method: "PUT", id: person.id, body: body("participant-resume", { course_identifier: course }) });
    expect(resumed).toMatchObject({ status: 200, body: { data: { attributes: { npq_enrolments: [{ training_status: "active", deferral: null }] } } } });
    expect(await api(resume, RESUME, { method: "PUT", id: person.id, body: body("participant-resume", { course_identifier: course }) })).toMatchObject({
      status: 422,
      body: unprocessable(["participant_id", "The participant is already active"]),
    });

    const withdrawBody = body("participant-withdraw", { course_identifier: course, reason: "started-in-error" });
    expect(await api(withdraw, WITHDRAW, { method: "PUT", id: person.id, body: withdrawBody })).toMatchObject({
      status: 422,
      body: unprocessable([
        "participant_id",
        "An NPQ participant who has not got a started declaration cannot be withdrawn. Please contact support for assistance",
      ]),
    });
    expect(
      await api(withdraw, WITHDRAW, { method: "PUT", id: person.id, body: body("participant-withdraw", { course_identifier: "npq-typo", reason: "nope" }) }),
    ).toMatchObject({
      status: 422,
      body: unprocessable(
        ["course_identifier", "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again."],
        ["participant_id", "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again."],
        ["participant_id", "An NPQ participant who has not got a started declaration cannot be withdrawn. Please contact support for assistance"],
        ["reason", "The property '#/reason' must be a valid reason"],
      ),
    });
    await declare(app.id, "started");
    const withdrawn = await api(withdraw, WITHDRAW, { method: "PUT", id: person.id, body: withdrawBody, serverDate: "2025-03-03T00:00:00Z" });
    expect(withdrawn).toMatchObject({
      status: 200,
      body: {
        data: { attributes: { npq_enrolments: [{ training_status: "withdrawn", withdrawal: { reason: "started-in-error", date: "2025-03-03T00:00:00Z" } }] } },
      },
    });

    for (const [handler, template] of [
      [defer, DEFER],
      [resume, RESUME],
      [withdraw, WITHDRAW],
      [changeSchedule, CHANGE_SCHEDULE],
    ] as const) {
      expect(await api(handler, template, { method: "PUT", id: person.id, body: "{bad json" })).toMatchObject({
        status: 400,
        body: badRequest(INVALID_STRUCTURE),
      });
      expect(await api(handler, template, { method: "PUT", id: person.id, body: body("x", {}) })).toMatchObject({
        status: 400,
        body: badRequest(INVALID_STRUCTURE),
      });
      expect(await api(handler, template, { method: "PUT", id: person.id, token: tokenB, body: body("x", { course_identifier: course }) })).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
      expect(await api(handler, template, { method: "PUT", id: "no-such-id", body: body("x", { course_identifier: course }) })).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
    }
  });

  it("changes schedule with DfE's errors", async () => {
    const { person, app } = await enrolled();
    const change = (attributes: Record<string, unknown>, serverDate?: string) =>
      api(changeSchedule, CHANGE_SCHEDULE, {
        method: "PUT",
        id: person.id,
        body: body("participant-change-schedule", { course_identifier: course, ...attributes }),
        serverDate,
      });
    expect(await change({ schedule_identifier: "npq-leadership-autumn" })).toMatchObject({
      status: 422,
      body: unprocessable(["schedule_identifier", "The participant already has the specified schedule"]),
    });
    expect(await change({ schedule_identifier: "npq-specialist-autumn" })).toMatchObject({
      status: 422,
      body: unprocessable(["schedule_identifier", "The selected schedule is not valid for the course"]),
    });
    expect(await change({ schedule_identifier: "npq-leadership-autumn", cohort: "2023" })).toMatchObject({
      status: 422,
      body: unprocessable(["cohort", "You cannot change the '#/cohort' field from one with a funding cap to one without a funding cap"]),
    });
    await declare(app.id);
    expect(await change({ schedule_identifier: "npq-leadership-spring" })).toMatchObject({
      status: 422,
      body: unprocessable(["schedule_identifier", "Changing schedule would invalidate existing declarations. Please void them first."]),
    });

    const other = await enrolled();
    const moved = await api(changeSchedule, CHANGE_SCHEDULE, {
      method: "PUT",
      id: other.person.id,
      body: body("participant-change-schedule", { course_identifier: course, schedule_identifier: "npq-leadership-spring", cohort: "2024" }),
      serverDate: "2025-01-15T00:00:00Z",
    });
    expect(moved).toMatchObject({
      status: 200,
      body: {
        data: { attributes: { updated_at: "2025-01-15T00:00:00.000Z", npq_enrolments: [{ schedule_identifier: "npq-leadership-spring", cohort: "2024" }] } },
      },
    });
  });
});

describe("outcomes over the API", () => {
  it("creates, lists and filters outcomes, with DfE's errors", async () => {
    const lp = await createLeadProvider();
    const token = await tokenFor(lp.admin);
    const person = await createParticipant();
    const app = await createApplication(lp.org.id, person.id);
    expect((await api(accept, ACCEPT, { method: "POST", body: FUNDED_BODY, id: app.id, token })).status).toBe(200);
    const attributes = { course_identifier: "npq-senior-leadership", state: "passed", completion_date: "2025-06-01" };

    expect(
      await api(createOutcome, PARTICIPANT_OUTCOMES, {
        method: "POST",
        id: person.id,
        token,
        body: body("npq-outcome-confirmation", attributes),
        serverDate: "2025-06-05T00:00:00Z",
      }),
    ).toMatchObject({
      status: 422,
      body: unprocessable(["base", "The participant has not had a 'completed' declaration submitted for them. Therefore you cannot update their outcome."]),
    });
    await declare(app.id, "completed");
    const created = await api(createOutcome, PARTICIPANT_OUTCOMES, {
      method: "POST",
      id: person.id,
      token,
      body: body("npq-outcome-confirmation", attributes),
      serverDate: "2025-06-05T00:00:00Z",
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        data: {
          type: "participant-outcome",
          attributes: { state: "passed", completion_date: "2025-06-01", participant_id: person.id, created_at: "2025-06-05T00:00:00.000Z" },
        },
      },
    });
    const failed = await api(createOutcome, PARTICIPANT_OUTCOMES, {
      method: "POST",
      id: person.id,
      token,
      body: body("npq-outcome-confirmation", { ...attributes, state: "failed" }),
      serverDate: "2025-06-07T00:00:00Z",
    });
    expect(failed.status).toBe(200);
    expect(
      await api(createOutcome, PARTICIPANT_OUTCOMES, {
        method: "POST",
        id: person.id,
        token,
        body: body("npq-outcome-confirmation", { ...attributes, completion_date: "2025-07-01" }),
        serverDate: "2025-06-05T00:00:00Z",
      }),
    ).toMatchObject({
      status: 422,
      body: unprocessable(["completion_date", "The '#/completion_date' value cannot be a future date. Check the date and try again."]),
    });
    expect(
      await api(createOutcome, PARTICIPANT_OUTCOMES, {
        method: "POST",
        id: person.id,
        token,
        body: body("npq-outcome-confirmation", { ...attributes, state: "voided" }),
      }),
    ).toMatchObject({
      status: 422,
      body: unprocessable([
        "state",
        "The attribute '#/state' can only include 'passed' or 'failed' values. If you need to void an outcome, you will need to void the associated 'completed' declaration.",
      ]),
    });
    expect(await api(createOutcome, PARTICIPANT_OUTCOMES, { method: "POST", id: person.id, token, body: { data: {} } })).toMatchObject({
      status: 400,
      body: badRequest(INVALID_STRUCTURE),
    });
    expect(await api(createOutcome, PARTICIPANT_OUTCOMES, { method: "POST", id: person.id, body: body("npq-outcome-confirmation", attributes) })).toMatchObject(
      { status: 404, body: NOT_FOUND },
    );

    const mine = await api(participantOutcomes, PARTICIPANT_OUTCOMES, { id: person.id, token });
    expect(mine.status).toBe(200);
    expect((mine.body.data as { attributes: { state: string } }[]).map((o) => o.attributes.state)).toEqual(["passed", "failed"]);
    expect(await api(participantOutcomes, PARTICIPANT_OUTCOMES, { id: person.id, token, query: "page[page]=2" })).toMatchObject({
      status: 200,
      body: { data: [] },
    });
    expect(await api(participantOutcomes, PARTICIPANT_OUTCOMES, { id: person.id })).toMatchObject({ status: 404, body: NOT_FOUND });

    const all = await api(allOutcomes, OUTCOMES, { token });
    expect((all.body.data as { id: string }[]).map((o) => o.id)).toEqual([(created.body.data as { id: string }).id, (failed.body.data as { id: string }).id]);
    const since = await api(allOutcomes, OUTCOMES, { token, query: `filter[created_since]=${encodeURIComponent("2025-06-06T00:00:00Z")}` });
    expect((since.body.data as { id: string }[]).map((o) => o.id)).toEqual([(failed.body.data as { id: string }).id]);
    expect(await api(allOutcomes, OUTCOMES, { token, query: "filter[created_since]=soon" })).toMatchObject({
      status: 400,
      body: badRequest("The filter '#/created_since' must be a valid ISO 8601 date"),
    });
    expect(await api(allOutcomes, OUTCOMES, { token, query: "page[per_page]=1&page[page]=9" })).toMatchObject({ status: 200, body: { data: [] } });
    // Never another provider's.
    expect((await api(allOutcomes, OUTCOMES, { token: tokenB })).body.data).not.toContainEqual(
      expect.objectContaining({ id: (created.body.data as { id: string }).id }),
    );
  });
});
