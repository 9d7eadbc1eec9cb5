/** NPQ course identifiers as the DfE API names them (plain module: safe to import in client components). */
export const NPQ_COURSES = [
  "npq-senior-leadership",
  "npq-headship",
  "npq-executive-leadership",
  "npq-early-years-leadership",
  "npq-leading-teaching",
  "npq-leading-behaviour-culture",
  "npq-leading-teaching-development",
  "npq-leading-literacy",
  "npq-leading-primary-mathematics",
  "npq-additional-support-offer",
  "npq-early-headship-coaching-offer",
  "npq-senco",
] as const;
export type NpqCourse = (typeof NPQ_COURSES)[number];

/** The spec's deferral reasons (ParticipantDeferRequest). */
export const DEFERRAL_REASONS = ["bereavement", "long-term-sickness", "parental-leave", "career-break", "other"] as const;

/** The spec's withdrawal reasons (ParticipantWithdrawRequest), DfE's typo included. */
export const WITHDRAWAL_REASONS = [
  "insufficient-capacity-to-undertake-programme",
  "personal-reason-health-or-pregnancy-related",
  "personal-reason-moving-school",
  "personal-reason-other",
  "insufficient-capacity",
  "change-in-developmental-or-personal-priorities",
  "change-in-school-circumstances",
  "change-in-school-leadership",
  "quality-of-programme-structure-not-suitable.",
  "quality-of-programme-content-not-suitable",
  "quality-of-programme-facilitation-not-effective",
  "quality-of-programme-accessibility",
  "quality-of-programme-other",
  "programme-not-appropriate-for-role-and-cpd-needs",
  "started-in-error",
  "expected-commitment-unclear",
  "assessment-requirements-not-met",
  "change-in-career",
  "disengaged-and-unresponsive",
  "non-payment-of-invoice",
  "other",
] as const;

/** Lead provider API (NPQ and ECF): application, training, declaration, outcome and statement states. */
export const APPLICATION_STATUSES = ["pending", "accepted", "rejected"] as const;
export const TRAINING_STATUSES = ["active", "deferred", "withdrawn"] as const;
export const DECLARATION_TYPES = [
  "started",
  "retained-1",
  "retained-2",
  "retained-3",
  "retained-4",
  "extended-1",
  "extended-2",
  "extended-3",
  "completed",
] as const;
export const DECLARATION_STATES = ["submitted", "eligible", "payable", "paid", "voided", "ineligible", "awaiting_clawback", "clawed_back"] as const;
export const BILLABLE_STATES = ["submitted", "eligible", "payable", "paid"] as const;
export const OUTCOME_STATES = ["passed", "failed", "voided"] as const;
export const ECF_PARTICIPANT_TYPES = ["ect", "mentor"] as const;
export const STATEMENT_STATES = ["open", "payable", "paid"] as const;
/** NPQ and ECF are separate DfE contracts: each has its own statements. */
export const PROGRAMMES = ["npq", "ecf"] as const;
