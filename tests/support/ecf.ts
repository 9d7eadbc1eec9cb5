import { declarations, ecfProfiles, participants } from "@/db/schema";
import { db } from "@/lib/db";
import { findSchedule } from "@/lib/dfe/schedules";
import { createParticipant, createStatements, ensureReferenceData } from "./npq";

/**
 * ECF (ECTs and mentors) test data: a teacher with a training record with a lead provider, and raw declarations
 * in any state (e.g. paid, which only the statement workflow reaches).
 */

type ProfileOverrides = Partial<typeof ecfProfiles.$inferInsert>;

/** A teacher and their ECF training record (ECT by default, 2024 cohort, ecf-standard-september, eligible for funding). */
export async function createEcfParticipant(
  leadProviderId: string,
  options: {
    type?: "ect" | "mentor";
    cohort?: number;
    schedule?: string;
    participant?: Partial<typeof participants.$inferInsert>;
    profile?: ProfileOverrides;
  } = {},
) {
  await ensureReferenceData();
  const cohort = options.cohort ?? 2024;
  const schedule = await findSchedule(db(), options.schedule ?? "ecf-standard-september", cohort);
  if (!schedule) throw new Error(`No ${options.schedule ?? "ecf-standard-september"} schedule in ${cohort}`);
  const participant = await createParticipant(options.participant);
  const profile = await addEcfRecord(leadProviderId, participant.id, {
    participantType: options.type ?? "ect",
    cohort,
    scheduleId: schedule.id,
    ...options.profile,
  });
  return { participant, profile };
}

/** Another training record for an existing teacher (e.g. an ECT who is also a mentor). */
export async function addEcfRecord(leadProviderId: string, participantId: string, values: ProfileOverrides = {}) {
  await ensureReferenceData();
  const cohort = values.cohort ?? 2024;
  const scheduleId = values.scheduleId ?? (await findSchedule(db(), "ecf-standard-september", cohort))!.id;
  const [profile] = await db()
    .insert(ecfProfiles)
    .values({ participantId, leadProviderId, participantType: "ect", cohort, scheduleId, schoolUrn: "106286", eligibleForFunding: true, ...values })
    .returning();
  return profile!;
}

/** A declaration written straight to the table, in any state. */
export async function insertEcfDeclaration(profile: typeof ecfProfiles.$inferSelect, values: Partial<typeof declarations.$inferInsert> = {}) {
  const [row] = await db()
    .insert(declarations)
    .values({
      participantId: profile.participantId,
      ecfProfileId: profile.id,
      leadProviderId: profile.leadProviderId,
      courseIdentifier: profile.participantType === "ect" ? "ecf-induction" : "ecf-mentor",
      cohort: profile.cohort,
      declarationType: "started",
      declarationDate: new Date("2024-10-01T10:00:00Z"),
      state: "eligible",
      ...values,
    })
    .returning();
  return row!;
}

/** Monthly output-fee statements for a lead provider's cohort, from the first month for `count` months. */
export function ecfStatements(leadProviderId: string, cohort: number, from: { year: number; month: number }, count: number) {
  const months = Array.from({ length: count }, (_, i) => {
    const index = from.year * 12 + (from.month - 1) + i;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  });
  return createStatements(leadProviderId, cohort, months, "ecf");
}
