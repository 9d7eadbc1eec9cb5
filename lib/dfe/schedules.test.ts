import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { scheduleMilestones, schedules } from "@/db/schema";
import { db } from "@/lib/db";
import { ensureReferenceData } from "@/tests/support/npq";
import { findSchedule, loadReferenceData, withinMilestone } from "./schedules";

beforeAll(async () => {
  await ensureReferenceData();
});

describe("DfE reference data", () => {
  it("loads DfE's NPQ schedules with milestones, idempotently", async () => {
    const again = await loadReferenceData(db());
    expect(again.schedules).toBe(33 + 60); // every npq-* (33) and ecf-* (60) schedule and cohort in the DfE file
    const autumn2024 = await findSchedule(db(), "npq-leadership-autumn", 2024);
    expect(autumn2024).toMatchObject({ name: "NPQ Leadership Autumn", type: "npq_leadership" });
    const milestones = await db().select().from(scheduleMilestones).where(eq(scheduleMilestones.scheduleId, autumn2024!.id));
    expect(milestones.map((m) => m.declarationType).sort()).toEqual(["completed", "retained-1", "retained-2", "started"]);
    const rows = await db()
      .select()
      .from(schedules)
      .where(and(eq(schedules.identifier, "npq-leadership-autumn"), eq(schedules.cohort, 2024)));
    expect(rows).toHaveLength(1);
  });

  it("checks milestone windows", () => {
    expect(withinMilestone({ startDate: "2024-10-01", milestoneDate: null }, "2024-10-01")).toBe(true);
    expect(withinMilestone({ startDate: "2024-10-01", milestoneDate: null }, "2024-09-30")).toBe(false);
    expect(withinMilestone({ startDate: "2024-10-01", milestoneDate: "2025-01-31" }, "2025-02-01")).toBe(false);
  });
});
