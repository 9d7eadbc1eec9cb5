import "server-only";
import { eq, sql } from "drizzle-orm";
import { notificationPreferences, users } from "@/db/schema";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import { NOTIFICATION_EVENT_DETAILS, defaultEnabled, eventDescription } from "./events";
import { preferencesSchema } from "./schema";
import { parseInput } from "@/lib/validation";

export type NotificationPreference = {
  event: NotificationEvent;
  label: string;
  description: string;
  enabled: boolean;
};

async function readEnabled(tx: DbOrTx, actor: UserActor): Promise<Record<NotificationEvent, boolean>> {
  const saved = await tx
    .select({ event: notificationPreferences.event, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, actor.userId));
  const byEvent = new Map(saved.map((row) => [row.event, row.enabled]));
  return Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, byEvent.get(event) ?? defaultEnabled(actor.role, event)])) as Record<
    NotificationEvent,
    boolean
  >;
}

/** The signed-in user's email settings: every event, in a fixed order, with its saved choice or the role's default. */
export async function getPreferences(actor: UserActor): Promise<NotificationPreference[]> {
  assertCan(actor, "notifications.manage");
  const enabled = await readEnabled(db(), actor);
  return NOTIFICATION_EVENTS.map((event) => ({
    event,
    label: NOTIFICATION_EVENT_DETAILS[event].label,
    description: eventDescription(event, actor.role),
    enabled: enabled[event],
  }));
}

/**
 * Saves the signed-in user's own settings: the events listed are switched on, every other event off.
 * Every event is stored explicitly, so a later change to the defaults never flips a saved choice.
 */
export async function setPreferences(actor: UserActor, input: { enabled: NotificationEvent[] }): Promise<NotificationPreference[]> {
  assertCan(actor, "notifications.manage");
  const data = parseInput(preferencesSchema, input);
  const wanted = new Set(data.enabled);
  await db().transaction(async (tx) => {
    // Serialise concurrent saves by the same user so the audited "before" is what the save replaced.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for("no key update");
    const before = await readEnabled(tx, actor);
    const turnedOn = NOTIFICATION_EVENTS.filter((e) => wanted.has(e) && !before[e]);
    const turnedOff = NOTIFICATION_EVENTS.filter((e) => !wanted.has(e) && before[e]);
    if (turnedOn.length === 0 && turnedOff.length === 0) return;
    const now = new Date();
    await tx
      .insert(notificationPreferences)
      .values(NOTIFICATION_EVENTS.map((event) => ({ userId: actor.userId, event, enabled: wanted.has(event), updatedAt: now })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.event],
        set: { enabled: sql`excluded.enabled`, updatedAt: now },
      });
    const changed = [...turnedOn, ...turnedOff];
    const parts = [
      turnedOn.length ? `turned on ${turnedOn.map((e) => NOTIFICATION_EVENT_DETAILS[e].label.toLowerCase()).join(", ")}` : null,
      turnedOff.length ? `turned off ${turnedOff.map((e) => NOTIFICATION_EVENT_DETAILS[e].label.toLowerCase()).join(", ")}` : null,
    ].filter(Boolean);
    await recordAudit(tx, actor, {
      action: "notifications.updated",
      entityType: "user",
      entityId: actor.userId,
      summary: `${actor.name} changed their email notifications: ${parts.join("; ")}`,
      before: Object.fromEntries(changed.map((e) => [e, before[e]])),
      after: Object.fromEntries(changed.map((e) => [e, wanted.has(e)])),
    });
  });
  return getPreferences(actor);
}
