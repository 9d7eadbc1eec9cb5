import crypto from "node:crypto";
import { beforeAll } from "vitest";
import { cohorts, declarations, npqApplications, participants, statements, deliveryPartners, partnerships, type NpqApplication } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import { db } from "@/lib/db";
import { loadReferenceData } from "@/lib/dfe/schedules";
import { leadProviderActorFromToken, type LeadProviderActor } from "@/lib/dfe/actor";
import { createOrganisation, createUser } from "./factories";

let referenceLoaded: Promise<unknown> | null = null;
/** Cohorts and DfE schedules (once per test process). */
export function ensureReferenceData() {
  referenceLoaded ??= loadReferenceData(db());
  return referenceLoaded;
}

/**
 * A cohort that never has schedules (not one of the service's cohorts), for "schedule cannot be determined" cases.
 * Cohort 2025 has no NPQ schedules in DfE's file, but a platform admin can copy them in (a test does), so tests that
 * need a cohort without schedules use this one.
 */
export const COHORT_WITHOUT_SCHEDULES = 2039;
export async function ensureCohortWithoutSchedules() {
  await db()
    .insert(cohorts)
    .values({ startYear: COHORT_WITHOUT_SCHEDULES, registrationStartDate: `${COHORT_WITHOUT_SCHEDULES}-05-10` })
    .onConflictDoNothing();
  return COHORT_WITHOUT_SCHEDULES;
}

/** A lead provider organisation with an admin user and an API actor for it (clock `now`). */
export async function createLeadProvider(now = new Date("2024-11-15T10:00:00Z")) {
  await ensureReferenceData();
  const org = await createOrganisation("lead_provider");
  const admin = await createUser(org, "lead_provider_admin");
  const token = { id: crypto.randomUUID(), leadProviderId: org.id, leadProviderName: org.name, lastFour: "test" };
  const actor: LeadProviderActor = { ...leadProviderActorFromToken(token, now), tokenId: null };
  return { org, admin, actor, at: (date: string) => ({ ...actor, now: new Date(date) }) };
}

export type LeadProvider = Awaited<ReturnType<typeof createLeadProvider>>;

/** A lead provider for the tests of a file: created before them, filled into the object returned here. */
export function setupLeadProvider(): LeadProvider {
  const lp = {} as LeadProvider;
  beforeAll(async () => {
    Object.assign(lp, await createLeadProvider());
  });
  return lp;
}

export async function createParticipant(overrides: Partial<typeof participants.$inferInsert> = {}) {
  const n = crypto.randomInt(1_000_000, 9_999_999);
  const [row] = await db()
    .insert(participants)
    .values({ fullName: `Test Teacher ${n}`, email: `teacher${n}@school.example`, trn: String(n), trnValidated: true, ...overrides })
    .returning();
  return row!;
}

export async function createApplication(
  leadProviderId: string,
  participantId: string,
  overrides: Partial<typeof npqApplications.$inferInsert> & { courseIdentifier?: NpqCourse } = {},
) {
  const [row] = await db()
    .insert(npqApplications)
    .values({
      leadProviderId,
      participantId,
      courseIdentifier: "npq-senior-leadership",
      cohort: 2024,
      eligibleForFunding: true,
      fundingChoice: null,
      headteacherStatus: "no",
      schoolUrn: "100000",
      worksInSchool: true,
      ...overrides,
    })
    .returning();
  return row!;
}

/** Monthly output-fee statements for a lead provider and cohort (deadline the last day of each month). */
export async function createStatements(leadProviderId: string, cohort: number, months: { year: number; month: number }[], programme: "npq" | "ecf" = "npq") {
  return db()
    .insert(statements)
    .values(
      months.map(({ year, month }) => {
        const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
        const pay = new Date(Date.UTC(year, month, 25)).toISOString().slice(0, 10);
        return { leadProviderId, programme, cohort, year, month, deadlineDate: last, paymentDate: pay, outputFee: true };
      }),
    )
    .onConflictDoNothing()
    .returning();
}

export async function createDeliveryPartner(leadProviderId: string, cohorts: number[], name = `Partner ${crypto.randomUUID().slice(0, 6)}`) {
  const [partner] = await db().insert(deliveryPartners).values({ name }).returning();
  await db()
    .insert(partnerships)
    .values(cohorts.map((cohort) => ({ deliveryPartnerId: partner!.id, leadProviderId, cohort })));
  return partner!;
}

/** A declaration inserted as a row for the application (its participant, lead provider, course and cohort), past the service's rules. */
export async function insertDeclaration(
  app: NpqApplication,
  values: Pick<typeof declarations.$inferInsert, "declarationType" | "declarationDate" | "state"> & Partial<typeof declarations.$inferInsert>,
) {
  const [d] = await db()
    .insert(declarations)
    .values({
      participantId: app.participantId,
      applicationId: app.id,
      leadProviderId: app.leadProviderId,
      courseIdentifier: app.courseIdentifier,
      cohort: app.cohort,
      ...values,
    })
    .returning();
  return d!;
}
