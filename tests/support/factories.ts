import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { apprentices, epaoStandards, organisations, providerLinks, providerLinkStandards, standards, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { ORGANISATION_TYPES, ROLES_BY_ORGANISATION_TYPE, type OrganisationType, type Role } from "@/lib/domain";
import { db } from "@/lib/db";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;

function codeFor(type: OrganisationType): string {
  const n = crypto.randomInt(0, 10_000_000);
  switch (type) {
    case "epao":
      return `EPA${String(n % 10_000).padStart(4, "0")}`;
    case "training_provider":
      return `1${String(n).padStart(7, "0")}`;
    default:
      return `T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  }
}

/** A new organisation with a unique code (retrying on the rare clash with an existing one). */
export async function createOrganisation(type: OrganisationType, name = `Test ${type} ${crypto.randomUUID().slice(0, 6)}`) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [row] = await db()
      .insert(organisations)
      .values({ type, name, code: codeFor(type) })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error("Could not find a free organisation code");
}

export async function createUser(
  organisation: { id: string; type: OrganisationType; name: string },
  role: Role,
  overrides: { email?: string; name?: string } = {},
): Promise<UserActor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${role}.${crypto.randomUUID()}@test.example`;
  const [row] = await db()
    .insert(users)
    .values({ organisationId: organisation.id, email, name: overrides.name ?? `Test ${role}`, role, passwordHash: await passwordHash })
    .returning();
  return {
    kind: "user",
    userId: row!.id,
    role,
    organisationId: organisation.id,
    organisationType: organisation.type,
    organisationName: organisation.name,
    name: row!.name,
    email: row!.email,
  };
}

/** One organisation of every type with one user per role: a small world of actors. */
export async function createWorld() {
  const actors = {} as Record<Role, UserActor>;
  const orgs = {} as Record<OrganisationType, Awaited<ReturnType<typeof createOrganisation>>>;
  for (const type of ORGANISATION_TYPES) {
    orgs[type] = await createOrganisation(type);
    for (const role of ROLES_BY_ORGANISATION_TYPE[type]) actors[role] = await createUser(orgs[type], role);
  }
  return { actors, orgs };
}

/** A world of outsiders for a test file: created before its tests, filled into the object returned here. */
export function setupWorld(): World {
  const world = {} as World;
  beforeAll(async () => {
    Object.assign(world, await createWorld());
  });
  return world;
}
export type World = Awaited<ReturnType<typeof createWorld>>;

export async function userRow(id: string) {
  const [row] = await db()
    .select()
    .from(users)
    .where(and(eq(users.id, id)));
  return row;
}

/** A standard of its own (unique reference and LARS code) so tests never collide with seeded data. */
export async function createStandard(overrides: Partial<typeof standards.$inferInsert> = {}) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const n = crypto.randomInt(0, 10_000);
    const [row] = await db()
      .insert(standards)
      .values({
        reference: `ST${String(n).padStart(4, "0")}`,
        larsCode: 900_000 + crypto.randomInt(0, 9_000_000),
        title: `Test standard ${n}`,
        level: 3,
        versions: ["1.0", "1.1"],
        options: [],
        overallGrades: ["Fail", "Pass", "Distinction"],
        gradingRule: { combinations: [], fallback: "Pass" },
        ...overrides,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error("Could not find a free standard reference");
}

export type Standard = Awaited<ReturnType<typeof createStandard>>;

/** A standard of its own for a test file: created before its tests, filled into the object returned here. */
export function setupStandard(overrides: Partial<typeof standards.$inferInsert> = {}): Standard {
  const standard = {} as Standard;
  beforeAll(async () => {
    Object.assign(standard, await createStandard(overrides));
  });
  return standard;
}

/** An active provider–EPAO link covering the given standards (and the EPAO assessing them). */
export async function linkProvider(providerId: string, epaoId: string, standardIds: string[]) {
  await db()
    .insert(epaoStandards)
    .values(standardIds.map((standardId) => ({ epaoId, standardId })))
    .onConflictDoNothing();
  const [link] = await db().insert(providerLinks).values({ providerId, epaoId, status: "active", respondedAt: new Date() }).returning();
  await db()
    .insert(providerLinkStandards)
    .values(standardIds.map((standardId) => ({ linkId: link!.id, standardId })));
  return link!;
}

let ulnCounter = crypto.randomInt(0, 1_000_000);
/** A fresh 10-digit ULN unlikely to clash with any other test run. */
export function uniqueUln(): string {
  ulnCounter = (ulnCounter + 1) % 1_000_000;
  return `9${String(crypto.randomInt(0, 1000)).padStart(3, "0")}${String(ulnCounter).padStart(6, "0")}`;
}

/** Valid input for createApprentice. */
export function apprenticeInput(standardId: string, epaoId: string, overrides: Record<string, unknown> = {}) {
  return {
    uln: uniqueUln(),
    givenNames: "Amira",
    familyName: "Khan",
    dateOfBirth: "2000-04-12",
    email: "amira.khan@example.com",
    employerName: "Acme Engineering Ltd",
    employerContactName: "Pat Jones",
    employerContactEmail: "pat@acme.example",
    employerAddressLine1: "1 High Street",
    employerAddressLine2: "",
    employerTown: "Leeds",
    employerPostcode: "LS1 4AP",
    standardVersion: "1.0",
    standardOption: "",
    startDate: "2025-09-01",
    plannedEndDate: "2027-03-31",
    standardId,
    epaoId,
    ...overrides,
  };
}

/**
 * An apprentice inserted as a row, past the service's rules (any status): valid details with a family name of its
 * own and no email, `values` over them.
 */
export async function insertApprentice(standardId: string, epaoId: string, providerId: string, values: Partial<typeof apprentices.$inferInsert> = {}) {
  const input = apprenticeInput(standardId, epaoId, { familyName: `Khan-${crypto.randomUUID().slice(0, 6)}` });
  const [row] = await db()
    .insert(apprentices)
    .values({ ...(input as Omit<typeof apprentices.$inferInsert, "providerId">), email: null, providerId, ...values })
    .returning();
  return row!;
}

/** Two EPAOs (one under test, one outside) each linked with one training provider for one standard of its own. */
export async function createTwoEpaosWithProvider() {
  const [epao, otherEpao, provider] = await Promise.all([createOrganisation("epao"), createOrganisation("epao"), createOrganisation("training_provider")]);
  const standard = await createStandard();
  await linkProvider(provider.id, epao.id, [standard.id]);
  await linkProvider(provider.id, otherEpao.id, [standard.id]);
  return { epao, otherEpao, provider, standard };
}
