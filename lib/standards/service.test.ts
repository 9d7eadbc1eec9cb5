import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, userStandards, users } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser, setupStandard, setupWorld } from "@/tests/support/factories";
import {
  getStaffStandardAssignment,
  listAssessorsForStandard,
  listEpaoStandards,
  listStaffStandardAssignments,
  setEpaoStandards,
  setUserStandards,
} from "./service";
import { errorOf } from "@/tests/support/errors";

const s1 = setupStandard();
const s2 = setupStandard();
const s3 = setupStandard();
const outsiders = setupWorld();

/** A fresh EPAO with one person in each EPAO role. */
async function epaoTeam() {
  const org = await createOrganisation("epao");
  const [admin, staff, assessor] = await Promise.all([
    createUser(org, "epao_admin", { name: "Ada Admin" }),
    createUser(org, "epao_staff", { name: "Sam Staff" }),
    createUser(org, "assessor", { name: "Alex Assessor" }),
  ]);
  return { org, admin, staff, assessor };
}

const ids = (list: { id: string }[]) => list.map((s) => s.id).sort();

describe("the standards an EPAO assesses", () => {
  it("starts empty, is replaced by the admin, is sorted by reference and audits added and removed references", async () => {
    const team = await epaoTeam();
    expect(await listEpaoStandards(team.admin)).toEqual([]);

    const chosen = await setEpaoStandards(team.admin, { standardIds: [s2.id, s1.id, s1.id] });
    expect(ids(chosen)).toEqual(ids([s1, s2]));
    expect(chosen.map((s) => s.reference)).toEqual([s1.reference, s2.reference].sort());
    expect(chosen[0]).toMatchObject({ title: expect.any(String), level: 3, versions: ["1.0", "1.1"], options: [] });
    // Assessors and staff read the list too.
    expect(ids(await listEpaoStandards(team.assessor))).toEqual(ids([s1, s2]));
    expect(ids(await listEpaoStandards(team.staff))).toEqual(ids([s1, s2]));

    await setEpaoStandards(team.admin, { standardIds: [s2.id, s3.id] });
    expect(ids(await listEpaoStandards(team.staff))).toEqual(ids([s2, s3]));

    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.action, "standards.assessed_changed")))
      .orderBy(auditEvents.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actorUserId: team.admin.userId,
      entityId: team.org.id,
      before: { standards: [s1.reference, s2.reference].sort() },
      after: { standards: [s2.reference, s3.reference].sort(), added: [s3.reference], removed: [s1.reference] },
    });
    expect(events[1]!.summary).toContain(`added ${s3.reference}`);
    expect(events[1]!.summary).toContain(`removed ${s1.reference}`);
  });

  it("writes no audit event when nothing changes, and may be emptied", async () => {
    const team = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id] });
    await setEpaoStandards(team.admin, { standardIds: [s1.id] });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.organisationId, team.org.id));
    expect(events).toHaveLength(1);
    expect(await setEpaoStandards(team.admin, { standardIds: [] })).toEqual([]);
    expect(await listEpaoStandards(team.admin)).toEqual([]);
  });

  it("takes a removed standard off the EPAO's assessors and staff", async () => {
    const team = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id, s2.id] });
    await setUserStandards(team.admin, { userId: team.assessor.userId, standardIds: [s1.id, s2.id] });
    await setUserStandards(team.admin, { userId: team.staff.userId, standardIds: [s1.id] });
    await setEpaoStandards(team.admin, { standardIds: [s2.id] });
    const people = await listStaffStandardAssignments(team.admin);
    expect(people.find((p) => p.id === team.assessor.userId)?.standards.map((s) => s.id)).toEqual([s2.id]);
    expect(people.find((p) => p.id === team.staff.userId)?.standards).toEqual([]);
  });

  it("refuses ids that are not catalogue standards", async () => {
    const team = await epaoTeam();
    const unknown = await errorOf(setEpaoStandards(team.admin, { standardIds: [s1.id, crypto.randomUUID()] }));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).fieldErrors).toEqual({ standardIds: "Select standards from the catalogue" });
    const malformed = await errorOf(setEpaoStandards(team.admin, { standardIds: ["not-an-id"] }));
    expect((malformed as ValidationError).fieldErrors).toEqual({ standardIds: "Select standards from the list" });
    expect(await listEpaoStandards(team.admin)).toEqual([]);
  });

  it("only an EPAO admin chooses; only EPAO people read; each EPAO sees only its own", async () => {
    const team = await epaoTeam();
    const other = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id] });
    for (const actor of [team.staff, team.assessor, outsiders.actors.provider_admin, outsiders.actors.platform_admin]) {
      await expect(setEpaoStandards(actor, { standardIds: [s2.id] })).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const actor of [outsiders.actors.provider_user, outsiders.actors.platform_admin, outsiders.actors.lead_provider_admin]) {
      await expect(listEpaoStandards(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await listEpaoStandards(other.admin)).toEqual([]);
    expect(ids(await listEpaoStandards(team.admin))).toEqual([s1.id]);
  });
});

describe("assigning standards to assessors and staff", () => {
  it("lists the EPAO's assessors and staff (not admins, not other EPAOs) with their standards", async () => {
    const team = await epaoTeam();
    const other = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id, s2.id] });
    await setUserStandards(team.admin, { userId: team.assessor.userId, standardIds: [s2.id, s1.id] });
    const people = await listStaffStandardAssignments(team.staff);
    expect(people.map((p) => p.id)).toEqual([team.assessor.userId, team.staff.userId]);
    expect(people[0]).toMatchObject({ name: "Alex Assessor", role: "assessor", disabled: false });
    expect(people[0]!.standards.map((s) => s.reference)).toEqual([s1.reference, s2.reference].sort());
    expect(people[1]).toMatchObject({ role: "epao_staff", standards: [] });
    expect(people.map((p) => p.id)).not.toContain(other.assessor.userId);
    expect(people.map((p) => p.id)).not.toContain(team.admin.userId);
  });

  it("replaces a person's standards and audits the change", async () => {
    const team = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id, s2.id, s3.id] });
    await setUserStandards(team.admin, { userId: team.staff.userId, standardIds: [s1.id, s2.id] });
    const assigned = await setUserStandards(team.admin, { userId: team.staff.userId, standardIds: [s2.id, s3.id] });
    expect(ids(assigned)).toEqual(ids([s2, s3]));
    const { person, available } = await getStaffStandardAssignment(team.admin, team.staff.userId);
    expect(ids(person.standards)).toEqual(ids([s2, s3]));
    expect(ids(available)).toEqual(ids([s1, s2, s3]));
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, team.staff.userId), eq(auditEvents.action, "user.standards_changed")))
      .orderBy(auditEvents.id)
      .offset(1);
    expect(event).toMatchObject({
      organisationId: team.org.id,
      actorUserId: team.admin.userId,
      before: { standards: [s1.reference, s2.reference].sort() },
      after: { added: [s3.reference], removed: [s1.reference] },
    });
  });

  it("refuses standards the EPAO does not assess, and people who are not assessors or staff", async () => {
    const team = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id] });
    const notAssessed = await errorOf(setUserStandards(team.admin, { userId: team.assessor.userId, standardIds: [s1.id, s2.id] }));
    expect((notAssessed as ValidationError).fieldErrors).toEqual({ standardIds: "Select only standards your organisation assesses" });
    const admin = await errorOf(setUserStandards(team.admin, { userId: team.admin.userId, standardIds: [s1.id] }));
    expect((admin as ValidationError).fieldErrors).toEqual({ userId: "Standards can only be assigned to assessors and EPAO staff" });
    const badId = await errorOf(setUserStandards(team.admin, { userId: "nope", standardIds: [] }));
    expect((badId as ValidationError).fieldErrors).toEqual({ userId: "Select a person" });
    const rows = await db()
      .select()
      .from(userStandards)
      .where(inArray(userStandards.userId, [team.assessor.userId, team.admin.userId]));
    expect(rows).toEqual([]);
  });

  it("reports another organisation's people as not found and is refused to non-admins", async () => {
    const team = await epaoTeam();
    const other = await epaoTeam();
    await setEpaoStandards(team.admin, { standardIds: [s1.id] });
    await setEpaoStandards(other.admin, { standardIds: [s1.id] });
    await expect(setUserStandards(team.admin, { userId: other.assessor.userId, standardIds: [s1.id] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setUserStandards(team.admin, { userId: outsiders.actors.provider_user.userId, standardIds: [] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStaffStandardAssignment(team.admin, other.staff.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStaffStandardAssignment(team.admin, team.admin.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStaffStandardAssignment(team.admin, "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [team.staff, team.assessor, outsiders.actors.provider_admin]) {
      await expect(setUserStandards(actor, { userId: team.assessor.userId, standardIds: [s1.id] })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getStaffStandardAssignment(actor, team.assessor.userId)).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const actor of [team.assessor, outsiders.actors.provider_admin, outsiders.actors.lead_provider_user]) {
      await expect(listStaffStandardAssignments(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await listStaffStandardAssignments(other.admin)).every((p) => p.standards.length === 0)).toBe(true);
  });
});

describe("listAssessorsForStandard", () => {
  it("lists the EPAO's active assessors assigned the standard, by name", async () => {
    const team = await epaoTeam();
    const other = await epaoTeam();
    const [zoe, disabled] = await Promise.all([
      createUser(team.org, "assessor", { name: "Zoe Zephyr" }),
      createUser(team.org, "assessor", { name: "Dee Disabled" }),
    ]);
    await setEpaoStandards(team.admin, { standardIds: [s1.id, s2.id] });
    await setEpaoStandards(other.admin, { standardIds: [s1.id] });
    for (const person of [team.assessor, zoe, disabled, team.staff]) {
      await setUserStandards(team.admin, { userId: person.userId, standardIds: [s1.id] });
    }
    await setUserStandards(other.admin, { userId: other.assessor.userId, standardIds: [s1.id] });
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.userId));

    const assessors = await listAssessorsForStandard(team.staff, s1.id);
    expect(assessors).toEqual([
      { id: team.assessor.userId, name: "Alex Assessor", email: team.assessor.email },
      { id: zoe.userId, name: "Zoe Zephyr", email: zoe.email },
    ]);
    expect(await listAssessorsForStandard(team.admin, s2.id)).toEqual([]);
    expect(await listAssessorsForStandard(team.admin, s3.id)).toEqual([]);
    expect(await listAssessorsForStandard(team.admin, "not-an-id")).toEqual([]);
    expect((await listAssessorsForStandard(other.admin, s1.id)).map((a) => a.id)).toEqual([other.assessor.userId]);
    await expect(listAssessorsForStandard(outsiders.actors.provider_admin, s1.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
