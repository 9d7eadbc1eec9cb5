import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notificationPreferences } from "@/db/schema";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/domain";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createUser, createWorld } from "@/tests/support/factories";
import { NOTIFICATION_EVENT_DETAILS } from "./events";
import { getPreferences, setPreferences } from "./service";

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const enabledOf = async (actor: Parameters<typeof getPreferences>[0]) => (await getPreferences(actor)).filter((p) => p.enabled).map((p) => p.event);
const auditFor = (userId: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, "notifications.updated")));

describe("getPreferences", () => {
  it("lists every event in order with its label and description", async () => {
    const prefs = await getPreferences(world.actors.epao_staff);
    expect(prefs.map((p) => p.event)).toEqual([...NOTIFICATION_EVENTS]);
    for (const p of prefs) {
      expect(p.label).toBe(NOTIFICATION_EVENT_DETAILS[p.event].label);
      expect(p.description.length).toBeGreaterThan(10);
    }
  });

  it("switches every event on by default for EPAO admins and staff", async () => {
    expect(await enabledOf(world.actors.epao_admin)).toEqual([...NOTIFICATION_EVENTS]);
    expect(await enabledOf(world.actors.epao_staff)).toEqual([...NOTIFICATION_EVENTS]);
  });

  it("switches on only record assigned and gateway submitted by default for assessors, with assessor wording", async () => {
    expect(await enabledOf(world.actors.assessor)).toEqual(["record_assigned", "gateway_submitted"]);
    const assigned = (await getPreferences(world.actors.assessor)).find((p) => p.event === "record_assigned");
    expect(assigned?.description).toBe(NOTIFICATION_EVENT_DETAILS.record_assigned.assessorDescription);
  });
});

describe("setPreferences", () => {
  it("saves the user's choice, stores every event and audits what changed", async () => {
    const staff = await createUser(world.orgs.epao, "epao_staff");
    const saved = await setPreferences(staff, { enabled: ["withdrawal", "record_created"] });
    expect(saved.filter((p) => p.enabled).map((p) => p.event)).toEqual(["record_created", "withdrawal"]);
    expect(await enabledOf(staff)).toEqual(["record_created", "withdrawal"]);
    const rows = await db().select().from(notificationPreferences).where(eq(notificationPreferences.userId, staff.userId));
    expect(rows).toHaveLength(NOTIFICATION_EVENTS.length);

    const [event, ...more] = await auditFor(staff.userId);
    expect(more).toHaveLength(0);
    const off = NOTIFICATION_EVENTS.filter((e) => e !== "record_created" && e !== "withdrawal");
    expect(event).toMatchObject({
      organisationId: world.orgs.epao.id,
      actorUserId: staff.userId,
      entityType: "user",
      before: Object.fromEntries(off.map((e) => [e, true])),
      after: Object.fromEntries(off.map((e) => [e, false])),
    });
    expect(event!.summary).toContain("turned off");
  });

  it("audits turning events back on, and does nothing when nothing changed", async () => {
    const assessor = await createUser(world.orgs.epao, "assessor");
    await setPreferences(assessor, { enabled: ["record_assigned", "gateway_submitted"] });
    expect(await auditFor(assessor.userId)).toHaveLength(0);
    expect(await db().select().from(notificationPreferences).where(eq(notificationPreferences.userId, assessor.userId))).toHaveLength(0);

    await setPreferences(assessor, { enabled: ["record_assigned", "gateway_submitted", "withdrawal", "withdrawal"] });
    expect(await enabledOf(assessor)).toEqual(["record_assigned", "withdrawal", "gateway_submitted"]);
    const events = await auditFor(assessor.userId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { withdrawal: false }, after: { withdrawal: true } });
    expect(events[0]!.summary).toContain("turned on withdrawals");
  });

  it("can switch everything off", async () => {
    const admin = await createUser(world.orgs.epao, "epao_admin");
    await setPreferences(admin, { enabled: [] });
    expect(await enabledOf(admin)).toEqual([]);
  });

  it("changes only the signed-in user's own settings, and refuses an attempt to name another user", async () => {
    const [me, colleague] = await Promise.all([createUser(world.orgs.epao, "epao_staff"), createUser(world.orgs.epao, "epao_staff")]);
    await setPreferences(me, { enabled: ["link_requested"] });
    expect(await enabledOf(colleague)).toEqual([...NOTIFICATION_EVENTS]);

    const error = await setPreferences(me, { enabled: [], userId: colleague.userId } as unknown as { enabled: NotificationEvent[] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ form: "You can only change your own notification settings" });
    expect(await enabledOf(colleague)).toEqual([...NOTIFICATION_EVENTS]);
    expect(await enabledOf(me)).toEqual(["link_requested"]);
    expect(await auditFor(colleague.userId)).toHaveLength(0);
  });

  it("refuses unknown events and malformed input", async () => {
    const staff = world.actors.epao_staff;
    const bad = await setPreferences(staff, { enabled: ["record_created", "sms_everything"] as unknown as NotificationEvent[] }).catch((e: unknown) => e);
    expect((bad as ValidationError).fieldErrors).toEqual({ enabled: "Select only events from the list" });
    await expect(setPreferences(staff, { enabled: "record_created" } as unknown as { enabled: NotificationEvent[] })).rejects.toBeInstanceOf(ValidationError);
    const empty = await setPreferences(staff, null as unknown as { enabled: NotificationEvent[] }).catch((e: unknown) => e);
    expect((empty as ValidationError).fieldErrors).toEqual({ form: "Select the events you want emails about" });
    expect(await enabledOf(staff)).toEqual([...NOTIFICATION_EVENTS]);
  });

  it("keeps every saved choice consistent when the same user saves twice at once", async () => {
    const staff = await createUser(world.orgs.epao, "epao_staff");
    await Promise.all([setPreferences(staff, { enabled: ["record_created"] }), setPreferences(staff, { enabled: ["withdrawal"] })]);
    const final = await enabledOf(staff);
    expect([["record_created"], ["withdrawal"]]).toContainEqual(final);
    // Each audited "before" is what that save replaced, so replaying the events ends at the saved state.
    const events = (await auditFor(staff.userId)).sort((a, b) => a.id - b.id);
    const state = Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, true])) as Record<string, boolean>;
    for (const event of events) {
      for (const [key, value] of Object.entries(event.before ?? {})) expect(state[key], key).toBe(value);
      Object.assign(state, event.after);
    }
    expect(NOTIFICATION_EVENTS.filter((e) => state[e])).toEqual(final);
  });
});

describe("who may manage notifications", () => {
  it("is refused to provider, lead provider and platform users", async () => {
    for (const role of ["provider_admin", "provider_user", "lead_provider_admin", "lead_provider_user", "platform_admin"] as const) {
      await expect(getPreferences(world.actors[role]), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setPreferences(world.actors[role], { enabled: [] }), role).rejects.toBeInstanceOf(ForbiddenError);
    }
    const rows = await db().select().from(notificationPreferences).where(eq(notificationPreferences.userId, world.actors.provider_admin.userId));
    expect(rows).toHaveLength(0);
  });
});
