import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { cohorts, scheduleMilestones, schedules } from "@/db/schema";
import { londonDate } from "@/lib/calendar/london";
import type { DbOrTx } from "@/lib/db";

/**
 * DfE's reference data both programmes run on: the cohorts, and the schedules (NPQ and ECF) with the milestone window
 * of each declaration type. The programme rules on top of them (which NPQ schedule a course follows, which ECF
 * schedule takes a mentor) are in lib/npq/reference.ts and lib/ecf/participants.ts.
 */

/** DfE's NPQ and ECF schedules and milestones (copy of DFE-Digital/early-careers-framework's schedules.csv, see db/data/SOURCES.md). */
export const SCHEDULES_CSV = path.join(process.cwd(), "db", "data", "dfe", "schedules-with-npq.csv");

/** The cohorts (start years) we hold, NPQ and ECF. */
export const COHORTS = [2021, 2022, 2023, 2024, 2025] as const;

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

/** The milestone windows of a schedule, by declaration type. */
export async function milestonesOf(db: DbOrTx, scheduleIds: string[]) {
  if (scheduleIds.length === 0) return [];
  return db.select().from(scheduleMilestones).where(inArray(scheduleMilestones.scheduleId, scheduleIds));
}

/** Is `date` (YYYY-MM-DD) inside the milestone window for a declaration type? Window: start date to milestone date (open-ended when none). */
export function withinMilestone(milestone: { startDate: string; milestoneDate: string | null }, date: string): boolean {
  return date >= milestone.startDate && (milestone.milestoneDate === null || date <= milestone.milestoneDate);
}

/**
 * Would a move to a schedule with these milestones invalidate any of these (billable) declarations? True when one's
 * type has no milestone there, or its London date falls outside the milestone's window (DfE's ChangeSchedule, NPQ
 * and ECF: "Changing schedule would invalidate existing declarations").
 */
export function invalidatesDeclarations(
  milestones: { declarationType: string; startDate: string; milestoneDate: string | null }[],
  declarations: { declarationType: string; declarationDate: Date }[],
): boolean {
  return declarations.some((d) => {
    const milestone = milestones.find((m) => m.declarationType === d.declarationType);
    return !milestone || !withinMilestone(milestone, londonDate(d.declarationDate));
  });
}
