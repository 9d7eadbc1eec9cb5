import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apprentices } from "./apprentices";
import { assessmentComponents, organisations, standards, users } from "./core";
import { EVIDENCE_PURPOSES, GATEWAY_STATUSES, EVIDENCE_REQUEST_STATUSES, ATTEMPT_KINDS, RESIT_STATUSES, APPEAL_STATUSES } from "../../lib/domain";

/**
 * End-point assessment (issue #6): gateway checklists and submissions with their evidence files, evidence requests,
 * documents EPAOs share, assessment attempts with component grades, resit/retake requests and appeals. Every change
 * is also an audit event on the apprentice (entity "apprentice"), which is the record's timeline.
 */

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What a standard's gateway asks for (e.g. English and maths, portfolio, employer declaration). */
export const gatewayChecklistItems = pgTable(
  "gateway_checklist_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    guidance: text("guidance"),
    mandatory: boolean("mandatory").notNull().default(true),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("gateway_checklist_items_standard_code_key").on(t.standardId, t.code)],
);

/**
 * A file a provider uploaded for an apprentice: gateway evidence for a checklist item, or an answer to an evidence
 * request. The bytes live in lib/storage under `storage_key` (generated, never from user input) with a checksum.
 * Files already part of a submitted gateway round are kept (removing only hides them from the next round).
 */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    purpose: text("purpose", { enum: EVIDENCE_PURPOSES }).notNull(),
    checklistItemId: uuid("checklist_item_id").references(() => gatewayChecklistItems.id),
    evidenceRequestId: uuid("evidence_request_id"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: ts("uploaded_at").notNull().defaultNow(),
    removedAt: ts("removed_at"),
  },
  (t) => [
    check("evidence_files_purpose_check", sql`${t.purpose} in (${inList(EVIDENCE_PURPOSES)})`),
    check(
      "evidence_files_target_check",
      sql`(${t.purpose} = 'gateway' and ${t.checklistItemId} is not null) or (${t.purpose} = 'evidence_request' and ${t.evidenceRequestId} is not null)`,
    ),
    uniqueIndex("evidence_files_storage_key").on(t.storageKey),
    index("evidence_files_apprentice_idx").on(t.apprenticeId, t.uploadedAt),
  ],
);

export type GatewayItemSnapshot = {
  itemId: string;
  code: string;
  title: string;
  mandatory: boolean;
  files: { id: string; fileName: string }[];
  /** The EPAO's decision on this item when it reviewed the round. */
  decision?: "accepted" | "rejected";
  reason?: string | null;
};

/** One gateway round: what the provider submitted (files per item, frozen) and the EPAO's decision. Every round is kept. */
export const gatewaySubmissions = pgTable(
  "gateway_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    round: integer("round").notNull(),
    status: text("status", { enum: GATEWAY_STATUSES }).notNull().default("submitted"),
    items: jsonb("items").$type<GatewayItemSnapshot[]>().notNull(),
    declaration: text("declaration"),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: ts("submitted_at").notNull().defaultNow(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: ts("reviewed_at"),
    reviewNote: text("review_note"),
  },
  (t) => [
    check("gateway_submissions_status_check", sql`${t.status} in (${inList(GATEWAY_STATUSES)})`),
    uniqueIndex("gateway_submissions_round_key").on(t.apprenticeId, t.round),
    // At most one round waiting for review per apprentice.
    uniqueIndex("gateway_submissions_open_key")
      .on(t.apprenticeId)
      .where(sql`${t.status} = 'submitted'`),
    index("gateway_submissions_status_idx").on(t.status, t.submittedAt),
  ],
);

/** An EPAO asks the provider for more evidence by a due date; the provider answers with files and a note. */
export const evidenceRequests = pgTable(
  "evidence_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    message: text("message").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status", { enum: EVIDENCE_REQUEST_STATUSES }).notNull().default("open"),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    answerNote: text("answer_note"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: ts("answered_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    closedAt: ts("closed_at"),
  },
  (t) => [
    check("evidence_requests_status_check", sql`${t.status} in (${inList(EVIDENCE_REQUEST_STATUSES)})`),
    index("evidence_requests_apprentice_idx").on(t.apprenticeId, t.requestedAt),
    index("evidence_requests_epao_status_idx").on(t.epaoId, t.status, t.dueDate),
  ],
);

/** Documents an EPAO shares per standard (assessment plans, guidance) with its linked providers and its assessors. */
export const sharedDocuments = pgTable(
  "shared_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    epaoId: uuid("epao_id")
      .notNull()
      .references(() => organisations.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    title: text("title").notNull(),
    description: text("description"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: ts("uploaded_at").notNull().defaultNow(),
    removedAt: ts("removed_at"),
  },
  (t) => [uniqueIndex("shared_documents_storage_key").on(t.storageKey), index("shared_documents_epao_standard_idx").on(t.epaoId, t.standardId)],
);

/**
 * One go at end-point assessment. The first starts when the gateway is approved; an approved resit or retake starts
 * another. Its overall grade is provisional (derived from the component grades) until an EPAO user confirms it:
 * then `overall_grade` is set and locked, with the achievement date. `version` guards confirm and unlock.
 */
export const assessmentAttempts = pgTable(
  "assessment_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    number: integer("number").notNull(),
    kind: text("kind", { enum: ATTEMPT_KINDS }).notNull().default("first"),
    /** Resits and retakes: the components re-assessed (the others carry over). */
    components: text("components").array(),
    overallGrade: text("overall_grade"),
    achievementDate: date("achievement_date", { mode: "string" }),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: ts("confirmed_at"),
    startedAt: ts("started_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("assessment_attempts_kind_check", sql`${t.kind} in (${inList(ATTEMPT_KINDS)})`),
    check("assessment_attempts_confirmed_check", sql`(${t.overallGrade} is null) = (${t.confirmedAt} is null)`),
    uniqueIndex("assessment_attempts_number_key").on(t.apprenticeId, t.number),
    index("assessment_attempts_confirmed_idx").on(t.confirmedAt),
  ],
);

/** A component's grade in an attempt: recorded by the assigned assessor, locked once the overall grade is confirmed. */
export const componentGrades = pgTable(
  "component_grades",
  {
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id, { onDelete: "cascade" }),
    componentId: uuid("component_id")
      .notNull()
      .references(() => assessmentComponents.id),
    grade: text("grade").notNull(),
    assessedOn: date("assessed_on", { mode: "string" }).notNull(),
    /** Carried over from the previous attempt (a resit re-assesses only the failed components). */
    carriedOver: boolean("carried_over").notNull().default(false),
    locked: boolean("locked").notNull().default(false),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.componentId] })],
);

/** After a fail the provider asks for a resit (no further learning) or a retake (further learning) of failed components. */
export const resitRequests = pgTable(
  "resit_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id),
    kind: text("kind", { enum: ["resit", "retake"] }).notNull(),
    components: text("components").array().notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: RESIT_STATUSES }).notNull().default("requested"),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
    declineReason: text("decline_reason"),
    newAttemptId: uuid("new_attempt_id").references(() => assessmentAttempts.id),
  },
  (t) => [
    check("resit_requests_status_check", sql`${t.status} in (${inList(RESIT_STATUSES)})`),
    check("resit_requests_kind_check", sql`${t.kind} in ('resit', 'retake')`),
    uniqueIndex("resit_requests_open_key")
      .on(t.apprenticeId)
      .where(sql`${t.status} = 'requested'`),
    index("resit_requests_status_idx").on(t.status, t.requestedAt),
  ],
);

/** An appeal against a confirmed grade, lodged within the appeal window; an open appeal pauses certification. */
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apprenticeId: uuid("apprentice_id")
      .notNull()
      .references(() => apprentices.id),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id),
    grounds: text("grounds").notNull(),
    lodgedOnBehalfOfApprentice: boolean("lodged_on_behalf_of_apprentice").notNull().default(false),
    status: text("status", { enum: APPEAL_STATUSES }).notNull().default("open"),
    lodgedBy: uuid("lodged_by").references(() => users.id),
    lodgedAt: ts("lodged_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
    decisionNotes: text("decision_notes"),
    previousGrade: text("previous_grade"),
    newGrade: text("new_grade"),
  },
  (t) => [
    check("appeals_status_check", sql`${t.status} in (${inList(APPEAL_STATUSES)})`),
    uniqueIndex("appeals_open_key")
      .on(t.apprenticeId)
      .where(sql`${t.status} = 'open'`),
    index("appeals_status_idx").on(t.status, t.lodgedAt),
  ],
);
