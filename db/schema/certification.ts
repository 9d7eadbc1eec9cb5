import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, date } from "drizzle-orm/pg-core";
import { apprentices } from "./apprentices";
import { assessmentAttempts } from "./assessment";
import { organisations, users } from "./core";
import { jobs } from "./jobs";
import { COUNT_MODES, ESFA_KEY_STATUSES, CLAIM_STATES } from "../../lib/domain";

/**
 * Certification (issue #7): each EPAO's countdown settings and ESFA API key, postal contacts for certificates, one
 * certificate claim per record with its state, errors and ESFA reference, and the log of every ESFA call a claim run
 * made (the run itself is a row in `jobs`).
 */

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Per-EPAO countdown: the highest grade is claimed after N days, other grades after the appeal period. */
export const epaoCertificationSettings = pgTable(
  "epao_certification_settings",
  {
    epaoId: uuid("epao_id")
      .primaryKey()
      .references(() => organisations.id),
    highestGradeDays: integer("highest_grade_days").notNull().default(7),
    highestGradeMode: text("highest_grade_mode", { enum: COUNT_MODES }).notNull().default("calendar"),
    otherGradesDays: integer("other_grades_days").notNull().default(20),
    otherGradesMode: text("other_grades_mode", { enum: COUNT_MODES }).notNull().default("working"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("epao_certification_settings_days_check", sql`${t.highestGradeDays} between 0 and 60 and ${t.otherGradesDays} between 0 and 60`),
    check(
      "epao_certification_settings_modes_check",
      sql`${t.highestGradeMode} in (${inList(COUNT_MODES)}) and ${t.otherGradesMode} in (${inList(COUNT_MODES)})`,
    ),
  ],
);

/** The EPAO's ESFA subscription key, encrypted with AES-256-GCM (lib/certification/crypto.ts); only its last 4 shown. */
export const esfaApiKeys = pgTable(
  "esfa_api_keys",
  {
    epaoId: uuid("epao_id")
      .primaryKey()
      .references(() => organisations.id),
    ciphertext: text("ciphertext").notNull(),
    iv: text("iv").notNull(),
    authTag: text("auth_tag").notNull(),
    lastFour: text("last_four").notNull(),
    /**
     * HMAC-SHA256 of the key under the portal's secret (lib/certification/crypto.ts): unique across EPAOs, so one
     * ESFA subscription can be active for one organisation only. Null only on rows stored before it existed.
     */
    keyDigest: text("key_digest"),
    /** active: the last live call accepted it; rejected: ESFA answered 401/403 since (claims are off). */
    status: text("status", { enum: ESFA_KEY_STATUSES }).notNull().default("active"),
    statusMessage: text("status_message"),
    validatedAt: ts("validated_at").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [check("esfa_api_keys_status_check", sql`${t.status} in (${inList(ESFA_KEY_STATUSES)})`), uniqueIndex("esfa_api_keys_digest_key").on(t.keyDigest)],
);

const addressColumns = {
  contactName: text("contact_name").notNull(),
  department: text("department"),
  organisation: text("organisation").notNull(),
  addressLine1: text("address_line1").notNull(),
  addressLine2: text("address_line2"),
  addressLine3: text("address_line3"),
  city: text("city").notNull(),
  postcode: text("postcode").notNull(),
};

/** Where an employer's apprentices' certificates are posted (the EPAO keeps these). */
export const postalContacts = pgTable(
  "postal_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    employerName: text("employer_name").notNull(),
    ...addressColumns,
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("postal_contacts_employer_key").on(t.epaoId, sql`lower(${t.employerName})`)],
);

/** An address for one apprentice's certificate, overriding the employer's. */
export const apprenticePostalContacts = pgTable("apprentice_postal_contacts", {
  apprenticeId: uuid("apprentice_id")
    .primaryKey()
    .references(() => apprentices.id),
  ...addressColumns,
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * The certificate claim of a record: queued when the claim date arrives, in_flight while a runner holds it (a lease
 * like the job queue's: `run_id` and `locked_until`), claimed with ESFA's reference (also when found claimed by hand
 * in the ESFA service), error with ESFA's message until the cause is fixed (which re-queues it). One claim per record
 * and attempt; a certificate reference belongs to one claim only.
 */
export const certificateClaims = pgTable(
  "certificate_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    state: text("state", { enum: CLAIM_STATES }).notNull().default("queued"),
    claimDate: date("claim_date", { mode: "string" }).notNull(),
    /** The record's version when the claim was built; a claim whose record changed since is rebuilt, not sent stale. */
    recordVersion: integer("record_version"),
    runId: uuid("run_id").references(() => jobs.id),
    lockedUntil: ts("locked_until"),
    attempts: integer("attempts").notNull().default(0),
    certificateReference: text("certificate_reference"),
    certificateStatus: text("certificate_status"),
    claimedManually: boolean("claimed_manually").notNull().default(false),
    claimedAt: ts("claimed_at"),
    statusSyncedAt: ts("status_synced_at"),
    lastError: text("last_error"),
    firstErrorAt: ts("first_error_at"),
    lastErrorAt: ts("last_error_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("certificate_claims_state_check", sql`${t.state} in (${inList(CLAIM_STATES)})`),
    check("certificate_claims_claimed_check", sql`(${t.state} = 'claimed') = (${t.certificateReference} is not null)`),
    uniqueIndex("certificate_claims_attempt_key").on(t.attemptId),
    uniqueIndex("certificate_claims_reference_key").on(t.certificateReference),
    // At most one live or successful claim per record.
    uniqueIndex("certificate_claims_record_key")
      .on(t.apprenticeId)
      .where(sql`${t.state} <> 'cancelled'`),
    index("certificate_claims_due_idx").on(t.epaoId, t.state, t.claimDate),
  ],
);

/** Every ESFA call a claim run made (method, path, status, time, items), for the EPAO's run history. */
export const esfaCalls = pgTable(
  "esfa_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => jobs.id),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status"),
    ms: integer("ms").notNull(),
    attempt: integer("attempt").notNull().default(1),
    items: integer("items"),
    error: text("error"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("esfa_calls_run_idx").on(t.runId, t.at)],
);
