import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ORGANISATION_TYPES, ROLES } from "../../lib/domain";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type", { enum: ORGANISATION_TYPES }).notNull(),
    name: text("name").notNull(),
    /** EPAO id (EPA0001), UKPRN (8 digits) for training providers, a short code for lead providers. */
    code: text("code").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisations_type_code_key").on(t.type, t.code),
    check("organisations_type_check", sql`${t.type} in (${inList(ORGANISATION_TYPES)})`),
    check(
      "organisations_code_check",
      sql`(${t.type} <> 'epao' or ${t.code} ~ '^EPA[0-9]{4}$') and (${t.type} <> 'training_provider' or ${t.code} ~ '^1[0-9]{7}$')`,
    ),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastSignedInAt: timestamp("last_signed_in_at", { withTimezone: true }),
    /** Bumped on every change so stale edit forms are refused (optimistic concurrency). */
    version: integer("version").notNull().default(1),
    /**
     * Bumped when the user signs out, changes password or is signed out everywhere: session tokens carry the version
     * they were issued at, and getActor() refuses a token whose version is no longer current.
     */
    sessionVersion: integer("session_version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_organisation_idx").on(t.organisationId),
    check("users_role_check", sql`${t.role} in (${inList(ROLES)})`),
    check("users_email_lowercase_check", sql`${t.email} = lower(${t.email})`),
  ],
);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.attemptedAt), index("sign_in_attempts_ip_idx").on(t.ip, t.attemptedAt)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** The organisation whose activity log shows this event. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    /** Who did it, as shown in logs even if the user is later renamed (e.g. "Ann Smith (EPAO admin)", "API token …abcd", "system"). */
    actorLabel: text("actor_label").notNull(),
    actorOrganisationId: uuid("actor_organisation_id").references(() => organisations.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    summary: text("summary").notNull(),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
  },
  (t) => [
    index("audit_events_org_time_idx").on(t.organisationId, t.occurredAt.desc(), t.id.desc()),
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.occurredAt),
  ],
);

export const standards = pgTable(
  "standards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull(),
    larsCode: integer("lars_code").notNull(),
    title: text("title").notNull(),
    level: integer("level").notNull(),
    versions: text("versions").array().notNull(),
    options: text("options")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Ordered lowest to highest; the last is the highest overall grade. */
    overallGrades: text("overall_grades").array().notNull(),
    gradingRule: jsonb("grading_rule").$type<{ combinations: { when: Record<string, string>; overall: string }[]; fallback: string }>().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("standards_reference_key").on(t.reference),
    uniqueIndex("standards_lars_code_key").on(t.larsCode),
    check("standards_reference_check", sql`${t.reference} ~ '^ST[0-9]{4}$'`),
    check("standards_level_check", sql`${t.level} between 1 and 8`),
    check("standards_grades_check", sql`cardinality(${t.overallGrades}) >= 2 and cardinality(${t.versions}) >= 1`),
  ],
);

export const assessmentComponents = pgTable(
  "assessment_components",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    grades: text("grades").array().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("assessment_components_standard_code_key").on(t.standardId, t.code)],
);
