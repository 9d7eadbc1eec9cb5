import "server-only";
import { and, eq } from "drizzle-orm";
import { apprentices } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/**
 * The apprentice's permission for the EPAO to claim the certificate (DOMAIN.md: a claim needs a recorded consent).
 * An EPAO user records it, or clears it, on one of their own organisation's records; audited on the record.
 */
export async function recordCertificateConsent(actor: UserActor, input: { apprenticeId: string; consent: boolean }): Promise<{ consentAt: Date | null }> {
  assertCan(actor, "certification.claims");
  const apprenticeId = input?.apprenticeId;
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return db().transaction(async (tx) => {
    const record = await oneOrNotFound(
      tx
        .select({ id: apprentices.id, givenNames: apprentices.givenNames, familyName: apprentices.familyName, consentAt: apprentices.certificateConsentAt })
        .from(apprentices)
        .where(and(eq(apprentices.id, apprenticeId), eq(apprentices.epaoId, actor.organisationId)))
        .for("update"),
      "Apprentice record not found.",
    );
    if (typeof input.consent !== "boolean")
      throw new ValidationError({ consent: "Choose whether the apprentice has given permission to claim their certificate" });
    const name = `${record.givenNames} ${record.familyName}`;
    // Already so: nothing changes (the first recorded time is kept).
    if (input.consent === (record.consentAt !== null)) return { consentAt: record.consentAt };
    const now = new Date();
    const consentAt = input.consent ? now : null;
    await tx
      .update(apprentices)
      .set({ certificateConsentAt: consentAt, certificateConsentBy: input.consent ? actor.userId : null, updatedAt: now })
      .where(eq(apprentices.id, record.id));
    await recordAudit(tx, actor, {
      action: input.consent ? "certificate_consent.recorded" : "certificate_consent.cleared",
      entityType: "apprentice",
      entityId: record.id,
      summary: input.consent
        ? `Recorded ${name}'s permission to claim their certificate`
        : `Cleared ${name}'s permission to claim their certificate: it will not be claimed until permission is recorded again`,
      before: { consent: record.consentAt !== null },
      after: { consent: input.consent },
    });
    return { consentAt };
  });
}
