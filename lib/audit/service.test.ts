import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { createWorld } from "@/tests/support/factories";
import { ACTIVITY_PAGE_SIZE, activityFilterSchema, diff, listActivity, recordAudit } from "./service";

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
let other: World;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
});

const filter = (input: Record<string, unknown> = {}) => activityFilterSchema.parse({ page: 1, ...input });

describe("recordAudit", () => {
  it("records who, organisation, action, entity, before/after and time, redacting secrets", async () => {
    const actor = world.actors.epao_admin;
    const before = Date.now();
    const what = { action: "thing.changed", entityType: "thing", entityId: "thing-1", summary: "Changed a thing" };
    await recordAudit(db(), actor, {
      ...what,
      before: { colour: "red", password: "hunter2" },
      after: { colour: "blue", apiToken: "abc" },
    });
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, actor.userId));
    expect(event).toMatchObject({
      organisationId: actor.organisationId,
      actorOrganisationId: actor.organisationId,
      actorLabel: `${actor.name} (EPAO admin)`,
      ...what,
      before: { colour: "red", password: "[redacted]" },
      after: { colour: "blue", apiToken: "[redacted]" },
    });
    expect(event!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it("is written in the caller's transaction: rolled back together with the change", async () => {
    const actor = world.actors.provider_admin;
    await expect(
      db().transaction(async (tx) => {
        await recordAudit(tx, actor, { action: "rollback.test", entityType: "thing", entityId: "x", summary: "never" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.action, "rollback.test"));
    expect(rows).toHaveLength(0);
  });

  it("diff keeps only changed fields", () => {
    expect(diff({ a: 1, b: "x", c: [1] }, { a: 1, b: "y", c: [1, 2] })).toEqual({ before: { b: "x", c: [1] }, after: { b: "y", c: [1, 2] }, changed: true });
    expect(diff({ a: 1 }, { a: 1 }).changed).toBe(false);
  });
});

describe("listActivity", () => {
  it("shows an admin only their own organisation's events, newest first, paginated", async () => {
    const admin = world.actors.lead_provider_admin;
    for (let i = 0; i < ACTIVITY_PAGE_SIZE + 3; i++) {
      await recordAudit(db(), admin, { action: "page.test", entityType: "thing", entityId: `p${i}`, summary: `Event ${i}` });
    }
    await recordAudit(db(), other.actors.lead_provider_admin, {
      action: "page.test",
      entityType: "thing",
      entityId: "foreign",
      summary: "Other organisation's event",
    });

    const first = await listActivity(admin, filter({ action: "page.test" }));
    expect(first.total).toBe(ACTIVITY_PAGE_SIZE + 3);
    expect(first.rows).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.totalPages).toBe(2);
    expect(first.rows[0]!.summary).toBe(`Event ${ACTIVITY_PAGE_SIZE + 2}`);
    const second = await listActivity(admin, filter({ action: "page.test", page: 2 }));
    expect(second.rows.map((r) => r.summary)).toEqual(["Event 2", "Event 1", "Event 0"]);
    expect([...first.rows, ...second.rows].some((r) => r.entityId === "foreign")).toBe(false);
    expect(first.actions).toContain("page.test");
    expect(first.actors.every((a) => a.id !== other.actors.lead_provider_admin.userId)).toBe(true);
  });

  it("filters by text, person and date", async () => {
    const admin = world.actors.provider_admin;
    await recordAudit(db(), admin, { action: "filter.test", entityType: "thing", entityId: "f1", summary: "Renamed the zebra record" });
    await recordAudit(db(), admin, { action: "filter.test", entityType: "thing", entityId: "f2", summary: "Renamed the lion record" });
    expect((await listActivity(admin, filter({ q: "zebra" }))).rows.map((r) => r.entityId)).toEqual(["f1"]);
    expect((await listActivity(admin, filter({ q: "100%_" }))).rows).toHaveLength(0);
    expect((await listActivity(admin, filter({ action: "filter.test", actor: admin.userId }))).total).toBe(2);
    expect((await listActivity(admin, filter({ action: "filter.test", actor: world.actors.provider_user.userId }))).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listActivity(admin, filter({ action: "filter.test", from: today, to: today }))).total).toBe(2);
    expect((await listActivity(admin, filter({ action: "filter.test", to: "2020-01-01" }))).total).toBe(0);
  });

  it("ignores malformed filters instead of failing", () => {
    expect(activityFilterSchema.parse({ page: "-3", from: "yesterday", actor: "not-a-uuid" })).toEqual({
      page: 1,
      from: undefined,
      actor: undefined,
      q: undefined,
      action: undefined,
      to: undefined,
    });
  });

  it("is refused to users who are not organisation admins", async () => {
    for (const role of ["epao_staff", "assessor", "provider_user", "lead_provider_user"] as const) {
      await expect(listActivity(world.actors[role], filter())).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
