import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, standards, users } from "./core";
import { LINK_STATUSES, APPRENTICE_STATUSES, EPAO_CHANGE_STATUSES, BULK_UPLOAD_STATUSES, NOTIFICATION_EVENTS } from "../../lib/domain";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** Standards an EPAO assesses (chosen by the EPAO from the catalogue). */
export const epaoStandards = pgTable(
  "epao_standards",
  {
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.epaoId, t.standardId] }), index("epao_standards_standard_idx").on(t.standardId)],
);

/** Standards a user works on (EPAO admins assign them to assessors and staff). */
export const userStandards = pgTable(
  "user_standards",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.standardId] })],
);

/** A training provider's working link with an EPAO, for one or more standards. */
export const providerLinks = pgTable(
  "provider_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status", { enum: LINK_STATUSES }).notNull().default("requested"),
    message: text("message"),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    respondedBy: uuid("responded_by").references(() => users.id),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    endedBy: uuid("ended_by").references(() => users.id),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("provider_links_status_check", sql`${t.status} in (${inList(LINK_STATUSES)})`),
    // At most one open (requested or active) link between a provider and an EPAO.
    uniqueIndex("provider_links_open_key")
      .on(t.providerId, t.epaoId)
      .where(sql`${t.status} in ('requested', 'active')`),
    index("provider_links_epao_idx").on(t.epaoId, t.status),
  ],
);

export const providerLinkStandards = pgTable(
  "provider_link_standards",
  {
    linkId: uuid("link_id")
      .notNull()
      .references(() => providerLinks.id, { onDelete: "cascade" }),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.standardId] })],
);

export const apprentices = pgTable(
  "apprentices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uln: text("uln").notNull(),
    givenNames: text("given_names").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    email: text("email"),
    employerName: text("employer_name").notNull(),
    employerContactName: text("employer_contact_name"),
    employerContactEmail: text("employer_contact_email"),
    employerAddressLine1: text("employer_address_line1"),
    employerAddressLine2: text("employer_address_line2"),
    employerTown: text("employer_town"),
    employerPostcode: text("employer_postcode"),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    standardVersion: text("standard_version").notNull(),
    standardOption: text("standard_option"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    plannedEndDate: date("planned_end_date", { mode: "string" }).notNull(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    assessorId: uuid("assessor_id").references(() => users.id),
    status: text("status", { enum: APPRENTICE_STATUSES }).notNull().default("in_training"),
    /** The status to return to when a break in learning ends. */
    statusBeforeBreak: text("status_before_break", { enum: APPRENTICE_STATUSES }),
    breakStartDate: date("break_start_date", { mode: "string" }),
    breakExpectedReturnDate: date("break_expected_return_date", { mode: "string" }),
    withdrawnDate: date("withdrawn_date", { mode: "string" }),
    withdrawalReason: text("withdrawal_reason"),
    bulkUploadId: uuid("bulk_upload_id"),
    /** The apprentice's permission for the EPAO to claim the certificate (recorded by an EPAO user). */
    certificateConsentAt: timestamp("certificate_consent_at", { withTimezone: true }),
    certificateConsentBy: uuid("certificate_consent_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("apprentices_uln_check", sql`${t.uln} ~ '^[0-9]{10}$'`),
    check("apprentices_status_check", sql`${t.status} in (${inList(APPRENTICE_STATUSES)})`),
    check("apprentices_dates_check", sql`${t.plannedEndDate} > ${t.startDate}`),
    check("apprentices_withdrawn_check", sql`(${t.status} = 'withdrawn') = (${t.withdrawnDate} is not null)`),
    // The same ULN cannot have two active (not withdrawn) records on the same standard.
    uniqueIndex("apprentices_active_uln_standard_key")
      .on(t.uln, t.standardId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index("apprentices_epao_list_idx").on(t.epaoId, t.standardId, t.status, sql`lower(${t.familyName})`, t.id),
    index("apprentices_epao_name_idx").on(t.epaoId, sql`lower(${t.familyName})`, t.id),
    // EPAO queues by status (e.g. provisional grades to confirm among records in EPA), in name order.
    index("apprentices_epao_status_name_idx").on(t.epaoId, t.status, sql`lower(${t.familyName})`, t.id),
    index("apprentices_provider_list_idx").on(t.providerId, t.standardId, t.status, sql`lower(${t.familyName})`, t.id),
    index("apprentices_provider_name_idx").on(t.providerId, sql`lower(${t.familyName})`, t.id),
    index("apprentices_assessor_idx").on(t.assessorId, sql`lower(${t.familyName})`, t.id),
    index("apprentices_uln_idx").on(t.uln),
  ],
);

/** A provider's request to move a record to another EPAO; the new EPAO accepts or declines. History is kept. */
export const epaoChanges = pgTable(
  "epao_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    fromEpaoId: uuid("from_epao_id")
      .notNull()
      .references(() => organisations.id),
    toEpaoId: uuid("to_epao_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status", { enum: EPAO_CHANGE_STATUSES }).notNull().default("requested"),
    reason: text("reason").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    respondedBy: uuid("responded_by").references(() => users.id),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
  },
  (t) => [
    check("epao_changes_status_check", sql`${t.status} in (${inList(EPAO_CHANGE_STATUSES)})`),
    uniqueIndex("epao_changes_open_key")
      .on(t.apprenticeId)
      .where(sql`${t.status} = 'requested'`),
    index("epao_changes_to_idx").on(t.toEpaoId, t.status),
  ],
);

/** A provider's CSV upload: validated first (every problem listed), imported only on confirmation. */
export const bulkUploads = pgTable(
  "bulk_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    filename: text("filename").notNull(),
    content: text("content").notNull(),
    status: text("status", { enum: BULK_UPLOAD_STATUSES }).notNull().default("validated"),
    totalRows: integer("total_rows").notNull(),
    validRows: integer("valid_rows").notNull(),
    errors: jsonb("errors").$type<{ line: number; column: string; message: string }[]>().notNull(),
    importedRows: integer("imported_rows"),
    importedAt: timestamp("imported_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("bulk_uploads_status_check", sql`${t.status} in (${inList(BULK_UPLOAD_STATUSES)})`),
    index("bulk_uploads_provider_idx").on(t.providerId, t.createdAt),
  ],
);

/** Which events a user wants emails about (sending comes later). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    event: text("event", { enum: NOTIFICATION_EVENTS }).notNull(),
    enabled: boolean("enabled").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.event] }), check("notification_preferences_event_check", sql`${t.event} in (${inList(NOTIFICATION_EVENTS)})`)],
);
