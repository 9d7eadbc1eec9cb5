import "server-only";
import type { DECLARATION_STATES, ECF_PARTICIPANT_TYPES, TRAINING_STATUSES } from "@/lib/domain";
import type { DFE_ENUMS } from "@/lib/dfe/api-schemas";
import { message } from "@/lib/api/messages";
import { fromLondonWallClock } from "@/lib/calendar/london";
import { isRealWallClock, parseDeclarationDate } from "@/lib/dfe/declarations";
import { rfc3339 } from "@/lib/dfe/serialize";

/**
 * DfE ECF API v2 shapes (tests/fixtures/dfe/ecf-api-v2.json: ECFParticipant, ParticipantDeclarationResponse), the
 * NPQ-locale strings the ECF services answer with, courses and participant types, and ECF's reading of a
 * declaration_date. What ECF shares with NPQ is in lib/dfe.
 */

/** The documented ECF course identifiers (ecf-induction, ecf-mentor). */
export type EcfCourse = (typeof DFE_ENUMS.ecfCourseIdentifier)[number];
export type EcfParticipantType = (typeof ECF_PARTICIPANT_TYPES)[number];

/** ecf-induction is an ECT's course, ecf-mentor a mentor's. */
export function participantTypeFor(course: string | null): EcfParticipantType | null {
  if (course === "ecf-induction") return "ect";
  if (course === "ecf-mentor") return "mentor";
  return null;
}
export const courseFor = (type: EcfParticipantType): EcfCourse => (type === "ect" ? "ecf-induction" : "ecf-mentor");

/** The NPQ-locale strings the ECF service shares word for word, filled for ECF's attributes. */
export const SHARED_MESSAGES = {
  invalid_participant: message("participant_id.invalid_participant"),
  invalid_course: message("participant_course_identifier.inclusion", { parameterized_attribute: "course_identifier" }),
  missing_course_identifier: message("participant_course_identifier.blank", { parameterized_attribute: "course_identifier" }),
  missing_reason: message("participant_reason.blank", { parameterized_attribute: "reason" }),
  invalid_reason: message("participant_reason.inclusion", { parameterized_attribute: "reason" }),
  already_active: message("participant_id.already_active"),
  already_deferred: message("participant_id.already_deferred"),
  already_withdrawn: message("participant_id.already_withdrawn"),
  invalidates_declaration: message("schedule_identifier.invalidates_declaration"),
  missing_declaration_date: message("declaration_date.blank", { parameterized_attribute: "declaration_date" }),
  missing_declaration_type: message("declaration_type.blank", { parameterized_attribute: "declaration_type" }),
  future_declaration_date: message("declaration_date.future_declaration_date", { parameterized_attribute: "declaration_date" }),
  mismatch_declaration_type_for_schedule: message("declaration_type.mismatch_declaration_type_for_schedule", { parameterized_attribute: "declaration_type" }),
  already_voided: message("declaration.already_voided"),
  noOutputFeeStatement: (cohort: number) => message("statement.no_output_fee_statement", { cohort: String(cohort) }),
  withdrawnBefore: (withdrawnAt: Date) => message("participant_id.declaration_must_be_before_withdrawal_date", { withdrawal_date: rfc3339(withdrawnAt) }),
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A declaration_date as DfE's Rails attribute reads it: `date` is the instant (null when the value cannot be read
 * as a date, which DfE reports as missing) and `rfc3339` whether it passes DfE's format check. Without an offset
 * the time is London time; a bare date is London midnight (readable, but not RFC 3339).
 */
export function readDeclarationDate(raw: unknown): { date: Date | null; rfc3339: boolean } {
  if (typeof raw !== "string" || raw.trim() === "") return { date: null, rfc3339: false };
  const date = parseDeclarationDate(raw);
  if (date) return { date, rfc3339: true };
  const d = DATE_ONLY.exec(raw.trim());
  if (d) {
    const [year, month, day] = d.slice(1, 4).map(Number) as [number, number, number];
    return isRealWallClock(year, month, day) ? { date: fromLondonWallClock(Date.UTC(year, month - 1, day)), rfc3339: false } : { date: null, rfc3339: false };
  }
  return { date: null, rfc3339: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Participants

/** A training record with what its ECF v2 representation needs (see lib/ecf/participants.ts). */
export type EcfParticipantRecord = {
  participantId: string;
  trainingRecordId: string;
  email: string | null;
  fullName: string;
  mentorId: string | null;
  schoolUrn: string;
  participantType: EcfParticipantType;
  cohort: number;
  status: "active" | "withdrawn";
  trn: string | null;
  trnValidated: boolean;
  eligibleForFunding: boolean | null;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
  trainingStatus: (typeof TRAINING_STATUSES)[number];
  scheduleIdentifier: string;
  createdAt: Date;
  updatedAt: Date;
};

export type EcfParticipantAttributes = {
  email: string | null;
  full_name: string;
  mentor_id: string | null;
  school_urn: string;
  participant_type: EcfParticipantType;
  cohort: string;
  status: "active" | "withdrawn";
  teacher_reference_number: string | null;
  teacher_reference_number_validated: boolean | null;
  eligible_for_funding: boolean | null;
  pupil_premium_uplift: boolean;
  sparsity_uplift: boolean;
  training_status: (typeof TRAINING_STATUSES)[number];
  training_record_id: string;
  schedule_identifier: string;
  updated_at: string;
};

/**
 * ECFParticipant. As DfE's ParticipantFromInductionRecordSerializer: the email is hidden once the participant is
 * withdrawn, mentor_id is only for ECTs, and the TRN's validation is null when there is no TRN.
 */
export function serializeEcfParticipant(r: EcfParticipantRecord): { id: string; type: "participant"; attributes: EcfParticipantAttributes } {
  const withdrawn = r.trainingStatus === "withdrawn" || r.status === "withdrawn";
  return {
    id: r.participantId,
    type: "participant",
    attributes: {
      email: withdrawn ? null : r.email,
      full_name: r.fullName,
      mentor_id: r.participantType === "ect" ? r.mentorId : null,
      school_urn: r.schoolUrn,
      participant_type: r.participantType,
      cohort: String(r.cohort),
      status: r.status,
      teacher_reference_number: r.trn,
      teacher_reference_number_validated: r.trn === null ? null : r.trnValidated,
      eligible_for_funding: r.eligibleForFunding,
      pupil_premium_uplift: r.pupilPremiumUplift,
      sparsity_uplift: r.sparsityUplift,
      training_status: r.trainingStatus,
      training_record_id: r.trainingRecordId,
      schedule_identifier: r.scheduleIdentifier,
      updated_at: rfc3339(r.updatedAt),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations

export type EcfDeclarationRecord = {
  id: string;
  participantId: string;
  trainingRecordId: string;
  courseIdentifier: string;
  cohort: number;
  declarationType: string;
  declarationDate: Date;
  state: (typeof DECLARATION_STATES)[number];
  statementId: string | null;
  clawbackStatementId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The v2 API writes states as DfE's ECF serializer does (`current_state.dasherize`): awaiting-clawback, clawed-back. */
export const v2State = (state: EcfDeclarationRecord["state"]) => state.replace(/_/g, "-");

export type EcfDeclarationAttributes = {
  participant_id: string;
  declaration_type: string;
  declaration_date: string;
  course_identifier: string;
  state: string;
  updated_at: string;
  has_passed: null;
};

/** ParticipantDeclarationResponse. ECF declarations record no outcome, so has_passed is always null. */
export function serializeEcfDeclaration(r: EcfDeclarationRecord): { id: string; type: "participant-declaration"; attributes: EcfDeclarationAttributes } {
  return {
    id: r.id,
    type: "participant-declaration",
    attributes: {
      participant_id: r.participantId,
      declaration_type: r.declarationType,
      declaration_date: rfc3339(r.declarationDate),
      course_identifier: r.courseIdentifier,
      state: v2State(r.state),
      updated_at: rfc3339(r.updatedAt),
      has_passed: null,
    },
  };
}
