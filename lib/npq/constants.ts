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
