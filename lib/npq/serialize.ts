import type {
  NpqApplication as ApplicationRow,
  Outcome as OutcomeRow,
  Participant as ParticipantRow,
  ParticipantIdChange as ParticipantIdChangeRow,
} from "@/db/schema";
import { isoTime, rfc3339 } from "@/lib/dfe/serialize";

/**
 * JSON serialisers for the DfE NPQ API v3 (npq-registration's ApplicationSerializer, ParticipantSerializer and
 * ParticipantOutcomeSerializer, view :v3): attribute names and types as in tests/fixtures/dfe/npq-api-v3.swagger.yaml.
 * Timestamps are rendered as Rails does: plain attributes as ISO 8601 with milliseconds (`2024-05-31T02:21:32.000Z`),
 * the ones DfE formats with `rfc3339` (enrolment created_at, withdrawal/deferral date, changed_at) without.
 */

/** Differentiates call-off contracts within a year; every cohort we hold is the first ("a"). */
export const COHORT_SUFFIX = "a";

function latest(dates: Date[]): Date {
  return dates.reduce((max, d) => (d.getTime() > max.getTime() ? d : max));
}

/** An application with what its JSON needs: the applicant and the identifier of the assigned schedule. */
export type ApplicationRecord = {
  application: ApplicationRow;
  participant: Pick<ParticipantRow, "id" | "fullName" | "email" | "emailValidated" | "trn" | "trnValidated" | "updatedAt">;
  scheduleIdentifier: string | null;
};

export function serializeApplication({ application: a, participant: p, scheduleIdentifier }: ApplicationRecord) {
  return {
    id: a.id,
    type: "npq_application" as const,
    attributes: {
      course_identifier: a.courseIdentifier,
      email: p.email,
      email_validated: p.emailValidated,
      employer_name: a.employerName,
      employment_role: a.employmentRole,
      full_name: p.fullName,
      funding_choice: a.fundingChoice,
      headteacher_status: a.headteacherStatus,
      ineligible_for_funding_reason: a.ineligibleForFundingReason,
      participant_id: a.participantId,
      private_childcare_provider_urn: a.privateChildcareProviderUrn,
      teacher_reference_number: p.trn,
      teacher_reference_number_validated: p.trnValidated,
      school_urn: a.schoolUrn,
      school_ukprn: a.schoolUkprn,
      status: a.status,
      reason_for_rejection: a.reasonForRejection,
      works_in_school: a.worksInSchool,
      cohort: String(a.cohort),
      cohort_suffix: COHORT_SUFFIX,
      eligible_for_funding: a.eligibleForFunding,
      targeted_delivery_funding_eligibility: a.targetedDeliveryFundingEligibility,
      teacher_catchment: a.teacherCatchment,
      teacher_catchment_country: a.teacherCatchmentCountry,
      teacher_catchment_iso_country_code: a.teacherCatchmentIsoCountryCode,
      itt_provider: a.ittProvider,
      lead_mentor: a.leadMentor,
      funded_place: a.fundedPlace,
      created_at: isoTime(a.createdAt),
      // DfE: the later of the application's and the applicant's last significant update.
      updated_at: isoTime(latest([a.updatedAt, p.updatedAt])),
      schedule_identifier: scheduleIdentifier,
      works_as_senco: a.worksAsSenco,
      senco_start_date: a.sencoStartDate,
    },
  };
}

/** A participant with their accepted applications (enrolments) with the calling lead provider and their id changes. */
export type ParticipantRecord = {
  participant: ParticipantRow;
  enrolments: { application: ApplicationRow; scheduleIdentifier: string | null }[];
  idChanges: ParticipantIdChangeRow[];
};

/** The participant's `updated_at`: the latest change to them, their enrolments with this provider or their id changes. */
export function participantUpdatedAt({ participant, enrolments, idChanges }: ParticipantRecord): Date {
  return latest([participant.updatedAt, ...enrolments.map((e) => e.application.updatedAt), ...idChanges.map((c) => c.createdAt)]);
}

export function serializeParticipant(record: ParticipantRecord) {
  const { participant: p, enrolments, idChanges } = record;
  return {
    id: p.id,
    type: "npq-participant" as const,
    attributes: {
      full_name: p.fullName,
      previous_names: p.previousNames,
      // DfE shows the TRN only once it has been verified.
      teacher_reference_number: p.trnValidated ? p.trn : null,
      updated_at: isoTime(participantUpdatedAt(record)),
      npq_enrolments: enrolments.map(({ application: a, scheduleIdentifier }) => ({
        email: p.email,
        course_identifier: a.courseIdentifier,
        schedule_identifier: scheduleIdentifier,
        cohort: String(a.cohort),
        cohort_suffix: COHORT_SUFFIX,
        npq_application_id: a.id,
        eligible_for_funding: a.eligibleForFunding,
        training_status: a.trainingStatus ?? "active",
        school_urn: a.schoolUrn,
        targeted_delivery_funding_eligibility: a.targetedDeliveryFundingEligibility,
        withdrawal:
          a.trainingStatus === "withdrawn" && a.withdrawalReason && a.withdrawnAt ? { reason: a.withdrawalReason, date: rfc3339(a.withdrawnAt) } : null,
        deferral: a.trainingStatus === "deferred" && a.deferralReason && a.deferredAt ? { reason: a.deferralReason, date: rfc3339(a.deferredAt) } : null,
        // DfE: the enrolment began when the application was accepted.
        created_at: rfc3339(a.acceptedAt ?? a.createdAt),
        funded_place: a.fundedPlace,
      })),
      participant_id_changes: idChanges.map((c) => ({
        from_participant_id: c.fromParticipantId,
        to_participant_id: c.toParticipantId,
        changed_at: rfc3339(c.createdAt),
      })),
    },
  };
}

export function serializeOutcome(o: OutcomeRow) {
  return {
    id: o.id,
    type: "participant-outcome" as const,
    attributes: {
      state: o.state,
      completion_date: o.completionDate,
      course_identifier: o.courseIdentifier,
      participant_id: o.participantId,
      created_at: isoTime(o.createdAt),
      updated_at: isoTime(o.updatedAt),
    },
  };
}
