import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { DEFAULT_COUNTDOWN } from "./countdown";
import { countdownSettingsFor } from "./seams";
import { getCertificationSettings, updateCertificationSettings } from "./settings";
import { fieldErrorsOf as fieldErrors } from "@/tests/support/errors";

async function epaoWorld() {
  const epao = await createOrganisation("epao");
  const [admin, staff] = await Promise.all([createUser(epao, "epao_admin", { name: "Ada Admin" }), createUser(epao, "epao_staff")]);
  return { epao, admin, staff };
}

const valid = { highestGradeDays: 10, highestGradeMode: "working", otherGradesDays: 21, otherGradesMode: "working", version: 0 };

describe("certification settings", () => {
  it("shows the defaults until an admin saves, then the saved countdown (audited before/after)", async () => {
    const { epao, admin, staff } = await epaoWorld();
    expect(await getCertificationSettings(staff)).toMatchObject({
      highestGradeDays: 7,
      highestGradeMode: "calendar",
      otherGradesDays: 20,
      otherGradesMode: "working",
      version: 0,
      updatedAt: null,
      countdown: DEFAULT_COUNTDOWN,
    });

    const saved = await updateCertificationSettings(admin, valid);
    expect(saved).toMatchObject({ highestGradeDays: 10, highestGradeMode: "working", otherGradesDays: 21, version: 1, updatedBy: "Ada Admin" });
    expect(await countdownSettingsFor(db(), epao.id)).toEqual({ highestGrade: { days: 10, mode: "working" }, otherGrades: { days: 21, mode: "working" } });

    const again = await updateCertificationSettings(admin, { ...valid, highestGradeDays: "0", otherGradesMode: "calendar", version: 1 });
    expect(again).toMatchObject({ highestGradeDays: 0, otherGradesMode: "calendar", version: 2 });
    expect(await getCertificationSettings(staff)).toMatchObject({ highestGradeDays: 0, version: 2 });

    const events = await db().select().from(auditEvents).where(eq(auditEvents.organisationId, epao.id)).orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(["certification_settings.updated", "certification_settings.updated"]);
    expect(events[0]!.before).toEqual({ highestGradeDays: 7, highestGradeMode: "calendar", otherGradesDays: 20 });
    expect(events[0]!.after).toEqual({ highestGradeDays: 10, highestGradeMode: "working", otherGradesDays: 21 });
    expect(events[1]!.before).toEqual({ highestGradeDays: 10, otherGradesMode: "working" });
    expect(events[1]!.after).toEqual({ highestGradeDays: 0, otherGradesMode: "calendar" });
  });

  it("refuses days outside 0–60, fractions, blanks and unknown modes", async () => {
    const { admin } = await epaoWorld();
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, highestGradeDays: 61 }))).toEqual({
      highestGradeDays: "Enter a whole number of days for the highest grade, from 0 to 60",
    });
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, otherGradesDays: -1 }))).toHaveProperty("otherGradesDays");
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, otherGradesDays: 2.5 }))).toHaveProperty("otherGradesDays");
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, otherGradesDays: "" }))).toEqual({
      otherGradesDays: "Enter the number of days for other grades",
    });
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, highestGradeDays: "seven" }))).toHaveProperty("highestGradeDays");
    expect(await fieldErrors(updateCertificationSettings(admin, { ...valid, highestGradeMode: "lunar" }))).toEqual({
      highestGradeMode: "Choose calendar days or working days for the highest grade",
    });
    expect((await getCertificationSettings(admin)).version).toBe(0);
  });

  it("refuses a stale version", async () => {
    const { admin } = await epaoWorld();
    const second = await createUser({ id: admin.organisationId, type: "epao", name: admin.organisationName }, "epao_admin");
    await updateCertificationSettings(admin, valid);
    await expect(updateCertificationSettings(second, { ...valid, highestGradeDays: 5 })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateCertificationSettings(second, { ...valid, highestGradeDays: 5, version: 7 })).rejects.toBeInstanceOf(ConflictError);
    expect((await getCertificationSettings(admin)).highestGradeDays).toBe(10);
  });

  it("staff read but do not change; another EPAO's admin changes only their own", async () => {
    const ours = await epaoWorld();
    const theirs = await epaoWorld();
    await expect(updateCertificationSettings(ours.staff, valid)).rejects.toBeInstanceOf(ForbiddenError);
    await updateCertificationSettings(theirs.admin, { ...valid, highestGradeDays: 3 });
    expect(await getCertificationSettings(ours.staff)).toMatchObject({ highestGradeDays: 7, version: 0 });
    expect(await getCertificationSettings(theirs.staff)).toMatchObject({ highestGradeDays: 3, version: 1 });
    const provider = await createOrganisation("training_provider");
    const providerAdmin = await createUser(provider, "provider_admin");
    await expect(getCertificationSettings(providerAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateCertificationSettings(providerAdmin, valid)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
