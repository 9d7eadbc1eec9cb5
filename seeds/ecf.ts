import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { declarations, ecfProfiles, organisations, participants, schedules, statements } from "@/db/schema";
import type { Db } from "@/lib/db";
import { loadReferenceData } from "@/lib/dfe/schedules";

/**
 * Demo ECF world for every lead provider organisation: mentors and early career teachers (ECTs) with training
 * records in the 2024 and 2025 cohorts on ecf-standard-september, most ECTs with a mentor, one ECT deferred,
 * monthly output-fee statements for both cohorts and a started declaration for the 2024 cohort's participants.
 * Idempotent: a lead provider that already has ECF training records is left alone. Call it after the NPQ demo
 * data (seeds/demo.ts `seedLeadProviderWorld` skips itself once any participant exists). `leadProviderIds` limits it to
 * those organisations (tests); by default every lead provider is seeded.
 */

/** Two mentors and three ECTs per lead provider and cohort. */
const MENTORS = [
  ["Margaret Ellison", "Victor Adeyemi"],
  ["Joanna Pritchard", "Hugo Santos"],
  ["Bethany Cole", "Tariq Hussain"],
  ["Isla Fraser", "Graham Whitlock"],
];
const ECTS = [
  ["Ella Robinson", "Marcus Bell", "Yasmin Ali"],
  ["Callum Hart", "Niamh O'Connor", "Dev Patel"],
  ["Freya Morgan", "Jordan Ellis", "Amara Okoye"],
  ["Leo Whitfield", "Sana Qureshi", "Harvey Dunn"],
];
const COHORTS = [2024, 2025] as const;
const SCHOOL_URNS = ["106286", "131245", "142871"];

/** Monthly output-fee statements (deadline the month's last day, paid on the 25th of the next) as the NPQ demo has them. */
function statementMonths() {
  const months: { year: number; month: number; cohort: number }[] = [];
  for (let m = 0; m < 27; m++) {
    const year = 2024 + Math.floor((9 + m) / 12);
    const month = ((9 + m) % 12) + 1;
    for (const cohort of COHORTS) if (cohort === 2024 || year * 12 + month >= 2025 * 12 + 9) months.push({ year, month, cohort });
  }
  return months;
}

const email = (name: string, urn: string) => `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@school-${urn}.example`;

export async function seedEcfDemo(db: Db, options: { leadProviderIds?: string[] } = {}): Promise<void> {
  await loadReferenceData(db);
  const leadProviders = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.type, "lead_provider"), options.leadProviderIds ? inArray(organisations.id, options.leadProviderIds) : undefined))
    .orderBy(asc(organisations.code));
  const standard = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.identifier, "ecf-standard-september"), inArray(schedules.cohort, [...COHORTS])));
  const scheduleFor = (cohort: number) => standard.find((s) => s.cohort === cohort)!;

  for (const [i, lp] of leadProviders.entries()) {
    const [existing] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(ecfProfiles)
      .where(eq(ecfProfiles.leadProviderId, lp.id));
    if ((existing?.n ?? 0) > 0) continue;
    await db.transaction(async (tx) => {
      await tx
        .insert(statements)
        .values(
          statementMonths().map(({ year, month, cohort }) => ({
            leadProviderId: lp.id,
            programme: "ecf" as const,
            cohort,
            year,
            month,
            deadlineDate: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
            paymentDate: new Date(Date.UTC(year, month, 25)).toISOString().slice(0, 10),
            outputFee: true,
          })),
        )
        .onConflictDoNothing();

      for (const [c, cohort] of COHORTS.entries()) {
        const group = (i * COHORTS.length + c) % MENTORS.length;
        const names = { mentors: MENTORS[group]!, ects: ECTS[group]! };
        const urn = SCHOOL_URNS[(i + c) % SCHOOL_URNS.length]!;
        const trnBase = 2_100_000 + i * 1_000 + c * 100;
        const mentorPeople = await tx
          .insert(participants)
          .values(names.mentors.map((name, n) => ({ fullName: name, email: email(name, urn), trn: String(trnBase + n), trnValidated: true })))
          .returning();
        const ectPeople = await tx
          .insert(participants)
          .values(
            names.ects.map((name, n) => ({ fullName: name, email: email(name, urn), trn: n === 2 ? null : String(trnBase + 10 + n), trnValidated: n === 0 })),
          )
          .returning();
        const createdAt = new Date(Date.UTC(cohort, 6, 1, 9, 0, 0));
        const mentorRecords = await tx
          .insert(ecfProfiles)
          .values(
            mentorPeople.map((p, n) => ({
              participantId: p.id,
              leadProviderId: lp.id,
              participantType: "mentor" as const,
              cohort,
              scheduleId: scheduleFor(cohort).id,
              schoolUrn: urn,
              eligibleForFunding: n === 0 ? true : null,
              createdAt: new Date(createdAt.getTime() + n * 60_000),
              updatedAt: new Date(createdAt.getTime() + n * 60_000),
            })),
          )
          .returning();
        const ectRecords = await tx
          .insert(ecfProfiles)
          .values(
            ectPeople.map((p, n) => ({
              participantId: p.id,
              leadProviderId: lp.id,
              participantType: "ect" as const,
              cohort,
              scheduleId: scheduleFor(cohort).id,
              schoolUrn: urn,
              // Most ECTs have a mentor; the last one is waiting for theirs.
              mentorParticipantId: n < 2 ? mentorPeople[n % mentorPeople.length]!.id : null,
              eligibleForFunding: n !== 2,
              pupilPremiumUplift: n === 1,
              sparsityUplift: (i + n) % 3 === 0,
              ...(n === 2 ? { trainingStatus: "deferred" as const, deferralReason: "career-break", deferredAt: new Date(Date.UTC(cohort, 10, 1)) } : {}),
              createdAt: new Date(createdAt.getTime() + (10 + n) * 60_000),
              updatedAt: new Date(createdAt.getTime() + (10 + n) * 60_000),
            })),
          )
          .returning();

        // The 2024 cohort started in the autumn: a started declaration for each participant still training.
        if (cohort !== 2024) continue;
        const declared = new Date("2024-10-01T09:00:00Z");
        const [statement] = await tx
          .select()
          .from(statements)
          .where(
            and(
              eq(statements.leadProviderId, lp.id),
              eq(statements.programme, "ecf"),
              eq(statements.cohort, cohort),
              eq(statements.outputFee, true),
              gte(statements.deadlineDate, "2024-10-01"),
            ),
          )
          .orderBy(asc(statements.deadlineDate))
          .limit(1);
        const started = [...mentorRecords, ...ectRecords].filter((r) => r.trainingStatus === "active");
        await tx.insert(declarations).values(
          started.map((r) => {
            const state = r.eligibleForFunding ? ("eligible" as const) : ("submitted" as const);
            return {
              participantId: r.participantId,
              ecfProfileId: r.id,
              leadProviderId: lp.id,
              courseIdentifier: r.participantType === "ect" ? "ecf-induction" : "ecf-mentor",
              cohort,
              declarationType: "started" as const,
              declarationDate: declared,
              state,
              statementId: state === "eligible" ? (statement?.id ?? null) : null,
              createdAt: declared,
              updatedAt: declared,
            };
          }),
        );
      }
    });
  }
}
