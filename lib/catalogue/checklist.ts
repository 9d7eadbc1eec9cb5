import "server-only";
import { and, asc, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import { evidenceFiles, gatewayChecklistItems, standards } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isUuid } from "@/lib/ids";

/**
 * Platform admins keep each standard's gateway checklist in the catalogue: add, edit, reorder and remove items.
 * An item that evidence has been uploaded for cannot be removed (the files and past gateway rounds refer to it);
 * it can be made optional instead.
 */

export async function standardChecklist(actor: UserActor, standardId: string) {
  assertCan(actor, "standards.read");
  if (!isUuid(standardId)) throw new NotFoundError("Standard not found.");
  return db()
    .select({
      id: gatewayChecklistItems.id,
      code: gatewayChecklistItems.code,
      title: gatewayChecklistItems.title,
      guidance: gatewayChecklistItems.guidance,
      mandatory: gatewayChecklistItems.mandatory,
      position: gatewayChecklistItems.position,
      files: sql<number>`(select count(*)::int from evidence_files f where f.checklist_item_id = ${gatewayChecklistItems.id})`,
    })
    .from(gatewayChecklistItems)
    .where(eq(gatewayChecklistItems.standardId, standardId))
    .orderBy(asc(gatewayChecklistItems.position), asc(gatewayChecklistItems.code));
}

export const checklistItemSchema = z.object({
  standardId: z.string(),
  id: z.string().optional(),
  title: z.string().trim().min(3, { error: "Enter the item's title (at least 3 characters)" }).max(120, { error: "Keep the title to 120 characters or fewer" }),
  guidance: z.string().trim().max(500, { error: "Keep the guidance to 500 characters or fewer" }).optional(),
  mandatory: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

const codeOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "item";

/** Adds an item (at the end) or edits one. */
export async function saveChecklistItem(actor: UserActor, input: unknown) {
  assertCan(actor, "standards.manage");
  const data = parseInput(checklistItemSchema, input);
  if (!isUuid(data.standardId)) throw new NotFoundError("Standard not found.");
  return db().transaction(async (tx) => {
    const standard = await oneOrNotFound(
      tx.select({ id: standards.id, reference: standards.reference }).from(standards).where(eq(standards.id, data.standardId)).for("update"),
      "Standard not found.",
    );
    const values = { title: data.title, guidance: data.guidance || null, mandatory: data.mandatory };
    if (data.id) {
      if (!isUuid(data.id)) throw new NotFoundError("Checklist item not found.");
      const before = await oneOrNotFound(
        tx
          .select()
          .from(gatewayChecklistItems)
          .where(and(eq(gatewayChecklistItems.id, data.id), eq(gatewayChecklistItems.standardId, standard.id))),
        "Checklist item not found.",
      );
      await tx.update(gatewayChecklistItems).set(values).where(eq(gatewayChecklistItems.id, before.id));
      await recordAudit(tx, actor, {
        action: "gateway_checklist.item_changed",
        entityType: "standard",
        entityId: standard.id,
        summary: `Changed the ${standard.reference} gateway item "${before.title}"${before.title !== data.title ? ` to "${data.title}"` : ""}${before.mandatory !== data.mandatory ? (data.mandatory ? " (now mandatory)" : " (now optional)") : ""}`,
        before: { title: before.title, guidance: before.guidance, mandatory: before.mandatory },
        after: values,
      });
      return { id: before.id };
    }
    const taken = new Set(
      (await tx.select({ code: gatewayChecklistItems.code }).from(gatewayChecklistItems).where(eq(gatewayChecklistItems.standardId, standard.id))).map(
        (r) => r.code,
      ),
    );
    let code = codeOf(data.title);
    for (let n = 2; taken.has(code); n++) code = `${codeOf(data.title).slice(0, 36)}-${n}`;
    const [last] = await tx
      .select({ p: max(gatewayChecklistItems.position) })
      .from(gatewayChecklistItems)
      .where(eq(gatewayChecklistItems.standardId, standard.id));
    const [created] = await tx
      .insert(gatewayChecklistItems)
      .values({ standardId: standard.id, code, position: (last?.p ?? -1) + 1, ...values })
      .returning({ id: gatewayChecklistItems.id });
    await recordAudit(tx, actor, {
      action: "gateway_checklist.item_added",
      entityType: "standard",
      entityId: standard.id,
      summary: `Added "${data.title}" (${data.mandatory ? "mandatory" : "optional"}) to the ${standard.reference} gateway checklist`,
      after: { code, ...values },
    });
    return created!;
  });
}

/** Removes an item no evidence has been uploaded for. */
export async function removeChecklistItem(actor: UserActor, input: { standardId: string; id: string }) {
  assertCan(actor, "standards.manage");
  if (!isUuid(input.standardId) || !isUuid(input.id)) throw new NotFoundError("Checklist item not found.");
  return db().transaction(async (tx) => {
    const item = await oneOrNotFound(
      tx
        .select()
        .from(gatewayChecklistItems)
        .where(and(eq(gatewayChecklistItems.id, input.id), eq(gatewayChecklistItems.standardId, input.standardId)))
        .for("update"),
      "Checklist item not found.",
    );
    const [used] = await tx.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.checklistItemId, item.id)).limit(1);
    if (used) throw new ValidationError({ form: `Evidence has been uploaded for "${item.title}", so it cannot be removed. Make it optional instead.` });
    await tx.delete(gatewayChecklistItems).where(eq(gatewayChecklistItems.id, item.id));
    const [standard] = await tx.select({ reference: standards.reference }).from(standards).where(eq(standards.id, item.standardId));
    await recordAudit(tx, actor, {
      action: "gateway_checklist.item_removed",
      entityType: "standard",
      entityId: item.standardId,
      summary: `Removed "${item.title}" from the ${standard?.reference ?? ""} gateway checklist`,
      before: { code: item.code, title: item.title, mandatory: item.mandatory },
    });
  });
}
