import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./core";
import {
  APPLICATION_STATUSES,
  TRAINING_STATUSES,
  DECLARATION_TYPES,
  DECLARATION_STATES,
  BILLABLE_STATES,
  OUTCOME_STATES,
  ECF_PARTICIPANT_TYPES,
  STATEMENT_STATES,
  PROGRAMMES,
  NPQ_COURSES,
} from "../../lib/domain";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Call-off contract years (2021 = the 2021/22 academic year). */
export const cohorts = pgTable("cohorts", {
  startYear: integer("start_year").primaryKey(),
  registrationStartDate: date("registration_start_date", { mode: "string" }).notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** DfE schedules (loaded from the DfE schedules CSV) with their milestone windows per declaration type. */
export const schedules = pgTable(
  "schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    identifier: text("identifier").notNull(),
    name: text("name").notNull(),
    type: text("type").notNull(),
    cohort: integer("cohort")
      .notNull()
      .references(() => cohorts.startYear),
  },
  (t) => [uniqueIndex("schedules_identifier_cohort_key").on(t.identifier, t.cohort)],
);

export const scheduleMilestones = pgTable(
  "schedule_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    declarationType: text("declaration_type").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    milestoneDate: date("milestone_date", { mode: "string" }),
    paymentDate: date("payment_date", { mode: "string" }),
  },
  (t) => [uniqueIndex("schedule_milestones_type_key").on(t.scheduleId, t.declarationType)],
);

export const deliveryPartners = pgTable("delivery_partners", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** A delivery partner working with a lead provider in a cohort. */
export const partnerships = pgTable(
  "partnerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryPartnerId: uuid("delivery_partner_id")
      .notNull()
      .references(() => deliveryPartners.id),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    cohort: integer("cohort")
      .notNull()
      .references(() => cohorts.startYear),
  },
  (t) => [uniqueIndex("partnerships_key").on(t.deliveryPartnerId, t.leadProviderId, t.cohort)],
);

/** A teacher registered for NPQs (participant_id in the API). */
export const participants = pgTable(
  "participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fullName: text("full_name").notNull(),
    email: text("email"),
    emailValidated: boolean("email_validated").notNull().default(true),
    trn: text("trn"),
    trnValidated: boolean("trn_validated").notNull().default(false),
    previousNames: text("previous_names")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("participants_trn_idx").on(t.trn)],
);

/** A participant's application for a course with one lead provider; once accepted it is also their enrolment. */
export const npqApplications = pgTable(
  "npq_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => participants.id),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    courseIdentifier: text("course_identifier", { enum: NPQ_COURSES }).notNull(),
    cohort: integer("cohort")
      .notNull()
      .references(() => cohorts.startYear),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("pending"),
    reasonForRejection: text("reason_for_rejection"),
    eligibleForFunding: boolean("eligible_for_funding").notNull().default(false),
    fundedPlace: boolean("funded_place"),
    fundingChoice: text("funding_choice"),
    ineligibleForFundingReason: text("ineligible_for_funding_reason"),
    headteacherStatus: text("headteacher_status"),
    employerName: text("employer_name"),
    employmentRole: text("employment_role"),
    schoolUrn: text("school_urn"),
    schoolUkprn: text("school_ukprn"),
    privateChildcareProviderUrn: text("private_childcare_provider_urn"),
    worksInSchool: boolean("works_in_school"),
    targetedDeliveryFundingEligibility: boolean("targeted_delivery_funding_eligibility").notNull().default(false),
    teacherCatchment: boolean("teacher_catchment"),
    teacherCatchmentCountry: text("teacher_catchment_country"),
    teacherCatchmentIsoCountryCode: text("teacher_catchment_iso_country_code"),
    ittProvider: text("itt_provider"),
    leadMentor: boolean("lead_mentor"),
    worksAsSenco: boolean("works_as_senco"),
    sencoStartDate: text("senco_start_date"),
    scheduleId: uuid("schedule_id").references(() => schedules.id),
    trainingStatus: text("training_status", { enum: TRAINING_STATUSES }),
    deferralReason: text("deferral_reason"),
    deferredAt: ts("deferred_at"),
    withdrawalReason: text("withdrawal_reason"),
    withdrawnAt: ts("withdrawn_at"),
    acceptedAt: ts("accepted_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("npq_applications_status_check", sql`${t.status} in (${inList(APPLICATION_STATUSES)})`),
    check("npq_applications_course_check", sql`${t.courseIdentifier} in (${inList(NPQ_COURSES)})`),
    check("npq_applications_training_check", sql`(${t.status} = 'accepted') = (${t.trainingStatus} is not null)`),
    // One accepted application per participant, course and cohort, whichever lead provider: makes concurrent accepts safe.
    uniqueIndex("npq_applications_one_accepted_key")
      .on(t.participantId, t.courseIdentifier, t.cohort)
      .where(sql`${t.status} = 'accepted'`),
    index("npq_applications_lp_created_idx").on(t.leadProviderId, t.createdAt, t.id),
    index("npq_applications_lp_updated_idx").on(t.leadProviderId, t.updatedAt),
    index("npq_applications_participant_idx").on(t.participantId),
  ],
);

/** An early career teacher's or mentor's training record with a lead provider (ECF API v2 "participant"). */
export const ecfProfiles = pgTable(
  "ecf_profiles",
  {
    /** training_record_id in the API. */
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => participants.id),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    participantType: text("participant_type", { enum: ECF_PARTICIPANT_TYPES }).notNull(),
    cohort: integer("cohort")
      .notNull()
      .references(() => cohorts.startYear),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id),
    schoolUrn: text("school_urn").notNull(),
    mentorParticipantId: uuid("mentor_participant_id").references(() => participants.id),
    status: text("status", { enum: ["active", "withdrawn"] })
      .notNull()
      .default("active"),
    trainingStatus: text("training_status", { enum: TRAINING_STATUSES }).notNull().default("active"),
    eligibleForFunding: boolean("eligible_for_funding"),
    pupilPremiumUplift: boolean("pupil_premium_uplift").notNull().default(false),
    sparsityUplift: boolean("sparsity_uplift").notNull().default(false),
    deferralReason: text("deferral_reason"),
    deferredAt: ts("deferred_at"),
    withdrawalReason: text("withdrawal_reason"),
    withdrawnAt: ts("withdrawn_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("ecf_profiles_type_check", sql`${t.participantType} in (${inList(ECF_PARTICIPANT_TYPES)})`),
    uniqueIndex("ecf_profiles_participant_type_key").on(t.participantId, t.participantType),
    index("ecf_profiles_lp_created_idx").on(t.leadProviderId, t.createdAt, t.id),
    index("ecf_profiles_lp_updated_idx").on(t.leadProviderId, t.updatedAt),
  ],
);

export const declarations = pgTable(
  "declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => participants.id),
    /** NPQ declarations belong to an accepted application… */
    applicationId: uuid("application_id").references(() => npqApplications.id),
    /** …ECF declarations to a training record. */
    ecfProfileId: uuid("ecf_profile_id").references(() => ecfProfiles.id),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    courseIdentifier: text("course_identifier").notNull(),
    cohort: integer("cohort").notNull(),
    declarationType: text("declaration_type", { enum: DECLARATION_TYPES }).notNull(),
    declarationDate: ts("declaration_date").notNull(),
    state: text("state", { enum: DECLARATION_STATES }).notNull(),
    hasPassed: boolean("has_passed"),
    /** ECF: the evidence the lead provider holds for the declaration (`evidence_held`), as sent. The API never returns it. */
    evidenceHeld: text("evidence_held"),
    ineligibleForFundingReason: text("ineligible_for_funding_reason"),
    statementId: uuid("statement_id").references(() => statements.id),
    clawbackStatementId: uuid("clawback_statement_id").references(() => statements.id),
    deliveryPartnerId: uuid("delivery_partner_id").references(() => deliveryPartners.id),
    secondaryDeliveryPartnerId: uuid("secondary_delivery_partner_id").references(() => deliveryPartners.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("declarations_state_check", sql`${t.state} in (${inList(DECLARATION_STATES)})`),
    check("declarations_type_check", sql`${t.declarationType} in (${inList(DECLARATION_TYPES)})`),
    check("declarations_owner_check", sql`(${t.applicationId} is null) <> (${t.ecfProfileId} is null)`),
    check("declarations_completed_check", sql`(${t.declarationType} = 'completed') = (${t.hasPassed} is not null) or ${t.courseIdentifier} not like 'npq-%'`),
    // One billable declaration per participant, course and type; a duplicate is stored as ineligible.
    uniqueIndex("declarations_one_billable_key")
      .on(t.participantId, t.courseIdentifier, t.declarationType)
      .where(sql`${t.state} in (${inList(BILLABLE_STATES)})`),
    index("declarations_lp_created_idx").on(t.leadProviderId, t.createdAt, t.id),
    index("declarations_lp_updated_idx").on(t.leadProviderId, t.updatedAt),
    index("declarations_participant_idx").on(t.participantId, t.courseIdentifier),
    index("declarations_statement_idx").on(t.statementId),
  ],
);

export const outcomes = pgTable(
  "outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => participants.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => npqApplications.id),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    declarationId: uuid("declaration_id").references(() => declarations.id),
    courseIdentifier: text("course_identifier").notNull(),
    state: text("state", { enum: OUTCOME_STATES }).notNull(),
    completionDate: date("completion_date", { mode: "string" }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("outcomes_state_check", sql`${t.state} in (${inList(OUTCOME_STATES)})`),
    index("outcomes_lp_created_idx").on(t.leadProviderId, t.createdAt, t.id),
    index("outcomes_participant_idx").on(t.participantId, t.courseIdentifier),
  ],
);

/** A lead provider's monthly financial statement for a cohort. */
export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    programme: text("programme", { enum: PROGRAMMES }).notNull().default("npq"),
    cohort: integer("cohort")
      .notNull()
      .references(() => cohorts.startYear),
    month: integer("month").notNull(),
    year: integer("year").notNull(),
    deadlineDate: date("deadline_date", { mode: "string" }).notNull(),
    paymentDate: date("payment_date", { mode: "string" }).notNull(),
    outputFee: boolean("output_fee").notNull().default(true),
    state: text("state", { enum: STATEMENT_STATES }).notNull().default("open"),
    markedPaidAt: ts("marked_paid_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("statements_month_check", sql`${t.month} between 1 and 12`),
    check("statements_state_check", sql`${t.state} in (${inList(STATEMENT_STATES)})`),
    check("statements_programme_check", sql`${t.programme} in (${inList(PROGRAMMES)})`),
    uniqueIndex("statements_period_key").on(t.leadProviderId, t.programme, t.cohort, t.year, t.month),
    index("statements_lp_payment_idx").on(t.leadProviderId, t.paymentDate),
  ],
);

/** Where DfE merged duplicate participants: the retired id now points at the kept one. */
export const participantIdChanges = pgTable(
  "participant_id_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => participants.id),
    fromParticipantId: uuid("from_participant_id").notNull(),
    toParticipantId: uuid("to_participant_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("participant_id_changes_participant_idx").on(t.participantId)],
);

/** Lead provider API tokens: only a keyed digest is stored; the token is shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    leadProviderId: uuid("lead_provider_id")
      .notNull()
      .references(() => organisations.id),
    description: text("description").notNull(),
    digest: text("digest").notNull(),
    lastFour: text("last_four").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_digest_key").on(t.digest), index("api_tokens_lp_idx").on(t.leadProviderId)],
);

/** Requests per token per 5-minute window (DfE: 1,000 per 5 minutes). */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [uniqueIndex("api_rate_windows_key").on(t.tokenId, t.windowStart)],
);
