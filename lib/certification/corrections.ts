import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apprentices, standards } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { diff, recordAudit } from "@/lib/audit/service";
import { isUniqueViolation, db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isUuid } from "@/lib/ids";

/**
 * Fixing a certification error at its cause: an EPAO user corrects what ESFA matched the record against (the family
 * name as the ILR holds it, the ULN, the standard version or option). The record's version changes, so the next claim
 * run rebuilds the claim from the corrected data (refreshClaim re-queues a claim whose record changed); the change is
 * audited on the record's timeline and the provider sees it there.
 */

export const correctionSchema = z.object({
  apprenticeId: z.string(),
  version: z.coerce.number().int().min(1, { error: "Reload the page and try again" }),
  familyName: z.string().trim().min(1, { error: "Enter the family name" }).max(100, { error: "Family name must be 100 characters or fewer" }),
  uln: z
    .string()
    .trim()
    .regex(/^\d{10}$/, { error: "ULN must be exactly 10 digits" }),
  standardVersion: z.string().trim().min(1, { error: "Select the version" }),
  standardOption: z.string().trim().optional(),
});

export async function correctRecordForCertification(actor: UserActor, input: unknown) {
  assertCan(actor, "certification.claims");
  const data = parseInput(correctionSchema, input);
  if (!isUuid(data.apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return db().transaction(async (tx) => {
    const row = await oneOrNotFound(
      tx
        .select({ record: apprentices, standard: { versions: standards.versions, options: standards.options } })
        .from(apprentices)
        .innerJoin(standards, eq(standards.id, apprentices.standardId))
        .where(and(eq(apprentices.id, data.apprenticeId), eq(apprentices.epaoId, actor.organisationId)))
        .for("update", { of: apprentices }),
      "Apprentice record not found.",
    );
    const { record, standard } = row;
    if (record.version !== data.version) throw new ConflictError();
    if (record.status === "withdrawn") throw new ValidationError({ form: "The apprentice has been withdrawn: the record can no longer be changed." });
    const errors: Record<string, string> = {};
    if (!standard.versions.includes(data.standardVersion)) errors.standardVersion = `Select one of the standard's versions: ${standard.versions.join(", ")}`;
    const option = data.standardOption || null;
    if (standard.options.length > 0 && !option) errors.standardOption = "Select the option";
    if (option && !standard.options.includes(option)) errors.standardOption = "Select one of the standard's options";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const changes = { familyName: data.familyName, uln: data.uln, standardVersion: data.standardVersion, standardOption: option };
    const { before, after } = diff(record, changes);
    if (Object.keys(after).length === 0) throw new ValidationError({ form: "Nothing has changed: correct the detail ESFA could not match." });
    try {
      await tx
        .update(apprentices)
        .set({ ...changes, version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
        .where(eq(apprentices.id, record.id));
    } catch (error) {
      if (isUniqueViolation(error, "apprentices_active_uln_standard_key"))
        throw new ValidationError({ uln: "Another active record on this standard has this ULN" });
      throw error;
    }
    const labels: Record<string, string> = { familyName: "family name", uln: "ULN", standardVersion: "version", standardOption: "option" };
    await recordAudit(tx, actor, {
      action: "certificate.record_corrected",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Corrected the ${Object.keys(after)
        .map((k) => `${labels[k]} (${String(before[k] ?? "none")} → ${String(after[k] ?? "none")})`)
        .join(", ")} for the certificate claim`,
      before,
      after,
    });
    return { version: record.version + 1 };
  });
}
