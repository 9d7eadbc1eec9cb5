import type { DECLARATION_STATES, OUTCOME_STATES } from "@/lib/domain";

/**
 * DfE NPQ API v3 shapes for participant declarations and statements
 * (tests/fixtures/dfe/npq-api-v3.swagger.yaml: ParticipantDeclaration, Statement).
 */

/** A declaration with everything its API representation needs (see lib/npq/declarations.ts `declarationRecords`). */
export type DeclarationRecord = {
  id: string;
  participantId: string;
  applicationId: string;
  leadProviderId: string;
  leadProviderName: string;
  courseIdentifier: string;
  cohort: number;
  declarationType: string;
  declarationDate: Date;
  state: (typeof DECLARATION_STATES)[number];
  /** State of the declaration's most recent outcome (passed, failed or voided), if it has one. */
  outcomeState: (typeof OUTCOME_STATES)[number] | null;
  ineligibleForFundingReason: string | null;
  statementId: string | null;
  clawbackStatementId: string | null;
  deliveryPartnerId: string | null;
  deliveryPartnerName: string | null;
  secondaryDeliveryPartnerId: string | null;
  secondaryDeliveryPartnerName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type StatementRecord = {
  id: string;
  cohort: number;
  month: number;
  year: number;
  deadlineDate: string;
  paymentDate: string;
  state: "open" | "payable" | "paid";
  createdAt: Date;
  updatedAt: Date;
};

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** RFC 3339 without milliseconds when there are none (DfE's `declaration_date` as in its examples: 2021-05-31T02:22:32Z). */
export function rfc3339(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * `has_passed` from the declaration's latest outcome: the spec types it as a nullable string, so "true" or
 * "false"; null when the declaration has no outcome or its outcome was voided (DfE: "The has_passed value will
 * revert to null").
 */
function hasPassed(outcomeState: DeclarationRecord["outcomeState"]): string | null {
  if (outcomeState === "passed") return "true";
  if (outcomeState === "failed") return "false";
  return null;
}

export function serializeDeclaration(d: DeclarationRecord) {
  return {
    id: d.id,
    type: "participant-declaration" as const,
    attributes: {
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: rfc3339(d.declarationDate),
      state: d.state,
      has_passed: hasPassed(d.outcomeState),
      statement_id: d.statementId,
      clawback_statement_id: d.clawbackStatementId,
      uplift_paid: false,
      lead_provider_name: d.leadProviderName,
      ineligible_for_funding_reason: d.ineligibleForFundingReason,
      created_at: d.createdAt.toISOString(),
      delivery_partner_id: d.deliveryPartnerId,
      delivery_partner_name: d.deliveryPartnerName,
      secondary_delivery_partner_id: d.secondaryDeliveryPartnerId,
      secondary_delivery_partner_name: d.secondaryDeliveryPartnerName,
      application_id: d.applicationId,
      updated_at: d.updatedAt.toISOString(),
    },
  };
}

export function serializeStatement(s: StatementRecord) {
  return {
    id: s.id,
    type: "statement" as const,
    attributes: {
      month: MONTH_NAMES[s.month - 1]!,
      year: String(s.year),
      cohort: String(s.cohort),
      cut_off_date: s.deadlineDate,
      payment_date: s.paymentDate,
      paid: s.state === "paid",
      created_at: s.createdAt.toISOString(),
      updated_at: s.updatedAt.toISOString(),
    },
  };
}
