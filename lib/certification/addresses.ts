import "server-only";
import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import { apprenticePostalContacts, apprentices, postalContacts, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { diff, recordAudit } from "@/lib/audit/service";
import { db, type Tx, isUniqueViolation } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isUuid } from "@/lib/ids";

/**
 * Where certificates are posted (the `postalContact` of an ESFA claim): the EPAO keeps one address per employer, and
 * may give one apprentice an address of their own, which takes precedence (seams.ts `postalContactFor`). Every EPAO
 * user (admin and staff) manages them for their own organisation.
 */

// ---------------------------------------------------------------- postcodes

/** A well-formed UK postcode (outward code, then inward code), without spaces, upper case. */
const POSTCODE = /^(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)([0-9][ABD-HJLNP-UW-Z]{2})$/;
export const POSTCODE_MESSAGE = "Enter a real UK postcode, like LS1 4AP";

/** "ls14ap" → "LS1 4AP"; null when it is not a well-formed UK postcode. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

// ---------------------------------------------------------------- address fields

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const required = (message: string, max = 100) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: message })
      .trim()
      .min(1, { error: message })
      .max(max, { error: `Must be ${max} characters or fewer` }),
  );
const optional = (max = 100) =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(max, { error: `Must be ${max} characters or fewer` })
        .optional(),
    )
    .transform((v) => v || null);

export const addressSchema = z.object({
  contactName: required("Enter the name of the person the certificate is addressed to"),
  department: optional(),
  organisation: required("Enter the organisation name"),
  addressLine1: required("Enter the first line of the address"),
  addressLine2: optional(),
  addressLine3: optional(),
  city: required("Enter the town or city"),
  postcode: z.preprocess(
    blankToUndefined,
    z.string({ error: "Enter the postcode" }).transform((v, ctx) => {
      const normalised = normalisePostcode(v);
      if (!normalised) {
        ctx.addIssue({ code: "custom", message: POSTCODE_MESSAGE });
        return z.NEVER;
      }
      return normalised;
    }),
  ),
});
export type AddressInput = z.input<typeof addressSchema>;
export type Address = z.output<typeof addressSchema>;

const ADDRESS_LABELS: Record<keyof Address, string> = {
  contactName: "contact",
  department: "department",
  organisation: "organisation",
  addressLine1: "address line 1",
  addressLine2: "address line 2",
  addressLine3: "address line 3",
  city: "town or city",
  postcode: "postcode",
};

const pickAddress = (row: Address): Address => ({
  contactName: row.contactName,
  department: row.department,
  organisation: row.organisation,
  addressLine1: row.addressLine1,
  addressLine2: row.addressLine2,
  addressLine3: row.addressLine3,
  city: row.city,
  postcode: row.postcode,
});

/** "Pat Jones, Acme Ltd, 1 High Street, Leeds LS1 4AP" */
export function addressLine(a: Address): string {
  return [a.contactName, a.department, a.organisation, a.addressLine1, a.addressLine2, a.addressLine3, `${a.city} ${a.postcode}`].filter(Boolean).join(", ");
}

const DUPLICATE_EMPLOYER = "There is already an address for this employer: change that one instead";

/** Statuses whose records are on their way to a certificate (the list of employers still needing an address). */
const CERTIFICATION_STATUSES = ["epa", "graded"] as const;

// ---------------------------------------------------------------- employer contacts

export type PostalContactRow = Awaited<ReturnType<typeof listPostalContacts>>[number];

/** The EPAO's employer contacts, by employer name, each with the number of the EPAO's (not withdrawn) records at that employer. */
export async function listPostalContacts(actor: UserActor) {
  assertCan(actor, "certification.addresses");
  const records = db()
    .select({ employer: sql<string>`lower(${apprentices.employerName})`.as("employer"), records: sql<number>`count(*)::int`.as("records") })
    .from(apprentices)
    .where(and(eq(apprentices.epaoId, actor.organisationId), sql`${apprentices.status} <> 'withdrawn'`))
    .groupBy(sql`lower(${apprentices.employerName})`)
    .as("records");
  const rows = await db()
    .select({ contact: postalContacts, updatedBy: users.name, records: sql<number>`coalesce(${records.records}, 0)` })
    .from(postalContacts)
    .leftJoin(records, sql`${records.employer} = lower(${postalContacts.employerName})`)
    .leftJoin(users, eq(users.id, postalContacts.updatedBy))
    .where(eq(postalContacts.epaoId, actor.organisationId))
    .orderBy(sql`lower(${postalContacts.employerName})`, asc(postalContacts.id));
  return rows.map((r) => ({
    id: r.contact.id,
    version: r.contact.version,
    employerName: r.contact.employerName,
    ...pickAddress(r.contact),
    records: Number(r.records),
    updatedAt: r.contact.updatedAt,
    updatedBy: r.updatedBy,
  }));
}

/**
 * Employers of the EPAO's records in end-point assessment or graded whose certificates have nowhere to go: no employer
 * contact, and the record has no address of its own. With how many such records each has.
 */
export async function employersWithoutContact(actor: UserActor) {
  assertCan(actor, "certification.addresses");
  const rows = await db()
    .select({ employerName: sql<string>`min(${apprentices.employerName})`, records: sql<number>`count(*)::int` })
    .from(apprentices)
    .where(
      and(
        eq(apprentices.epaoId, actor.organisationId),
        inArray(apprentices.status, [...CERTIFICATION_STATUSES]),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(postalContacts)
            .where(and(eq(postalContacts.epaoId, actor.organisationId), sql`lower(${postalContacts.employerName}) = lower(${apprentices.employerName})`)),
        ),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(apprenticePostalContacts)
            .where(eq(apprenticePostalContacts.apprenticeId, apprentices.id)),
        ),
      ),
    )
    .groupBy(sql`lower(${apprentices.employerName})`)
    .orderBy(sql`lower(${apprentices.employerName})`)
    .limit(1000);
  return rows.map((r) => ({ employerName: r.employerName, records: Number(r.records) }));
}

export const postalContactSchema = addressSchema.extend({
  id: z.preprocess(blankToUndefined, z.string().optional()),
  version: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  employerName: required("Enter the employer's name, as it is on the apprentices' records", 200),
});

/** Create (no id) or change (id and the version the form was loaded with) an employer contact. */
export async function savePostalContact(actor: UserActor, input: unknown) {
  assertCan(actor, "certification.addresses");
  const { id, version, employerName, ...fields } = parseInput(postalContactSchema, input);
  const address = pickAddress(fields);
  try {
    return await db().transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: postalContacts.id })
        .from(postalContacts)
        .where(and(eq(postalContacts.epaoId, actor.organisationId), sql`lower(${postalContacts.employerName}) = lower(${employerName})`));
      if (clash && clash.id !== id) throw new ValidationError({ employerName: DUPLICATE_EMPLOYER });
      const now = new Date();
      if (id === undefined) {
        const [row] = await tx
          .insert(postalContacts)
          .values({ epaoId: actor.organisationId, employerName, ...address, updatedBy: actor.userId, updatedAt: now })
          .returning();
        await recordAudit(tx, actor, {
          action: "postal_contact.created",
          entityType: "postal_contact",
          entityId: row!.id,
          summary: `Added the certificate address for ${employerName}: ${addressLine(address)}`,
          after: { employerName, ...address },
        });
        return row!;
      }
      const current = await lockContact(tx, actor, id);
      if (version === undefined || current.version !== version) throw new ConflictError();
      const before = { employerName: current.employerName, ...pickAddress(current) };
      const change = diff(before, { employerName, ...address });
      if (!change.changed) return current;
      const [row] = await tx
        .update(postalContacts)
        .set({ employerName, ...address, updatedBy: actor.userId, updatedAt: now, version: current.version + 1 })
        .where(eq(postalContacts.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: "postal_contact.updated",
        entityType: "postal_contact",
        entityId: id,
        summary: `Changed the certificate address for ${employerName} (${Object.keys(change.after)
          .map((k) => (k === "employerName" ? "employer name" : ADDRESS_LABELS[k as keyof Address]))
          .join(", ")})`,
        before: change.before,
        after: change.after,
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "postal_contacts_employer_key")) throw new ValidationError({ employerName: DUPLICATE_EMPLOYER });
    throw error;
  }
}

async function lockContact(tx: Tx, actor: UserActor, id: string) {
  if (!isUuid(id)) throw new NotFoundError("Address not found.");
  return oneOrNotFound(
    tx
      .select()
      .from(postalContacts)
      .where(and(eq(postalContacts.id, id), eq(postalContacts.epaoId, actor.organisationId)))
      .for("update"),
    "Address not found.",
  );
}

export async function deletePostalContact(actor: UserActor, input: { id: string }): Promise<void> {
  assertCan(actor, "certification.addresses");
  await db().transaction(async (tx) => {
    const row = await lockContact(tx, actor, input?.id);
    await tx.delete(postalContacts).where(eq(postalContacts.id, row.id));
    await recordAudit(tx, actor, {
      action: "postal_contact.deleted",
      entityType: "postal_contact",
      entityId: row.id,
      summary: `Removed the certificate address for ${row.employerName}`,
      before: { employerName: row.employerName, ...pickAddress(row) },
    });
  });
}

// ---------------------------------------------------------------- one apprentice's own address

/** The EPAO's own record, locked; anyone else's is not found. */
async function lockOwnRecord(tx: Tx, actor: UserActor, apprenticeId: unknown) {
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return oneOrNotFound(
    tx
      .select({
        id: apprentices.id,
        epaoId: apprentices.epaoId,
        employerName: apprentices.employerName,
        givenNames: apprentices.givenNames,
        familyName: apprentices.familyName,
      })
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), eq(apprentices.epaoId, actor.organisationId)))
      .for("update"),
    "Apprentice record not found.",
  );
}

/** A record's certificate address as the EPAO sees it: its own (if set) and the employer's. */
export async function certificateAddressOf(actor: UserActor, apprenticeId: string) {
  assertCan(actor, "certification.addresses");
  return db().transaction(async (tx) => {
    if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
    const record = await oneOrNotFound(
      tx
        .select({ id: apprentices.id, employerName: apprentices.employerName })
        .from(apprentices)
        .where(and(eq(apprentices.id, apprenticeId), eq(apprentices.epaoId, actor.organisationId))),
      "Apprentice record not found.",
    );
    const [own] = await tx.select().from(apprenticePostalContacts).where(eq(apprenticePostalContacts.apprenticeId, apprenticeId));
    const [employer] = await tx
      .select()
      .from(postalContacts)
      .where(and(eq(postalContacts.epaoId, actor.organisationId), sql`lower(${postalContacts.employerName}) = lower(${record.employerName})`));
    return {
      own: own ? pickAddress(own) : null,
      employer: employer ? { id: employer.id, employerName: employer.employerName, ...pickAddress(employer) } : null,
    };
  });
}

export const apprenticeAddressSchema = addressSchema.extend({ apprenticeId: z.string() });

/** Give one record an address of its own (it takes precedence over the employer's). */
export async function setApprenticePostalContact(actor: UserActor, input: unknown) {
  assertCan(actor, "certification.addresses");
  const apprenticeId = (input as { apprenticeId?: unknown } | null)?.apprenticeId;
  return db().transaction(async (tx) => {
    // Access first: another organisation's record is not found, whatever the address says.
    const record = await lockOwnRecord(tx, actor, apprenticeId);
    const address = pickAddress(parseInput(apprenticeAddressSchema, input));
    const [current] = await tx.select().from(apprenticePostalContacts).where(eq(apprenticePostalContacts.apprenticeId, record.id));
    const change = current ? diff(pickAddress(current), address) : { before: {}, after: address, changed: true };
    if (!change.changed) return address;
    const now = new Date();
    await tx
      .insert(apprenticePostalContacts)
      .values({ apprenticeId: record.id, ...address, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: apprenticePostalContacts.apprenticeId, set: { ...address, updatedBy: actor.userId, updatedAt: now } });
    await recordAudit(tx, actor, {
      action: current ? "certificate_address.changed" : "certificate_address.set",
      entityType: "apprentice",
      entityId: record.id,
      summary: current
        ? `Changed ${record.givenNames} ${record.familyName}'s own certificate address: ${addressLine(address)}`
        : `Gave ${record.givenNames} ${record.familyName} a certificate address of their own (instead of the employer's): ${addressLine(address)}`,
      before: current ? change.before : null,
      after: change.after,
    });
    return address;
  });
}

/** Remove a record's own address: its certificate goes to the employer's address again. */
export async function clearApprenticePostalContact(actor: UserActor, input: { apprenticeId: string }): Promise<void> {
  assertCan(actor, "certification.addresses");
  await db().transaction(async (tx) => {
    const record = await lockOwnRecord(tx, actor, input?.apprenticeId);
    const [removed] = await tx.delete(apprenticePostalContacts).where(eq(apprenticePostalContacts.apprenticeId, record.id)).returning();
    if (!removed) return;
    await recordAudit(tx, actor, {
      action: "certificate_address.cleared",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Removed ${record.givenNames} ${record.familyName}'s own certificate address: the certificate goes to the employer's address`,
      before: pickAddress(removed),
    });
  });
}
