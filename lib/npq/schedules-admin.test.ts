import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, scheduleMilestones, schedules } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { createApplication, createLeadProvider, createParticipant, ensureReferenceData } from "@/tests/support/npq";
import { acceptApplication } from "./applications";
import { findSchedule } from "@/lib/dfe/schedules";
import { copyNpqSchedules, npqSchedulesByCohort, shiftYears } from "./schedules-admin";

let admin: UserActor;
beforeAll(async () => {
  await ensureReferenceData();
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
});

describe("moving dates on by years", () => {
  it("keeps the day, except 29 February in a year without one", () => {
    expect(shiftYears("2024-09-01", 1)).toBe("2025-09-01");
    expect(shiftYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(shiftYears("2023-02-28", 1)).toBe("2024-02-28");
    expect(shiftYears("2021-12-31", 4)).toBe("2025-12-31");
  });
});

describe("opening cohort 2025 for NPQ by copying cohort 2024's schedules", () => {
  it("copies every NPQ schedule once, with milestone dates a year on, after which 2025 applications can be accepted", async () => {
    const lp = await createLeadProvider(new Date("2025-10-15T10:00:00Z"));
    // DfE's file has no NPQ schedules for 2025 (another test run may already have copied them into this database).
    const before = (await npqSchedulesByCohort(admin)).find((c) => c.cohort === 2025)!.schedules;
    if (before === 0) {
      const app = await createApplication(lp.org.id, (await createParticipant()).id, { cohort: 2025 });
      await expect(acceptApplication(lp.actor, app.id, { fundedPlace: true })).rejects.toMatchObject({ errors: [{ title: "schedule" }] });
      const copied = await copyNpqSchedules(admin, { fromCohort: "2024", toCohort: "2025" });
      const source = (await npqSchedulesByCohort(admin)).find((c) => c.cohort === 2024)!.schedules;
      expect(copied.schedules).toBe(source);
      const [audit] = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "npq_schedules.copied"), eq(auditEvents.entityId, "2025")));
      expect(audit).toMatchObject({ actorUserId: admin.userId, after: { fromCohort: 2024, toCohort: 2025 } });
    }

    const autumn2024 = (await findSchedule(db(), "npq-leadership-autumn", 2024))!;
    const autumn2025 = (await findSchedule(db(), "npq-leadership-autumn", 2025))!;
    expect(autumn2025).toMatchObject({ name: autumn2024.name, type: "npq_leadership" });
    const windows = async (id: string) =>
      (await db().select().from(scheduleMilestones).where(eq(scheduleMilestones.scheduleId, id)))
        .map((m) => [m.declarationType, m.startDate, m.milestoneDate])
        .sort();
    expect(await windows(autumn2025.id)).toEqual(
      (await windows(autumn2024.id)).map(([type, start, end]) => [type, shiftYears(start!, 1), end ? shiftYears(end, 1) : null]),
    );

    const app = await createApplication(lp.org.id, (await createParticipant()).id, { cohort: 2025 });
    expect((await acceptApplication(lp.actor, app.id, { fundedPlace: true })).scheduleIdentifier).toBe("npq-leadership-autumn");

    // Once only.
    await expect(copyNpqSchedules(admin, { fromCohort: 2024, toCohort: 2025 })).rejects.toMatchObject({
      fieldErrors: { toCohort: "Cohort 2025 already has NPQ schedules" },
    });
    const count = await db()
      .select({ id: schedules.id })
      .from(schedules)
      .where(and(eq(schedules.cohort, 2025), eq(schedules.identifier, "npq-leadership-autumn")));
    expect(count).toHaveLength(1);
  });

  it("refuses bad cohorts with field errors and anyone but a platform admin", async () => {
    await expect(copyNpqSchedules(admin, { fromCohort: 2024, toCohort: 2023 })).rejects.toMatchObject({
      fieldErrors: { toCohort: "Choose a cohort after the one you copy from" },
    });
    await expect(copyNpqSchedules(admin, { fromCohort: "x", toCohort: 2030 })).rejects.toBeInstanceOf(ValidationError);
    const lp = await createLeadProvider();
    for (const role of ["lead_provider_admin", "epao_admin"] as const) {
      const org = role === "lead_provider_admin" ? lp.org : await createOrganisation("epao");
      const user = await createUser(org, role);
      await expect(copyNpqSchedules(user, { fromCohort: 2024, toCohort: 2025 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(npqSchedulesByCohort(user)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
