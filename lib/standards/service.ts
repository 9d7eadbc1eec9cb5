import { asc, inArray } from "drizzle-orm";
import { assessmentComponents, standards } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";

export type StandardWithComponents = typeof standards.$inferSelect & { components: (typeof assessmentComponents.$inferSelect)[] };

/** The standards catalogue with each standard's assessment components, ordered by reference. */
export async function listStandards(actor: UserActor): Promise<StandardWithComponents[]> {
  assertCan(actor, "standards.read");
  const rows = await db().select().from(standards).orderBy(asc(standards.reference));
  if (rows.length === 0) return [];
  const components = await db()
    .select()
    .from(assessmentComponents)
    .where(inArray(assessmentComponents.standardId, rows.map((r) => r.id)))
    .orderBy(asc(assessmentComponents.position));
  return rows.map((r) => ({ ...r, components: components.filter((c) => c.standardId === r.id) }));
}
