import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { organisations, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import type { Role } from "@/lib/domain";
import { db } from "@/lib/db";

/** Head-count of the actor's own organisation by role (active users only). */
export async function teamSummary(actor: UserActor): Promise<{ role: Role; active: number; disabled: number }[]> {
  assertCan(actor, "users.read");
  return db()
    .select({
      role: users.role,
      active: sql<number>`count(*) filter (where ${users.disabledAt} is null)::int`,
      disabled: sql<number>`count(*) filter (where ${users.disabledAt} is not null)::int`,
    })
    .from(users)
    .where(eq(users.organisationId, actor.organisationId))
    .groupBy(users.role)
    .orderBy(users.role);
}

/** Every organisation on the platform with its user count: platform admins only. */
export async function listOrganisations(actor: UserActor) {
  assertCan(actor, "organisations.read");
  return db()
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      code: organisations.code,
      users: count(users.id),
      createdAt: organisations.createdAt,
    })
    .from(organisations)
    .leftJoin(users, eq(users.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.type), asc(organisations.name));
}
