import "server-only";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { z } from "zod";
import { scheduleMilestones, schedules } from "@/db/schema";
import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { COHORTS } from "@/lib/dfe/schedules";

/**
 * NPQ schedules per cohort. DfE's published schedules file stops at cohort 2024 for NPQ (ECF goes on to 2025), so
 * a platform admin opens a new cohort by copying the previous cohort's NPQ schedules with every milestone date moved
 * on by the years between them (DfE keeps the same pattern each year). Until then nothing can be accepted in it.
 */

const cohort = z.coerce
  .number({ error: "Choose a cohort" })
  .int()
  .refine((c) => (COHORTS as readonly number[]).includes(c), { error: "Choose a cohort" });

export const copySchedulesSchema = z
  .object({ fromCohort: cohort, toCohort: cohort })
  .refine((v) => v.toCohort > v.fromCohort, { path: ["toCohort"], error: "Choose a cohort after the one you copy from" });

/** Moves a YYYY-MM-DD date on by whole years (29 February becomes 28 February in a year without it). */
export function shiftYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** How many NPQ schedules each cohort has. */
export async function npqSchedulesByCohort(admin: UserActor): Promise<{ cohort: number; schedules: number }[]> {
  assertCan(admin, "npq.admin");
  const rows = await db()
    .select({ cohort: schedules.cohort, count: sql<number>`count(*)::int` })
    .from(schedules)
    .where(like(schedules.type, "npq\\_%"))
    .groupBy(schedules.cohort);
  const counts = new Map(rows.map((r) => [r.cohort, r.count]));
  return COHORTS.map((c) => ({ cohort: c, schedules: counts.get(c) ?? 0 }));
}

/** Copies a cohort's NPQ schedules and milestones to a later cohort that has none, dates moved on; audited. */
export async function copyNpqSchedules(admin: UserActor, input: unknown): Promise<{ schedules: number; milestones: number }> {
  assertCan(admin, "npq.admin");
  const { fromCohort, toCohort } = parseInput(copySchedulesSchema, input);
  return db().transaction((tx) => copyNpqSchedulesIn(tx, admin, fromCohort, toCohort));
}

/** The copy inside a transaction (the demo seed opens cohort 2025 with it too). */
export async function copyNpqSchedulesIn(
  tx: DbOrTx,
  actor: UserActor | SystemActor,
  fromCohort: number,
  toCohort: number,
): Promise<{ schedules: number; milestones: number }> {
  const years = toCohort - fromCohort;
  // Serialise copies into the same cohort.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('npq-schedules'), ${toCohort})`);
  const npq = (c: number) => and(eq(schedules.cohort, c), like(schedules.type, "npq\\_%"));
  const [existing] = await tx.select({ id: schedules.id }).from(schedules).where(npq(toCohort)).limit(1);
  if (existing) throw new ValidationError({ toCohort: `Cohort ${toCohort} already has NPQ schedules` });
  const source = await tx.select().from(schedules).where(npq(fromCohort)).orderBy(asc(schedules.identifier));
  if (source.length === 0) throw new ValidationError({ fromCohort: `Cohort ${fromCohort} has no NPQ schedules to copy` });
  const created = await tx
    .insert(schedules)
    .values(source.map((s) => ({ identifier: s.identifier, name: s.name, type: s.type, cohort: toCohort })))
    .returning({ id: schedules.id, identifier: schedules.identifier });
  const newId = new Map(created.map((s) => [s.identifier, s.id]));
  const oldIdentifier = new Map(source.map((s) => [s.id, s.identifier]));
  const milestones = await tx
    .select()
    .from(scheduleMilestones)
    .where(
      inArray(
        scheduleMilestones.scheduleId,
        source.map((s) => s.id),
      ),
    );
  if (milestones.length > 0) {
    await tx.insert(scheduleMilestones).values(
      milestones.map((m) => ({
        scheduleId: newId.get(oldIdentifier.get(m.scheduleId)!)!,
        name: m.name,
        declarationType: m.declarationType,
        startDate: shiftYears(m.startDate, years),
        milestoneDate: m.milestoneDate ? shiftYears(m.milestoneDate, years) : null,
        paymentDate: m.paymentDate ? shiftYears(m.paymentDate, years) : null,
      })),
    );
  }
  await recordAudit(tx, actor, {
    action: "npq_schedules.copied",
    entityType: "cohort",
    entityId: String(toCohort),
    summary: `Copied ${created.length} NPQ schedules from cohort ${fromCohort} to cohort ${toCohort}, dates moved on ${years} year${years === 1 ? "" : "s"}`,
    after: { fromCohort, toCohort, schedules: created.map((s) => s.identifier) },
    organisationId: null,
  });
  return { schedules: created.length, milestones: milestones.length };
}
