import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray, lte, desc } from "drizzle-orm";
import Papa from "papaparse";
import { cohorts, scheduleMilestones, schedules } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import type { DbOrTx } from "@/lib/db";

/** DfE's NPQ schedules and milestones (copy of DFE-Digital/early-careers-framework's schedules.csv, see db/data/SOURCES.md). */
export const SCHEDULES_CSV = path.join(process.cwd(), "db", "data", "dfe", "schedules-with-npq.csv");

export const COHORTS = [2021, 2022, 2023, 2024, 2025] as const;
/** From 2024 the DfE caps funded places, so `funded_place` applies (product rule from the DfE guide). */
export const FUNDING_CAP_FROM_COHORT = 2024;
/** From 2024 declarations carry a delivery partner. */
export const DELIVERY_PARTNER_FROM_COHORT = 2024;

/** Which schedule family each course follows. */
export function scheduleTypeFor(course: NpqCourse): "npq_leadership" | "npq_specialist" | "npq_aso" | "npq_ehco" {
  switch (course) {
    case "npq-senior-leadership":
    case "npq-headship":
    case "npq-executive-leadership":
    case "npq-early-years-leadership":
      return "npq_leadership";
    case "npq-additional-support-offer":
      return "npq_aso";
    case "npq-early-headship-coaching-offer":
      return "npq_ehco";
    default:
      return "npq_specialist";
  }
}

type Row = {
  type: string;
  "schedule-identifier": string;
  "schedule-name": string;
  "schedule-cohort-year": string;
  "milestone-name": string;
  "milestone-declaration-type": string;
  "milestone-start-date": string;
  "milestone-date": string;
  "milestone-payment-date": string;
};

/** Loads cohorts and the NPQ and ECF schedules with their milestone windows. Idempotent. */
export async function loadReferenceData(db: DbOrTx): Promise<{ schedules: number; milestones: number }> {
  await db
    .insert(cohorts)
    .values(COHORTS.map((startYear) => ({ startYear, registrationStartDate: `${startYear}-05-10` })))
    .onConflictDoNothing();
  const parsed = Papa.parse<Row>(fs.readFileSync(SCHEDULES_CSV, "utf8"), { header: true, skipEmptyLines: true });
  const rows = parsed.data.filter(
    (r) => (r.type.startsWith("npq_") || r.type.startsWith("ecf_")) && COHORTS.includes(Number(r["schedule-cohort-year"]) as (typeof COHORTS)[number]),
  );
  const uniqueSchedules = new Map<string, Row>();
  for (const r of rows) uniqueSchedules.set(`${r["schedule-identifier"]}|${r["schedule-cohort-year"]}`, r);
  if (uniqueSchedules.size > 0) {
    await db
      .insert(schedules)
      .values(
        [...uniqueSchedules.values()].map((r) => ({
          identifier: r["schedule-identifier"],
          name: r["schedule-name"],
          type: r.type,
          cohort: Number(r["schedule-cohort-year"]),
        })),
      )
      .onConflictDoNothing();
  }
  const all = await db.select().from(schedules);
  const byKey = new Map(all.map((s) => [`${s.identifier}|${s.cohort}`, s.id]));
  const milestones = rows.map((r) => ({
    scheduleId: byKey.get(`${r["schedule-identifier"]}|${r["schedule-cohort-year"]}`)!,
    name: r["milestone-name"],
    declarationType: r["milestone-declaration-type"],
    startDate: r["milestone-start-date"],
    milestoneDate: r["milestone-date"] || null,
    paymentDate: r["milestone-payment-date"] || null,
  }));
  if (milestones.length > 0) await db.insert(scheduleMilestones).values(milestones).onConflictDoNothing();
  return { schedules: uniqueSchedules.size, milestones: milestones.length };
}

/** A schedule by identifier within a cohort, or null. */
export async function findSchedule(db: DbOrTx, identifier: string, cohort: number) {
  const [row] = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.identifier, identifier), eq(schedules.cohort, cohort)));
  return row ?? null;
}

/**
 * The schedule DfE would assign when an application is accepted on `date`: of the course's schedule family in the
 * cohort, the one whose start has most recently passed, else the first to start.
 */
export async function defaultSchedule(db: DbOrTx, course: NpqCourse, cohort: number, date: string) {
  const type = scheduleTypeFor(course);
  const started = await db
    .select({ schedule: schedules, start: scheduleMilestones.startDate })
    .from(schedules)
    .innerJoin(scheduleMilestones, and(eq(scheduleMilestones.scheduleId, schedules.id), eq(scheduleMilestones.declarationType, "started")))
    .where(and(eq(schedules.type, type), eq(schedules.cohort, cohort), lte(scheduleMilestones.startDate, date)))
    .orderBy(desc(scheduleMilestones.startDate))
    .limit(1);
  if (started[0]) return started[0].schedule;
  const [first] = await db
    .select({ schedule: schedules })
    .from(schedules)
    .innerJoin(scheduleMilestones, and(eq(scheduleMilestones.scheduleId, schedules.id), eq(scheduleMilestones.declarationType, "started")))
    .where(and(eq(schedules.type, type), eq(schedules.cohort, cohort)))
    .orderBy(asc(scheduleMilestones.startDate))
    .limit(1);
  return first?.schedule ?? null;
}

/** The milestone windows of a schedule, by declaration type. */
export async function milestonesOf(db: DbOrTx, scheduleIds: string[]) {
  if (scheduleIds.length === 0) return [];
  return db.select().from(scheduleMilestones).where(inArray(scheduleMilestones.scheduleId, scheduleIds));
}

/** Is `date` (YYYY-MM-DD) inside the milestone window for a declaration type? Window: start date to milestone date (open-ended when none). */
export function withinMilestone(milestone: { startDate: string; milestoneDate: string | null }, date: string): boolean {
  return date >= milestone.startDate && (milestone.milestoneDate === null || date <= milestone.milestoneDate);
}
