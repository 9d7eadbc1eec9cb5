import "server-only";
import { and, asc, eq, lte, desc } from "drizzle-orm";
import { scheduleMilestones, schedules } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import type { DbOrTx } from "@/lib/db";

/** NPQ's rules on DfE's schedules (which lib/dfe/schedules.ts loads): funding cap, delivery partners, schedule families. */

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
