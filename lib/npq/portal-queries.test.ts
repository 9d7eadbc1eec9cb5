import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { declarations } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { createApplication, createLeadProvider, createParticipant, createStatements, ensureCohortWithoutSchedules } from "@/tests/support/npq";
import { courseSchedules, listAdminStatements, listLeadProviders, listPortalApplications, listStatementDeclarations, portalPagination } from "./portal-queries";

let lp: Awaited<ReturnType<typeof createLeadProvider>>;
let other: Awaited<ReturnType<typeof createLeadProvider>>;
let tag: string;
const people: Awaited<ReturnType<typeof createParticipant>>[] = [];
const apps: Awaited<ReturnType<typeof createApplication>>[] = [];

const all = { sort: "oldest" as const, page: 1, perPage: 25 };

beforeAll(async () => {
  [lp, other] = await Promise.all([createLeadProvider(), createLeadProvider()]);
  tag = `Zq${crypto.randomUUID().slice(0, 6)}`;
  for (const [i, name] of [`Ada ${tag}lovelace`, `Grace ${tag}hopper`, `Mary ${tag}somerville`].entries()) {
    people.push(await createParticipant({ fullName: name, email: `${tag.toLowerCase()}.${i}@school.example` }));
  }
  apps.push(await createApplication(lp.org.id, people[0]!.id, { courseIdentifier: "npq-headship", cohort: 2024 }));
  apps.push(await createApplication(lp.org.id, people[1]!.id, { courseIdentifier: "npq-senco", cohort: 2023, status: "rejected" }));
  apps.push(await createApplication(lp.org.id, people[2]!.id, { courseIdentifier: "npq-senco", cohort: 2024, status: "accepted", trainingStatus: "active" }));
  // The same person with another lead provider: never in this provider's list.
  apps.push(await createApplication(other.org.id, people[0]!.id, { courseIdentifier: "npq-headship", cohort: 2024 }));
});

describe("portalPagination", () => {
  it("builds the services' pagination object from a 1-based page", () => {
    expect(portalPagination(3, 25)).toEqual({ page: 3, perPage: 25, offset: 50 });
    expect(portalPagination(0, 10)).toEqual({ page: 1, perPage: 10, offset: 0 });
  });
});

describe("listPortalApplications", () => {
  it("lists only the lead provider's applications, with the total", async () => {
    const result = await listPortalApplications(lp.admin, { ...all, q: tag });
    expect(result.total).toBe(3);
    expect(result.rows.map((r) => r.id)).toEqual([apps[0]!.id, apps[1]!.id, apps[2]!.id]);
    expect(result.rows[0]).toMatchObject({ fullName: `Ada ${tag}lovelace`, courseIdentifier: "npq-headship", status: "pending", cohort: 2024 });
    const theirs = await listPortalApplications(other.admin, { ...all, q: tag });
    expect(theirs.rows.map((r) => r.id)).toEqual([apps[3]!.id]);
  });

  it("filters by status, cohort and course", async () => {
    expect((await listPortalApplications(lp.admin, { ...all, q: tag, status: "pending" })).rows.map((r) => r.id)).toEqual([apps[0]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: tag, cohort: 2023 })).rows.map((r) => r.id)).toEqual([apps[1]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: tag, course: "npq-senco", cohort: 2024 })).rows.map((r) => r.id)).toEqual([apps[2]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: tag, status: "accepted", course: "npq-headship" })).total).toBe(0);
  });

  it("searches the start of a word of the name, the start of the email, or an exact id", async () => {
    expect((await listPortalApplications(lp.admin, { ...all, q: `grace ${tag.toUpperCase()}HOP` })).rows.map((r) => r.id)).toEqual([apps[1]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: `${tag.toLowerCase()}.2@` })).rows.map((r) => r.id)).toEqual([apps[2]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: apps[1]!.id })).rows.map((r) => r.id)).toEqual([apps[1]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: people[2]!.id })).rows.map((r) => r.id)).toEqual([apps[2]!.id]);
    // Inside a word does not match, and LIKE wildcards are taken literally.
    expect((await listPortalApplications(lp.admin, { ...all, q: "ovelace" })).rows.map((r) => r.id)).not.toContain(apps[0]!.id);
    expect((await listPortalApplications(lp.admin, { ...all, q: `${tag}%` })).total).toBe(0);
  });

  it("pages and orders", async () => {
    const page2 = await listPortalApplications(lp.admin, { ...all, q: tag, perPage: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2, perPage: 2, totalPages: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual([apps[2]!.id]);
    expect((await listPortalApplications(lp.admin, { ...all, q: tag, sort: "newest" })).rows.map((r) => r.id)).toEqual([apps[2]!.id, apps[1]!.id, apps[0]!.id]);
  });

  it("is refused to anyone but lead provider users", async () => {
    const epao = await createUser(await createOrganisation("epao"), "epao_admin");
    await expect(listPortalApplications(epao, all)).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await createUser(await createOrganisation("platform"), "platform_admin");
    await expect(listPortalApplications(admin, all)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("courseSchedules", () => {
  it("gives the course's schedule family in the cohort, earliest start first, with milestone windows", async () => {
    // Other test files add throwaway schedules (npq-test-…) to the shared cohorts; only DfE's are checked here.
    const dfe = <T extends { identifier: string }>(list: T[]) => list.filter((s) => !s.identifier.startsWith("npq-test-"));
    const schedules = dfe(await courseSchedules(lp.admin, "npq-senco", 2024));
    expect(schedules.map((s) => s.identifier)).toEqual(["npq-specialist-autumn", "npq-specialist-spring"]);
    expect(schedules[0]!.milestones.find((m) => m.declarationType === "started")).toMatchObject({ startDate: "2024-10-01" });
    expect(schedules[0]!.milestones.map((m) => m.declarationType).sort()).toEqual(["completed", "retained-1", "started"]);
    expect(dfe(await courseSchedules(lp.admin, "npq-headship", 2024)).map((s) => s.identifier)).toEqual(["npq-leadership-autumn", "npq-leadership-spring"]);
    expect(dfe(await courseSchedules(lp.admin, "npq-headship", await ensureCohortWithoutSchedules()))).toEqual([]);
  });

  it("is refused to anyone but lead provider users", async () => {
    const provider = await createUser(await createOrganisation("training_provider"), "provider_admin");
    await expect(courseSchedules(provider, "npq-senco", 2024)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("listStatementDeclarations", () => {
  it("lists the lead provider's declarations on a statement and the clawbacks on it", async () => {
    const [november, december] = await createStatements(lp.org.id, 2024, [
      { year: 2030, month: 11 },
      { year: 2030, month: 12 },
    ]);
    const [theirs] = await createStatements(other.org.id, 2024, [{ year: 2030, month: 11 }]);
    const base = { participantId: people[2]!.id, applicationId: apps[2]!.id, leadProviderId: lp.org.id, courseIdentifier: "npq-senco", cohort: 2024 };
    const [started, retained, clawedBack] = await db()
      .insert(declarations)
      .values([
        {
          ...base,
          declarationType: "started",
          declarationDate: new Date("2024-10-10T00:00:00Z"),
          state: "eligible",
          statementId: november!.id,
          createdAt: new Date("2030-11-01T00:00:00Z"),
        },
        {
          ...base,
          declarationType: "retained-1",
          declarationDate: new Date("2024-11-10T00:00:00Z"),
          state: "voided",
          statementId: november!.id,
          createdAt: new Date("2030-11-02T00:00:00Z"),
        },
        {
          ...base,
          declarationType: "completed",
          hasPassed: true,
          declarationDate: new Date("2024-11-11T00:00:00Z"),
          state: "awaiting_clawback",
          statementId: december!.id,
          clawbackStatementId: november!.id,
          createdAt: new Date("2030-11-03T00:00:00Z"),
        },
      ])
      .returning();
    // Another lead provider's declaration on its own statement.
    await db()
      .insert(declarations)
      .values({
        participantId: people[0]!.id,
        applicationId: apps[3]!.id,
        leadProviderId: other.org.id,
        courseIdentifier: "npq-headship",
        cohort: 2024,
        declarationType: "started",
        declarationDate: new Date("2024-10-10T00:00:00Z"),
        state: "eligible",
        statementId: theirs!.id,
      });

    const onNovember = await listStatementDeclarations(lp.admin, november!.id, { page: 1, perPage: 50 });
    expect(onNovember.total).toBe(3);
    expect(onNovember.rows.map((r) => [r.id, r.line, r.state])).toEqual([
      [started!.id, "statement", "eligible"],
      [retained!.id, "statement", "voided"],
      [clawedBack!.id, "clawback", "awaiting_clawback"],
    ]);
    expect(onNovember.rows[0]).toMatchObject({ fullName: people[2]!.fullName, participantId: people[2]!.id, declarationType: "started" });
    expect((await listStatementDeclarations(lp.admin, december!.id, { page: 1, perPage: 50 })).rows.map((r) => [r.id, r.line])).toEqual([
      [clawedBack!.id, "statement"],
    ]);
    expect((await listStatementDeclarations(lp.admin, november!.id, { page: 2, perPage: 2 })).rows.map((r) => r.id)).toEqual([clawedBack!.id]);

    // Another provider's statement shows none of its declarations; nonsense ids show nothing.
    expect((await listStatementDeclarations(lp.admin, theirs!.id, { page: 1, perPage: 50 })).total).toBe(0);
    expect((await listStatementDeclarations(lp.admin, "not-a-uuid", { page: 1, perPage: 50 })).total).toBe(0);
  });
});

describe("platform admin statement queries", () => {
  it("lists every lead provider's statements with filters and declaration counts, for platform admins only", async () => {
    const admin = await createUser(await createOrganisation("platform"), "platform_admin");
    const [mine] = await createStatements(lp.org.id, 2023, [{ year: 2031, month: 1 }]);
    await createStatements(other.org.id, 2023, [{ year: 2031, month: 1 }]);

    const filtered = await listAdminStatements(admin, { leadProvider: lp.org.id, cohort: 2023, page: 1, perPage: 50 });
    expect(filtered.total).toBe(1);
    expect(filtered.rows[0]).toMatchObject({
      id: mine!.id,
      leadProviderName: lp.org.name,
      cohort: 2023,
      month: 1,
      year: 2031,
      state: "open",
      declarations: 0,
      outputFee: true,
    });
    expect((await listAdminStatements(admin, { leadProvider: lp.org.id, state: "paid", page: 1, perPage: 50 })).total).toBe(0);

    const withDeclarations = await listAdminStatements(admin, { leadProvider: lp.org.id, cohort: 2024, page: 1, perPage: 50 });
    expect(withDeclarations.rows.find((r) => r.month === 11 && r.year === 2030)?.declarations).toBe(2);

    expect((await listLeadProviders(admin)).map((l) => l.id)).toEqual(expect.arrayContaining([lp.org.id, other.org.id]));
    await expect(listAdminStatements(lp.admin, { page: 1, perPage: 50 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listLeadProviders(lp.admin)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
