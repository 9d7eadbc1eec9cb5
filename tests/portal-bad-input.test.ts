import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { exportApprenticesCsv, listApprentices, matchingIds, parseListQuery, readListQuery } from "@/lib/apprentices/list";
import { assessorWorklist } from "@/lib/assessment/queues";
import { activityFilterSchema, listActivity } from "@/lib/audit/service";
import { certificationErrors, certificationErrorsCsv, parseCertificationErrorFilters, upcomingClaims } from "@/lib/certification/queries";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { listParticipants } from "@/lib/npq/participants";
import { listAdminStatements, listPortalApplications, portalPagination } from "@/lib/npq/portal-queries";
import { adminStatementListSchema, applicationListSchema, parseList, participantListSchema, statementListSchema } from "@/lib/npq/portal-schema";
import { listStatements } from "@/lib/npq/statements";
import {
  findNul,
  flatSearchParams,
  isRealDate,
  NUL_MESSAGE,
  parseInput,
  parseSearchParams,
  searchDate,
  searchInt,
  searchPage,
  searchText,
  type RawSearchParams,
} from "@/lib/validation";
import { ValidationError } from "@/lib/errors";
import { z } from "zod";
import { createWorld } from "@/tests/support/factories";

/**
 * Every portal list's URL parser, and the service behind it, against the bad input that used to reach Postgres and
 * fail (a 500): NUL and other control characters in search text, impossible dates, numbers too large for an offset or
 * a date, overlong text. Parsed with the shared parsers (lib/validation.ts), every one is dropped or cleaned, and the
 * service answers. The same URLs over HTTP, signed in as each role, are in e2e/bad-input.spec.ts.
 */

const HUGE = "99999999999999999999";
const BAD_INPUTS: RawSearchParams[] = [
  { q: "\u0000" },
  { q: "O'Brien\u0000\u0001\u007f" },
  { q: "x".repeat(101) },
  { q: ["\u0000", "a"] },
  { startFrom: "2024-13-45" },
  { startTo: "2024-02-30" },
  { endFrom: "0000-01-01" },
  { endTo: "2024-02-30" },
  { page: HUGE },
  { page: "-1" },
  { page: "1e400" },
  { perPage: HUGE },
  { ageOver: HUGE },
  { ageOver: "-5" },
  { cohort: HUGE },
  { from: "2024-02-30" },
  { to: "0000-01-01" },
  { action: "\u0000" },
  { actor: "\u0000" },
  { status: "\u0000" },
  { standard: "\u0000" },
  { view: "\u0000" },
  { sort: "\u0000", dir: "\u0000" },
  { leadProvider: "\u0000", state: HUGE, trainingStatus: "\u0000", course: "\u0000" },
];

let actors: Record<string, UserActor>;
beforeAll(async () => {
  actors = (await createWorld()).actors;
});

/** Each portal list: its parser and the service(s) its page or download calls with the parsed query. */
const LISTS: { name: string; run: (params: RawSearchParams) => Promise<unknown> }[] = [
  ...(["epao_admin", "provider_admin", "assessor"] as const).map((role) => ({
    name: `apprentices (${role}): list, CSV export, assign-all`,
    run: async (params: RawSearchParams) => {
      const query = parseListQuery(params);
      return Promise.all([listApprentices(actors[role]!, query), exportApprenticesCsv(actors[role]!, query), matchingIds(actors[role]!, query, 10)]);
    },
  })),
  {
    name: "certification errors: page and CSV (query string of /api/certification/errors)",
    run: async (params) =>
      Promise.all([
        certificationErrors(actors.epao_admin!, parseCertificationErrorFilters(params)),
        certificationErrorsCsv(actors.epao_admin!, parseCertificationErrorFilters(new URLSearchParams(flatSearchParams(params)))),
      ]),
  },
  {
    name: "upcoming certificate claims",
    run: async (params) => upcomingClaims(actors.epao_admin!, { page: searchPage().parse(flatSearchParams(params).page) }),
  },
  { name: "activity log", run: async (params) => listActivity(actors.epao_admin!, parseSearchParams(activityFilterSchema, params).query) },
  { name: "assessor worklist", run: async (params) => assessorWorklist(actors.assessor!, { ...flatSearchParams(params), perPage: 25 }) },
  { name: "lead provider applications", run: async (params) => listPortalApplications(actors.lead_provider_admin!, parseList(applicationListSchema, params)) },
  {
    name: "lead provider participants",
    run: async (params) => {
      const query = parseList(participantListSchema, params);
      return listParticipants(leadProviderActorFromUser(actors.lead_provider_admin!), {
        pagination: portalPagination(query.page, query.perPage),
        cohorts: query.cohort === undefined ? undefined : [query.cohort],
        trainingStatus: query.trainingStatus,
      });
    },
  },
  {
    name: "lead provider statements",
    run: async (params) => {
      const query = parseList(statementListSchema, params);
      return listStatements(leadProviderActorFromUser(actors.lead_provider_admin!), {
        pagination: portalPagination(query.page, query.perPage),
        cohorts: query.cohort === undefined ? undefined : [query.cohort],
      });
    },
  },
  { name: "admin NPQ statements", run: async (params) => listAdminStatements(actors.platform_admin!, parseList(adminStatementListSchema, params)) },
];

describe("every portal list with bad search params: the filter is dropped or cleaned, the service answers", () => {
  for (const list of LISTS) {
    it(list.name, async () => {
      for (const params of BAD_INPUTS) await expect(list.run(params), JSON.stringify(params)).resolves.toBeDefined();
    });
  }

  it("says which filters it could not apply (the apprentice list shows them as field errors)", () => {
    const { query, ignored } = readListQuery({ q: "smith\u0000", startFrom: "2024-13-45", endTo: "2024-02-30", startTo: "2024-02-29", page: HUGE });
    expect(query).toMatchObject({ q: "smith", startFrom: undefined, endTo: undefined, startTo: "2024-02-29", page: 1 });
    expect(ignored.sort()).toEqual(["endTo", "startFrom"]);
    expect(parseCertificationErrorFilters({ q: "\u0000", ageOver: HUGE })).toEqual({ search: undefined, ageOver: undefined });
    expect(parseCertificationErrorFilters(new URLSearchParams("q=%00Brown&ageOver=7"))).toEqual({ search: "Brown", ageOver: 7 });
  });
});

describe("the shared parsers (lib/validation.ts)", () => {
  it("searchText: control characters become spaces and are trimmed; empty is no filter; too long is dropped", () => {
    const text = searchText(10);
    expect(text.parse("  a\u0000b\tc\u007f ")).toBe("a b c");
    expect(text.parse("\u0000\u0001")).toBeUndefined();
    expect(text.parse("x".repeat(11))).toBeUndefined();
    expect(text.parse(["x"])).toBeUndefined();
    expect(text.parse(undefined)).toBeUndefined();
  });

  it("searchDate and isRealDate: a real calendar date in years 0001–9999", () => {
    for (const good of ["2024-02-29", "0001-01-01", "9999-12-31"]) expect(isRealDate(good), good).toBe(true);
    for (const bad of ["2024-13-45", "2024-02-30", "2023-02-29", "0000-01-01", "2024-1-1", "2024-01-01T00:00:00Z", "+02024-01-01", ""])
      expect(isRealDate(bad), bad).toBe(false);
    expect(searchDate().parse("2024-02-30")).toBeUndefined();
    expect(searchDate().parse("2024-02-29")).toBe("2024-02-29");
  });

  it("searchInt and searchPage: whole numbers within bounds, anything else dropped or the first page", () => {
    expect(searchInt(1, 10).parse("7")).toBe(7);
    for (const bad of [HUGE, "0", "11", "1.5", "abc", "1e400", "Infinity"]) expect(searchInt(1, 10).parse(bad), bad).toBeUndefined();
    expect(searchPage().parse("3")).toBe(3);
    for (const bad of [HUGE, "-1", "0", "x", undefined]) expect(searchPage().parse(bad), String(bad)).toBe(1);
  });

  it("parseSearchParams reads the first of repeated values, skips empty ones, and names the ones it dropped", () => {
    const schema = z.object({ q: searchText(), page: searchPage(), from: searchDate() });
    expect(parseSearchParams(schema, { q: ["a", "b"], page: "", from: "2024-02-30", other: "x" })).toEqual({
      query: { q: "a", page: 1, from: undefined },
      ignored: ["from"],
    });
    expect(parseSearchParams(schema, new URLSearchParams("q=a&q=b&from=2024-02-28"))).toEqual({ query: { q: "a", page: 1, from: "2024-02-28" }, ignored: [] });
  });

  it("parseInput refuses a NUL character in any string of a service's input, on its field, before the schema", () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()) });
    expect(findNul({ name: "ok", tags: ["a", "b\u0000"] })).toEqual(["tags", "1"]);
    expect(findNul({ ["k\u0000"]: 1 })).toEqual(["k\u0000"]);
    expect(findNul({ at: new Date(), bytes: new Uint8Array([0]) })).toBeNull();
    let error: unknown;
    try {
      parseInput(schema, { name: "Ada\u0000", tags: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: NUL_MESSAGE });
    expect(() => parseInput(schema, "\u0000")).toThrow(NUL_MESSAGE);
    expect(parseInput(schema, { name: "Ada", tags: ["x"] })).toEqual({ name: "Ada", tags: ["x"] });
  });
});
