import crypto from "node:crypto";
import { beforeAll } from "vitest";
import { desc, eq } from "drizzle-orm";
import { STANDARDS } from "@/db/data/standards";
import { apprentices, assessmentAttempts, assessmentComponents, componentGrades } from "@/db/schema";
import { type ApprenticeStatus } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { confirmOverallGrade, recordComponentGrade } from "@/lib/assessment/grading";
import { apprenticeInput, createOrganisation, createStandard, createUser, linkProvider } from "./factories";

/** A standard of its own (unique reference) graded exactly like a real one from db/data/standards.ts, with its components. */
export async function createGradedStandard(reference = "ST0119") {
  const seed = STANDARDS.find((s) => s.reference === reference);
  if (!seed) throw new Error(`${reference} is not in db/data/standards.ts`);
  const standard = await createStandard({
    title: `${seed.title} (test copy of ${reference})`,
    versions: ["1.0"],
    options: [],
    overallGrades: seed.overallGrades,
    gradingRule: seed.gradingRule,
  });
  const components = await db()
    .insert(assessmentComponents)
    .values(seed.components.map((c, position) => ({ standardId: standard.id, code: c.code, name: c.name, grades: c.grades, position })))
    .returning();
  components.sort((a, b) => a.position - b.position);
  const component = (code: string) => {
    const c = components.find((x) => x.code === code);
    if (!c) throw new Error(`${reference} has no component ${code}`);
    return c;
  };
  return { ...standard, seedReference: reference, components, component };
}
export type GradedStandard = Awaited<ReturnType<typeof createGradedStandard>>;

/**
 * An EPAO (admin, staff, the assessor records are assigned to and a second assessor who is not) and a linked provider
 * (admin and user), assessing copies of real standards (default ST0119 P/M/D with a combination table, ST0070
 * Pass/Distinction, ST0152 pass-only); plus an outside EPAO and provider with users of their own.
 */
export async function createAssessmentWorld(references: string[] = ["ST0119", "ST0070", "ST0152"]) {
  const [epao, provider, otherEpao, otherProvider] = await Promise.all([
    createOrganisation("epao"),
    createOrganisation("training_provider"),
    createOrganisation("epao"),
    createOrganisation("training_provider"),
  ]);
  const gradedStandards = await Promise.all(references.map((r) => createGradedStandard(r)));
  const ids = gradedStandards.map((s) => s.id);
  await linkProvider(provider.id, epao.id, ids);
  await linkProvider(otherProvider.id, epao.id, ids);
  await linkProvider(provider.id, otherEpao.id, ids);
  const [epaoAdmin, epaoStaff, assessor, otherAssessor, providerAdmin, providerUser, otherEpaoAdmin, otherEpaoStaff, foreignAssessor, otherProviderAdmin] =
    await Promise.all([
      createUser(epao, "epao_admin", { name: "Erin Admin" }),
      createUser(epao, "epao_staff", { name: "Sam Staff" }),
      createUser(epao, "assessor", { name: "Asha Assessor" }),
      createUser(epao, "assessor", { name: "Noel Notassigned" }),
      createUser(provider, "provider_admin", { name: "Pat Provider" }),
      createUser(provider, "provider_user", { name: "Uma User" }),
      createUser(otherEpao, "epao_admin", { name: "Otto Otherepao" }),
      createUser(otherEpao, "epao_staff"),
      createUser(otherEpao, "assessor"),
      createUser(otherProvider, "provider_admin", { name: "Olive Otherprovider" }),
    ]);
  return {
    epao,
    provider,
    otherEpao,
    otherProvider,
    standards: gradedStandards,
    standard: gradedStandards[0]!,
    standardFor: (reference: string) => gradedStandards.find((s) => s.seedReference === reference)!,
    epaoAdmin,
    epaoStaff,
    assessor,
    otherAssessor,
    providerAdmin,
    providerUser,
    otherEpaoAdmin,
    otherEpaoStaff,
    foreignAssessor,
    otherProviderAdmin,
  };
}
export type AssessmentWorld = Awaited<ReturnType<typeof createAssessmentWorld>>;

/**
 * The assessment world of a test file: created before its tests (a `beforeAll` of the file or suite that calls
 * this), filled into the object returned here.
 */
export function setupAssessmentWorld(references?: string[]): AssessmentWorld {
  const world = {} as AssessmentWorld;
  beforeAll(async () => {
    Object.assign(world, await createAssessmentWorld(references));
  });
  return world;
}

type EpaOptions = { standard?: GradedStandard; status?: ApprenticeStatus; assessor?: UserActor | null; familyName?: string; providerId?: string };

function recordValues(world: AssessmentWorld, options: EpaOptions) {
  const standard = options.standard ?? world.standard;
  const status = options.status ?? "epa";
  const { standardId, epaoId, ...details } = apprenticeInput(standard.id, world.epao.id, {
    familyName: options.familyName ?? `Khan-${crypto.randomUUID().slice(0, 8)}`,
  });
  return {
    ...(details as Omit<typeof apprentices.$inferInsert, "standardId" | "epaoId" | "providerId">),
    email: null,
    employerAddressLine2: null,
    standardOption: null,
    standardId: standardId as string,
    epaoId: epaoId as string,
    providerId: options.providerId ?? world.provider.id,
    assessorId: options.assessor === null ? null : (options.assessor ?? world.assessor).userId,
    status,
    statusBeforeBreak: status === "on_break" ? ("epa" as const) : null,
    breakStartDate: status === "on_break" ? "2026-06-01" : null,
    breakExpectedReturnDate: status === "on_break" ? "2026-12-01" : null,
    withdrawnDate: status === "withdrawn" ? "2026-06-01" : null,
    withdrawalReason: status === "withdrawn" ? "Left the employer" : null,
  };
}

/**
 * A record as gateway approval leaves it: in end-point assessment with attempt 1 (every component) started, assigned
 * to the world's assessor. `status` puts it elsewhere (the attempt is still created) to test refusals.
 */
export async function createApprenticeInEpa(world: AssessmentWorld, options: EpaOptions = {}) {
  const [apprentice] = await db().insert(apprentices).values(recordValues(world, options)).returning();
  const [attempt] = await db().insert(assessmentAttempts).values({ apprenticeId: apprentice!.id, number: 1, kind: "first" }).returning();
  return { apprentice: apprentice!, attempt: attempt!, standard: options.standard ?? world.standard };
}

/** Many records in EPA at once (one insert each for records and attempts), optionally with every component graded. */
export async function createApprenticesInEpa(
  world: AssessmentWorld,
  n: number,
  options: EpaOptions & { grades?: Record<string, string>; assessedOn?: string } = {},
) {
  const standard = options.standard ?? world.standard;
  const rows = await db()
    .insert(apprentices)
    .values(Array.from({ length: n }, () => recordValues(world, options)))
    .returning({ id: apprentices.id });
  const attempts = await db()
    .insert(assessmentAttempts)
    .values(rows.map((r) => ({ apprenticeId: r.id, number: 1, kind: "first" as const })))
    .returning({ id: assessmentAttempts.id, apprenticeId: assessmentAttempts.apprenticeId, version: assessmentAttempts.version });
  if (options.grades)
    await insertGrades(
      attempts.map((a) => a.id),
      standard,
      options.grades,
      { assessedOn: options.assessedOn, recordedBy: world.assessor.userId },
    );
  return attempts;
}

/** Inserts grades directly (fast set-up; the service path is recordGrades). */
export async function insertGrades(
  attemptIds: string[],
  standard: GradedStandard,
  grades: Record<string, string>,
  options: { assessedOn?: string; recordedBy?: string } = {},
) {
  const values = attemptIds.flatMap((attemptId) =>
    Object.entries(grades).map(([code, grade]) => ({
      attemptId,
      componentId: standard.component(code).id,
      grade,
      assessedOn: options.assessedOn ?? "2026-10-15",
      recordedBy: options.recordedBy,
    })),
  );
  for (let i = 0; i < values.length; i += 2000)
    await db()
      .insert(componentGrades)
      .values(values.slice(i, i + 2000));
}

/** Records grades (by component code) on the current attempt through the service, as the given assessor. */
export async function recordGrades(
  world: AssessmentWorld,
  apprenticeId: string,
  grades: Record<string, string>,
  options: { assessedOn?: string; standard?: GradedStandard; assessor?: UserActor } = {},
) {
  const standard = options.standard ?? world.standard;
  let last: Awaited<ReturnType<typeof recordComponentGrade>> | null = null;
  for (const [code, grade] of Object.entries(grades)) {
    last = await recordComponentGrade(options.assessor ?? world.assessor, {
      apprenticeId,
      componentId: standard.component(code).id,
      grade,
      assessedOn: options.assessedOn ?? "2026-10-15",
    });
  }
  return last!;
}

export async function currentAttempt(apprenticeId: string) {
  const [row] = await db()
    .select()
    .from(assessmentAttempts)
    .where(eq(assessmentAttempts.apprenticeId, apprenticeId))
    .orderBy(desc(assessmentAttempts.number))
    .limit(1);
  return row!;
}

export async function apprenticeRow(id: string) {
  const [row] = await db().select().from(apprentices).where(eq(apprentices.id, id));
  return row!;
}

/** Confirms the current attempt's provisional grade as the world's EPAO staff user. */
export async function confirmCurrent(world: AssessmentWorld, apprenticeId: string, actor: UserActor = world.epaoStaff) {
  const attempt = await currentAttempt(apprenticeId);
  return confirmOverallGrade(actor, { attemptId: attempt.id, version: attempt.version });
}

/** A record graded with the given grades and confirmed (through the services). */
export async function gradedApprentice(world: AssessmentWorld, grades: Record<string, string>, options: EpaOptions = {}) {
  const made = await createApprenticeInEpa(world, options);
  await recordGrades(world, made.apprentice.id, grades, { standard: made.standard });
  const confirmed = await confirmCurrent(world, made.apprentice.id);
  return { ...made, confirmed };
}
