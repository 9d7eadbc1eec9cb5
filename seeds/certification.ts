import { and, eq, inArray } from "drizzle-orm";
import { apprentices, organisations, postalContacts, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";

/**
 * Demo certification data: each demo EPAO keeps a postal contact for every employer of its records, and holds the
 * permission to claim for its records past gateway, so once an EPAO admin activates the demo ESFA key (printed by
 * `npm start`) a claims run has real work: graded records whose claim date has passed are claimed, and the simulator's
 * deliberate family-name mismatches show up as errors to fix. No key is activated: claims start off, as for a new EPAO.
 */
export async function seedCertificationDemo(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return;
  const records = await db.select().from(apprentices).where(inArray(apprentices.id, ids));
  const epaoIds = [...new Set(records.map((r) => r.epaoId))];
  const [epaos, staff] = await Promise.all([
    db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, epaoIds)),
    db
      .select({ id: users.id, organisationId: users.organisationId })
      .from(users)
      .where(and(inArray(users.organisationId, epaoIds), eq(users.role, "epao_admin"))),
  ]);
  for (const epao of epaos) {
    const mine = records.filter((r) => r.epaoId === epao.id);
    const employers = new Map(mine.map((r) => [r.employerName.toLowerCase(), r]));
    const by = staff.find((s) => s.organisationId === epao.id)?.id ?? null;
    const values = [...employers.values()].map((r) => ({
      epaoId: epao.id,
      employerName: r.employerName,
      contactName: r.employerContactName ?? "Training Manager",
      organisation: r.employerName,
      addressLine1: r.employerAddressLine1 ?? "1 High Street",
      city: r.employerTown ?? "Leeds",
      postcode: r.employerPostcode ?? "LS1 4AP",
      updatedBy: by,
    }));
    if (values.length > 0) await db.insert(postalContacts).values(values).onConflictDoNothing();
    const past = mine.filter((r) => r.status === "epa" || r.status === "graded" || r.status === "certificated").map((r) => r.id);
    if (past.length > 0) await db.update(apprentices).set({ certificateConsentAt: new Date(), certificateConsentBy: by }).where(inArray(apprentices.id, past));
  }
}
