import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, users } from "@/db/schema";
import { actorWithRole, type SystemActor, type UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { db, type DbOrTx } from "@/lib/db";
import { searchDate, searchPage, searchText } from "@/lib/validation";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Whose activity log shows it; defaults to the actor's organisation. */
  organisationId?: string | null;
};

/**
 * The one audit helper: every service calls it, inside the same transaction as the change,
 * so a change and its audit event are written together or not at all.
 */
export async function recordAudit(tx: DbOrTx, actor: UserActor | SystemActor, input: AuditInput): Promise<void> {
  await recordAuditMany(tx, actor, [input]);
}

/** Many events in one statement (bulk actions), same rules as recordAudit. */
export async function recordAuditMany(tx: DbOrTx, actor: UserActor | SystemActor, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const label = actorWithRole(actor);
  const rows = inputs.map((input) => ({
    organisationId: input.organisationId !== undefined ? input.organisationId : actor.kind === "user" ? actor.organisationId : null,
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorOrganisationId: actor.kind === "user" ? actor.organisationId : null,
    actorLabel: label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    summary: input.summary,
    before: redact(input.before ?? null),
    after: redact(input.after ?? null),
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
}

const SECRET_KEYS = /password|token|secret|hash|key/i;
function redact(value: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!value) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : v]));
}

/** Field-level before/after of what changed between two snapshots. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** The activity log's URL (shared list parsers: bad values are dropped, never sent to the database). */
export const activityFilterSchema = z.object({
  page: searchPage(),
  q: searchText(100),
  action: searchText(100),
  actor: z.uuid().optional().catch(undefined),
  from: searchDate(),
  to: searchDate(),
});
export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export const ACTIVITY_PAGE_SIZE = 25;

/** An organisation admin's view of their own organisation's activity, newest first, filterable and paginated. */
export async function listActivity(actor: UserActor, filter: ActivityFilter) {
  assertCan(actor, "audit.read");
  const conditions: SQL[] = [eq(auditEvents.organisationId, actor.organisationId)];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actor) conditions.push(eq(auditEvents.actorUserId, filter.actor));
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) conditions.push(lt(auditEvents.occurredAt, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(auditEvents.summary, pattern), ilike(auditEvents.actorLabel, pattern), ilike(auditEvents.entityId, pattern))!);
  }
  const where = and(...conditions);
  const offset = (filter.page - 1) * ACTIVITY_PAGE_SIZE;
  const [rows, [{ total } = { total: 0 }], actions, actors] = await Promise.all([
    db().select().from(auditEvents).where(where).orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id)).limit(ACTIVITY_PAGE_SIZE).offset(offset),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(where),
    db()
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, actor.organisationId))
      .orderBy(auditEvents.action),
    db().select({ id: users.id, name: users.name }).from(users).where(eq(users.organisationId, actor.organisationId)).orderBy(users.name),
  ]);
  return {
    rows,
    total,
    page: filter.page,
    totalPages: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)),
    actions: actions.map((a) => a.action),
    actors,
  };
}
