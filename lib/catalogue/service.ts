import "server-only";
import { and, eq, ne, notInArray, or } from "drizzle-orm";
import { assessmentComponents, standards } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { diff, recordAudit } from "@/lib/audit/service";
import { ensureDefaultChecklist } from "@/lib/assessment/checklist";
import { db, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { standardFormSchema, type StandardData } from "./schema";
import { isUuid } from "@/lib/ids";

/** One standard with its components, for the platform admin's edit form. */
export async function getStandardForEdit(actor: UserActor, id: string) {
  assertCan(actor, "standards.manage");
  if (!isUuid(id)) throw new NotFoundError("Standard not found.");
  const standard = await oneOrNotFound(db().select().from(standards).where(eq(standards.id, id)), "Standard not found.");
  const components = await db().select().from(assessmentComponents).where(eq(assessmentComponents.standardId, id)).orderBy(assessmentComponents.position);
  return { ...standard, components };
}

async function assertUnique(tx: Tx, data: StandardData, exceptId?: string) {
  const clash = await tx
    .select({ reference: standards.reference, larsCode: standards.larsCode })
    .from(standards)
    .where(and(or(eq(standards.reference, data.reference), eq(standards.larsCode, data.larsCode)), exceptId ? ne(standards.id, exceptId) : undefined));
  const errors: Record<string, string> = {};
  if (clash.some((c) => c.reference === data.reference)) errors.reference = `${data.reference} is already in the catalogue`;
  if (clash.some((c) => c.larsCode === data.larsCode)) errors.larsCode = `LARS code ${data.larsCode} is already used by another standard`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

async function writeComponents(tx: Tx, standardId: string, data: StandardData) {
  const codes = data.components.map((c) => c.code);
  await tx.delete(assessmentComponents).where(and(eq(assessmentComponents.standardId, standardId), notInArray(assessmentComponents.code, codes)));
  for (const [position, c] of data.components.entries()) {
    await tx
      .insert(assessmentComponents)
      .values({ standardId, code: c.code, name: c.name, grades: c.grades, position })
      .onConflictDoUpdate({ target: [assessmentComponents.standardId, assessmentComponents.code], set: { name: c.name, grades: c.grades, position } });
  }
}

export async function createStandard(actor: UserActor, input: unknown) {
  assertCan(actor, "standards.manage");
  const data = parseInput(standardFormSchema, input);
  return db().transaction(async (tx) => {
    await assertUnique(tx, data);
    const { components, ...values } = data;
    const [created] = await tx.insert(standards).values(values).returning();
    await writeComponents(tx, created!.id, data);
    await ensureDefaultChecklist(tx, [created!.id]);
    await recordAudit(tx, actor, {
      action: "standard.created",
      entityType: "standard",
      entityId: created!.id,
      summary: `Added ${data.reference} ${data.title} (level ${data.level}) to the catalogue`,
      after: { ...values, components: components.map((c) => c.code) },
    });
    return created!;
  });
}

/** Edits a standard; `updatedAt` from the form guards against overwriting someone else's newer change. */
export async function updateStandard(actor: UserActor, input: { id: string; updatedAt: string } & Record<string, unknown>) {
  assertCan(actor, "standards.manage");
  const data = parseInput(standardFormSchema, input);
  return db().transaction(async (tx) => {
    const before = await oneOrNotFound(tx.select().from(standards).where(eq(standards.id, input.id)).for("update"), "Standard not found.");
    if (before.updatedAt.toISOString() !== input.updatedAt) throw new ConflictError();
    await assertUnique(tx, data, before.id);
    const { components, ...values } = data;
    const changes = diff(before as unknown as Record<string, unknown>, values);
    const [updated] = await tx
      .update(standards)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(standards.id, before.id))
      .returning();
    await writeComponents(tx, before.id, data);
    await recordAudit(tx, actor, {
      action: "standard.updated",
      entityType: "standard",
      entityId: before.id,
      summary: `Updated ${data.reference} ${data.title}${changes.changed ? `: ${Object.keys(changes.after).join(", ")}` : ""}`,
      before: changes.before,
      after: { ...changes.after, components: components.map((c) => c.code) },
    });
    return updated!;
  });
}
