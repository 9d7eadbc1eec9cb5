import { and, asc, eq } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { db } from "@/lib/db";

/** The audit events on an entity (e.g. "apprentice", its id), oldest first. */
export function auditTrail(entityType: string, entityId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.id));
}

/** The first audit event of `action` on the entity with this id, if any. */
export async function auditEventOf(entityId: string, action: string) {
  const [event] = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id))
    .limit(1);
  return event;
}
