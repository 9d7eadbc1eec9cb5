import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { apprenticePostalContacts, epaoCertificationSettings, esfaApiKeys, postalContacts } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";
import type { EsfaPostalContact } from "@/lib/esfa/types";
import { DEFAULT_COUNTDOWN, type CountdownSettings } from "./countdown";
import { unseal } from "./crypto";
import { backfillKeyDigests } from "./keys";
import type { Apprentice } from "@/db/schema";

/**
 * The reads the claim runner and the screens share: an EPAO's countdown settings, its ESFA key (decrypted, for
 * server-side use only) and a record's postal contact. Not actor-checked: callers are services that already checked
 * the actor, or the claim runner acting for the EPAO.
 */

export async function countdownSettingsFor(tx: DbOrTx, epaoId: string): Promise<CountdownSettings> {
  const [row] = await tx.select().from(epaoCertificationSettings).where(eq(epaoCertificationSettings.epaoId, epaoId));
  if (!row) return DEFAULT_COUNTDOWN;
  return { highestGrade: { days: row.highestGradeDays, mode: row.highestGradeMode }, otherGrades: { days: row.otherGradesDays, mode: row.otherGradesMode } };
}

export type EsfaKey = { key: string; lastFour: string; status: "active" | "rejected"; statusMessage: string | null; validatedAt: Date };

/**
 * The EPAO's ESFA key, decrypted; null when none has been activated. Rows stored before key digests existed get theirs
 * first, so a key saved for two EPAOs is switched off (rejected) before a claim is sent with it (keys.ts).
 */
export async function esfaKeyFor(tx: DbOrTx, epaoId: string): Promise<EsfaKey | null> {
  await backfillKeyDigests(tx);
  const [row] = await tx.select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, epaoId));
  if (!row) return null;
  return { key: unseal(row), lastFour: row.lastFour, status: row.status, statusMessage: row.statusMessage, validatedAt: row.validatedAt };
}

/** ESFA refused the key (401/403) during a run: claims stop until an admin replaces it. */
export async function markKeyRejected(tx: DbOrTx, epaoId: string, message: string): Promise<void> {
  await tx.update(esfaApiKeys).set({ status: "rejected", statusMessage: message, updatedAt: new Date() }).where(eq(esfaApiKeys.epaoId, epaoId));
}

/** The certificate's postal contact: the apprentice's own address if set, else the EPAO's contact for the employer. */
export async function postalContactFor(tx: DbOrTx, apprentice: Pick<Apprentice, "id" | "epaoId" | "employerName">): Promise<EsfaPostalContact | null> {
  const [own] = await tx.select().from(apprenticePostalContacts).where(eq(apprenticePostalContacts.apprenticeId, apprentice.id));
  const [employer] = own
    ? [own]
    : await tx
        .select()
        .from(postalContacts)
        .where(and(eq(postalContacts.epaoId, apprentice.epaoId), sql`lower(${postalContacts.employerName}) = lower(${apprentice.employerName})`));
  if (!employer) return null;
  return {
    contactName: employer.contactName,
    department: employer.department ?? undefined,
    organisation: employer.organisation,
    addressLine1: employer.addressLine1,
    addressLine2: employer.addressLine2 ?? undefined,
    addressLine3: employer.addressLine3 ?? undefined,
    city: employer.city,
    postCode: employer.postcode,
  } as EsfaPostalContact;
}
