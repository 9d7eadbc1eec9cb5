import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { apprentices, epaoChanges, providerLinks, standards } from "@/db/schema";
import { type ApprenticeStatus } from "@/lib/domain";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createOrganisation, createWorld } from "@/tests/support/factories";
import { addDays, daysBetween, emptyStatusCounts, epaoDashboard, providerDashboard } from "./service";
import { londonToday } from "@/lib/calendar/london";
import type { Standard } from "@/db/schema";

type World = Awaited<ReturnType<typeof createWorld>>;
type Org = { id: string };

const TODAY = "2030-06-15";
const day = (offset: number) => addDays(TODAY, offset);

async function createStandard(): Promise<Standard> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const reference = `ST9${String(crypto.randomInt(0, 1000)).padStart(3, "0")}`;
    const [row] = await db()
      .insert(standards)
      .values({
        reference,
        larsCode: 900_000 + crypto.randomInt(0, 100_000_000),
        title: `Dashboard test standard ${reference}`,
        level: 3,
        versions: ["1.0"],
        overallGrades: ["Fail", "Pass", "Distinction"],
        gradingRule: { combinations: [], fallback: "Pass" },
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error("Could not find a free standard reference");
}

type RecordSpec = {
  epao: Org;
  provider: Org;
  standard: Standard;
  familyName: string;
  status?: ApprenticeStatus;
  plannedEnd?: number;
  assessorId?: string | null;
  createdAt?: string;
  breakReturn?: number;
};

async function addRecord(spec: RecordSpec) {
  const status = spec.status ?? "in_training";
  const [row] = await db()
    .insert(apprentices)
    .values({
      uln: String(crypto.randomInt(1_000_000_000, 10_000_000_000)),
      givenNames: "Test",
      familyName: spec.familyName,
      dateOfBirth: "2005-03-01",
      employerName: "Test Employer Ltd",
      standardId: spec.standard.id,
      standardVersion: "1.0",
      startDate: "2028-09-01",
      plannedEndDate: day(spec.plannedEnd ?? 400),
      providerId: spec.provider.id,
      epaoId: spec.epao.id,
      assessorId: spec.assessorId ?? null,
      status,
      statusBeforeBreak: status === "on_break" ? "in_training" : null,
      breakStartDate: status === "on_break" ? "2030-03-01" : null,
      breakExpectedReturnDate: status === "on_break" ? day(spec.breakReturn ?? 200) : null,
      withdrawnDate: status === "withdrawn" ? "2030-02-01" : null,
      ...(spec.createdAt ? { createdAt: new Date(spec.createdAt) } : {}),
    })
    .returning();
  return row!;
}

let world: World;
let other: World;
let s1: Standard;
let s2: Standard;
const ids: Record<string, string> = {};

/*
 * E = world's EPAO, E2 = other's EPAO, P = world's provider, P2 = other's provider. Offsets are days from TODAY.
 *
 *        EPAO prov std status        end  assessor created     break return
 * r1     E    P    S1  in_training   +10  -        2030-01-03
 * r2     E    P2   S1  in_training   +90  A
 * r3     E    P    S1  in_training   +91  -        2030-01-01
 * r4     E    P    S1  gateway            -        2030-01-02
 * r5     E    P    S1  withdrawn          -        2029-12-01
 * r6     E    P2   S1  on_break           A                     -5
 * r7     E    P    S2  in_training    0   A
 * r8     E    P2   S2  in_training   -1   -        2030-01-04
 * r9     E    P    S2  certificated       A
 * r10    E    P2   S2  epa                A
 * r11    E    P    S2  in_training   +10  A
 * b1     E    P    S2  on_break           A                     -5
 * b2     E    P    S1  on_break           A                     +30
 * b3     E2   P    S1  on_break           -                     +31
 * b4     E    P    S2  on_break           A                     +2
 * x1     E2   P    S1  in_training   +3   -
 * x2     E2   P2   S3  gateway            -
 * x3     E2   P2   S3  in_training   +5   -
 */
beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
  const s3 = await createStandard();
  [s1, s2] = await Promise.all([createStandard(), createStandard()]);
  const E = world.orgs.epao;
  const E2 = other.orgs.epao;
  const P = world.orgs.training_provider;
  const P2 = other.orgs.training_provider;
  const A = world.actors.assessor.userId;
  const specs: Record<string, RecordSpec> = {
    r1: { epao: E, provider: P, standard: s1, familyName: "Baker", plannedEnd: 10, createdAt: "2030-01-03T09:00:00Z" },
    r2: { epao: E, provider: P2, standard: s1, familyName: "Carter", plannedEnd: 90, assessorId: A },
    r3: { epao: E, provider: P, standard: s1, familyName: "Dunn", plannedEnd: 91, createdAt: "2030-01-01T09:00:00Z" },
    r4: { epao: E, provider: P, standard: s1, familyName: "Evans", status: "gateway", createdAt: "2030-01-02T09:00:00Z" },
    r5: { epao: E, provider: P, standard: s1, familyName: "Fox", status: "withdrawn", createdAt: "2029-12-01T09:00:00Z" },
    r6: { epao: E, provider: P2, standard: s1, familyName: "Green", status: "on_break", assessorId: A, breakReturn: -5 },
    r7: { epao: E, provider: P, standard: s2, familyName: "Zed", plannedEnd: 0, assessorId: A },
    r8: { epao: E, provider: P2, standard: s2, familyName: "Hill", plannedEnd: -1, createdAt: "2030-01-04T09:00:00Z" },
    r9: { epao: E, provider: P, standard: s2, familyName: "Irwin", status: "certificated", assessorId: A },
    r10: { epao: E, provider: P2, standard: s2, familyName: "Jones", status: "epa", assessorId: A },
    r11: { epao: E, provider: P, standard: s2, familyName: "Able", plannedEnd: 10, assessorId: A },
    b1: { epao: E, provider: P, standard: s2, familyName: "King", status: "on_break", assessorId: A, breakReturn: -5 },
    b2: { epao: E, provider: P, standard: s1, familyName: "Lee", status: "on_break", assessorId: A, breakReturn: 30 },
    b3: { epao: E2, provider: P, standard: s1, familyName: "Moss", status: "on_break", breakReturn: 31 },
    b4: { epao: E, provider: P, standard: s2, familyName: "Nash", status: "on_break", assessorId: A, breakReturn: 2 },
    x1: { epao: E2, provider: P, standard: s1, familyName: "Owen", plannedEnd: 3 },
    x2: { epao: E2, provider: P2, standard: s3, familyName: "Price", status: "gateway" },
    x3: { epao: E2, provider: P2, standard: s3, familyName: "Quinn", plannedEnd: 5 },
  };
  for (const [key, spec] of Object.entries(specs)) ids[key] = (await addRecord(spec)).id;

  await db()
    .insert(epaoChanges)
    .values([
      { apprenticeId: ids.x1!, fromEpaoId: E2.id, toEpaoId: E.id, reason: "Moving", status: "requested" },
      { apprenticeId: ids.x2!, fromEpaoId: E2.id, toEpaoId: E.id, reason: "Moving", status: "requested" },
      { apprenticeId: ids.x3!, fromEpaoId: E2.id, toEpaoId: E.id, reason: "Moving", status: "accepted" },
      { apprenticeId: ids.r9!, fromEpaoId: E.id, toEpaoId: E2.id, reason: "Moving", status: "requested" },
    ]);
  const [P3, P4] = await Promise.all([createOrganisation("training_provider"), createOrganisation("training_provider")]);
  await db()
    .insert(providerLinks)
    .values([
      { providerId: P.id, epaoId: E.id, status: "requested" },
      { providerId: P3.id, epaoId: E.id, status: "requested" },
      { providerId: P2.id, epaoId: E.id, status: "active" },
      { providerId: P4.id, epaoId: E.id, status: "declined" },
      { providerId: P.id, epaoId: E2.id, status: "requested" },
    ]);
});

const counts = (values: Partial<Record<ApprenticeStatus, number>>) => ({ ...emptyStatusCounts(), ...values });

describe("epaoDashboard", () => {
  it("counts the EPAO's records by status and by standard, and nothing of another EPAO's", async () => {
    const d = await epaoDashboard(world.actors.epao_admin, { today: TODAY });
    expect(d.today).toBe(TODAY);
    expect(d.total).toBe(14);
    expect(d.byStatus).toEqual(counts({ in_training: 6, on_break: 4, gateway: 1, epa: 1, certificated: 1, withdrawn: 1 }));
    const s1Counts = counts({ in_training: 3, on_break: 2, gateway: 1, withdrawn: 1 });
    const s2Counts = counts({ in_training: 3, on_break: 2, epa: 1, certificated: 1 });
    const expected = { [s1.id]: s1Counts, [s2.id]: s2Counts };
    // Equal totals (7 each) are ordered by reference.
    const byReference = [s1, s2].sort((a, b) => a.reference.localeCompare(b.reference));
    expect(d.byStandard).toEqual(byReference.map((s) => ({ standardId: s.id, reference: s.reference, title: s.title, total: 7, byStatus: expected[s.id] })));
  });

  it("lists records awaiting assignment (no assessor, not withdrawn), longest waiting first", async () => {
    const d = await epaoDashboard(world.actors.epao_staff, { today: TODAY });
    expect(d.awaitingAssignment.count).toBe(4);
    expect(d.awaitingAssignment.oldest.map((r) => r.id)).toEqual([ids.r3, ids.r4, ids.r1, ids.r8]);
    expect(d.awaitingAssignment.oldest[0]).toMatchObject({
      familyName: "Dunn",
      status: "in_training",
      standardReference: s1.reference,
      providerName: world.orgs.training_provider.name,
    });
    expect(d.awaitingAssignment.oldest[3]).toMatchObject({ familyName: "Hill", providerName: other.orgs.training_provider.name });
  });

  it("lists upcoming gateways: in training, planned end from today to 90 days ahead inclusive, soonest first", async () => {
    const d = await epaoDashboard(world.actors.epao_admin, { today: TODAY });
    expect(d.upcomingGateways.window).toEqual({ from: TODAY, to: "2030-09-13" });
    expect(d.upcomingGateways.count).toBe(4);
    expect(d.upcomingGateways.records.map((r) => [r.familyName, r.plannedEndDate, r.daysToGo])).toEqual([
      ["Zed", TODAY, 0],
      ["Able", day(10), 10],
      ["Baker", day(10), 10],
      ["Carter", day(90), 90],
    ]);
    expect(d.upcomingGateways.records[3]).toMatchObject({
      id: ids.r2,
      standardReference: s1.reference,
      standardTitle: s1.title,
      providerName: other.orgs.training_provider.name,
    });
    expect(d.upcomingGateways.records[0]!.uln).toMatch(/^\d{10}$/);
  });

  it("counts pending change-of-EPAO requests to the EPAO and pending link requests from providers", async () => {
    const d = await epaoDashboard(world.actors.epao_admin, { today: TODAY });
    expect(d.pendingEpaoChanges).toBe(2);
    expect(d.pendingLinkRequests).toBe(2);
  });

  it("gives another EPAO only its own records and requests", async () => {
    const d = await epaoDashboard(other.actors.epao_admin, { today: TODAY });
    expect(d.total).toBe(4);
    expect(d.byStatus).toEqual(counts({ in_training: 2, on_break: 1, gateway: 1 }));
    expect(d.byStandard.map((s) => s.standardId)).not.toContain(s2.id);
    expect(d.awaitingAssignment.oldest.map((r) => r.id).sort()).toEqual([ids.b3, ids.x1, ids.x2, ids.x3].sort());
    expect(d.upcomingGateways.records.map((r) => r.id)).toEqual([ids.x1, ids.x3]);
    expect(d.pendingEpaoChanges).toBe(1);
    expect(d.pendingLinkRequests).toBe(1);
  });

  it("moves the windows with the date", async () => {
    const d = await epaoDashboard(world.actors.epao_admin, { today: day(1) });
    // r7 (planned end TODAY) is now in the past; r3 (+91) is now exactly 90 days ahead.
    expect(d.upcomingGateways.records.map((r) => r.familyName)).toEqual(["Able", "Baker", "Carter", "Dunn"]);
    expect(d.upcomingGateways.records.map((r) => r.daysToGo)).toEqual([9, 9, 89, 90]);
  });

  it("is refused to assessors, providers, lead providers and platform admins", async () => {
    for (const role of ["assessor", "provider_admin", "provider_user", "lead_provider_admin", "lead_provider_user", "platform_admin"] as const) {
      await expect(epaoDashboard(world.actors[role], { today: TODAY }), role).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("refuses a date that is not a real YYYY-MM-DD date", async () => {
    for (const today of ["2030-02-30", "15/06/2030", "2030-6-1"]) {
      await expect(epaoDashboard(world.actors.epao_admin, { today }), today).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it("counts from today in the UK by default", async () => {
    const d = await epaoDashboard(world.actors.epao_admin);
    expect(d.today).toBe(londonToday());
    expect(d.upcomingGateways.window.to).toBe(addDays(londonToday(), 90));
  });
});

describe("providerDashboard", () => {
  it("counts the provider's records by status and by EPAO, and nothing of another provider's", async () => {
    const d = await providerDashboard(world.actors.provider_user, { today: TODAY });
    expect(d.total).toBe(12);
    expect(d.byStatus).toEqual(counts({ in_training: 5, on_break: 4, gateway: 1, certificated: 1, withdrawn: 1 }));
    expect(d.byEpao).toEqual([
      {
        epaoId: world.orgs.epao.id,
        name: world.orgs.epao.name,
        total: 10,
        byStatus: counts({ in_training: 4, on_break: 3, gateway: 1, certificated: 1, withdrawn: 1 }),
      },
      { epaoId: other.orgs.epao.id, name: other.orgs.epao.name, total: 2, byStatus: counts({ in_training: 1, on_break: 1 }) },
    ]);
  });

  it("lists breaks in learning whose expected return has passed or is within 30 days, most overdue first", async () => {
    const d = await providerDashboard(world.actors.provider_admin, { today: TODAY });
    expect(d.breaksEndingSoon.window).toEqual({ from: TODAY, to: day(30) });
    expect(d.breaksEndingSoon.count).toBe(3);
    expect(d.breaksEndingSoon.records.map((r) => [r.familyName, r.breakExpectedReturnDate, r.daysToReturn])).toEqual([
      ["King", day(-5), -5],
      ["Nash", day(2), 2],
      ["Lee", day(30), 30],
    ]);
    expect(d.breaksEndingSoon.records[0]).toMatchObject({
      id: ids.b1,
      epaoName: world.orgs.epao.name,
      standardReference: s2.reference,
      breakStartDate: "2030-03-01",
    });
  });

  it("lists records in training with a planned end within 90 days, soonest first", async () => {
    const d = await providerDashboard(world.actors.provider_admin, { today: TODAY });
    expect(d.plannedEndsSoon.count).toBe(4);
    expect(d.plannedEndsSoon.records.map((r) => [r.familyName, r.daysToGo])).toEqual([
      ["Zed", 0],
      ["Owen", 3],
      ["Able", 10],
      ["Baker", 10],
    ]);
    expect(d.plannedEndsSoon.records[1]).toMatchObject({ id: ids.x1, epaoName: other.orgs.epao.name });
  });

  it("gives another provider only its own records", async () => {
    const d = await providerDashboard(other.actors.provider_admin, { today: TODAY });
    expect(d.total).toBe(6);
    expect(d.byEpao.map((e) => [e.epaoId, e.total])).toEqual([
      [world.orgs.epao.id, 4],
      [other.orgs.epao.id, 2],
    ]);
    expect(d.breaksEndingSoon.records.map((r) => r.id)).toEqual([ids.r6]);
    expect(d.plannedEndsSoon.records.map((r) => r.id)).toEqual([ids.x3, ids.r2]);
  });

  it("is empty for a provider with no records", async () => {
    const fresh = await createWorld();
    const d = await providerDashboard(fresh.actors.provider_user, { today: TODAY });
    expect(d).toMatchObject({
      total: 0,
      byStatus: emptyStatusCounts(),
      byEpao: [],
      breaksEndingSoon: { count: 0, records: [] },
      plannedEndsSoon: { count: 0, records: [] },
    });
    const e = await epaoDashboard(fresh.actors.epao_staff, { today: TODAY });
    expect(e).toMatchObject({
      total: 0,
      byStandard: [],
      awaitingAssignment: { count: 0, oldest: [] },
      upcomingGateways: { count: 0, records: [] },
      pendingEpaoChanges: 0,
      pendingLinkRequests: 0,
    });
  });

  it("is refused to EPAO users, assessors, lead providers and platform admins", async () => {
    for (const role of ["epao_admin", "epao_staff", "assessor", "lead_provider_admin", "lead_provider_user", "platform_admin"] as const) {
      await expect(providerDashboard(world.actors[role], { today: TODAY }), role).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("panel limits", () => {
  it("shows the first 10 rows of each list but counts them all", async () => {
    const w = await createWorld();
    const standard = await createStandard();
    for (let i = 0; i < 12; i++) {
      await addRecord({
        epao: w.orgs.epao,
        provider: w.orgs.training_provider,
        standard,
        familyName: `Limit${String(i).padStart(2, "0")}`,
        plannedEnd: 20 + i,
        createdAt: `2030-01-${String(20 - i).padStart(2, "0")}T09:00:00Z`,
      });
      await addRecord({
        epao: w.orgs.epao,
        provider: w.orgs.training_provider,
        standard,
        familyName: `Break${i}`,
        status: "on_break",
        assessorId: w.actors.assessor.userId,
        breakReturn: i - 6,
      });
    }
    const e = await epaoDashboard(w.actors.epao_admin, { today: TODAY });
    expect(e.awaitingAssignment.count).toBe(12);
    // Created on Jan 20, 19, …, 9: the oldest ten are the last ten made.
    expect(e.awaitingAssignment.oldest.map((r) => r.familyName)).toEqual([
      "Limit11",
      "Limit10",
      "Limit09",
      "Limit08",
      "Limit07",
      "Limit06",
      "Limit05",
      "Limit04",
      "Limit03",
      "Limit02",
    ]);
    expect(e.upcomingGateways.count).toBe(12);
    expect(e.upcomingGateways.records.map((r) => r.daysToGo)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const p = await providerDashboard(w.actors.provider_admin, { today: TODAY });
    expect(p.breaksEndingSoon.count).toBe(12);
    expect(p.breaksEndingSoon.records.map((r) => r.daysToReturn)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3]);
  });
});

describe("dates", () => {
  it("adds days and counts days across month, year and leap-day boundaries", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2030-12-31", 1)).toBe("2031-01-01");
    expect(addDays("2030-06-15", 90)).toBe("2030-09-13");
    expect(addDays("2030-03-01", -1)).toBe("2030-02-28");
    expect(daysBetween("2030-03-30", "2030-03-31")).toBe(1);
    expect(daysBetween("2030-06-15", "2030-06-10")).toBe(-5);
  });

  it("takes today from the UK clock, not UTC", () => {
    expect(londonToday(new Date("2030-06-14T23:30:00Z"))).toBe("2030-06-15");
    expect(londonToday(new Date("2030-01-14T23:30:00Z"))).toBe("2030-01-14");
  });
});
