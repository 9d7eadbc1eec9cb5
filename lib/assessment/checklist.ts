import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { gatewayChecklistItems } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";

/**
 * The gateway checklist every standard starts with: what ESFA's gateway requirements ask of most standards. A
 * standard's own list can differ (platform admins edit it in the catalogue); mandatory items must be provided
 * before a provider can submit the gateway.
 */
export const DEFAULT_GATEWAY_CHECKLIST = [
  {
    code: "english-maths",
    title: "English and maths",
    guidance:
      "Certificates for the English and maths the standard requires (usually level 2; level 1 or British Sign Language for apprentices with an EHC plan).",
    mandatory: true,
  },
  {
    code: "portfolio",
    title: "Portfolio of evidence",
    guidance: "The portfolio the assessment plan asks for, mapped to the knowledge, skills and behaviours.",
    mandatory: true,
  },
  {
    code: "employer-declaration",
    title: "Employer gateway declaration",
    guidance: "The employer's signed confirmation that the apprentice is ready for end-point assessment.",
    mandatory: true,
  },
  { code: "qualifications", title: "Mandatory qualifications", guidance: "Certificates for any qualification the standard makes mandatory.", mandatory: false },
  {
    code: "off-the-job",
    title: "Off-the-job training record",
    guidance: "The record of off-the-job training hours, if the EPAO asks for it.",
    mandatory: false,
  },
] as const;

/** Gives every listed standard the default checklist if it has none yet (new standards, demo data). */
export async function ensureDefaultChecklist(tx: DbOrTx, standardIds: string[]): Promise<void> {
  if (standardIds.length === 0) return;
  const existing = await tx
    .selectDistinct({ standardId: gatewayChecklistItems.standardId })
    .from(gatewayChecklistItems)
    .where(inArray(gatewayChecklistItems.standardId, standardIds));
  const have = new Set(existing.map((r) => r.standardId));
  const rows = standardIds
    .filter((id) => !have.has(id))
    .flatMap((standardId) =>
      DEFAULT_GATEWAY_CHECKLIST.map((item, position) => ({
        standardId,
        position,
        code: item.code,
        title: item.title,
        guidance: item.guidance,
        mandatory: item.mandatory,
      })),
    );
  if (rows.length > 0) await tx.insert(gatewayChecklistItems).values(rows).onConflictDoNothing();
}

/** A standard's checklist in order. */
export async function checklistOf(tx: DbOrTx, standardId: string) {
  return tx.select().from(gatewayChecklistItems).where(eq(gatewayChecklistItems.standardId, standardId)).orderBy(asc(gatewayChecklistItems.position));
}
