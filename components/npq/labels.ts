import type { TagColour } from "@/components/ui/tag";

/**
 * Words and tag colours the lead provider portal uses for NPQ identifiers and states (plain module: safe in client
 * components). The API keeps DfE's identifiers; the portal shows these labels with the identifier alongside.
 */

export const COURSE_LABELS: Record<string, string> = {
  "npq-senior-leadership": "NPQ for Senior Leadership (NPQSL)",
  "npq-headship": "NPQ for Headship (NPQH)",
  "npq-executive-leadership": "NPQ for Executive Leadership (NPQEL)",
  "npq-early-years-leadership": "NPQ for Early Years Leadership (NPQEYL)",
  "npq-leading-teaching": "NPQ for Leading Teaching (NPQLT)",
  "npq-leading-behaviour-culture": "NPQ for Leading Behaviour and Culture (NPQLBC)",
  "npq-leading-teaching-development": "NPQ for Leading Teacher Development (NPQLTD)",
  "npq-leading-literacy": "NPQ for Leading Literacy (NPQLL)",
  "npq-leading-primary-mathematics": "NPQ for Leading Primary Mathematics (NPQLPM)",
  "npq-additional-support-offer": "Additional Support Offer",
  "npq-early-headship-coaching-offer": "Early Headship Coaching Offer (EHCO)",
  "npq-senco": "NPQ for Special Educational Needs Co-ordinators (NPQSENCO)",
};

/** The words for `code` in `labels`, or the code itself when there are none. */
const labelIn =
  (labels: Record<string, string>) =>
  (code: string): string =>
    labels[code] ?? code;

export const courseLabel = labelIn(COURSE_LABELS);

export const APPLICATION_STATUS_LABELS: Record<string, string> = { pending: "Pending", accepted: "Accepted", rejected: "Rejected" };
export const APPLICATION_STATUS_COLOURS: Record<string, TagColour> = { pending: "blue", accepted: "green", rejected: "red" };

export const TRAINING_STATUS_LABELS: Record<string, string> = { active: "Active", deferred: "Deferred", withdrawn: "Withdrawn" };
export const TRAINING_STATUS_COLOURS: Record<string, TagColour> = { active: "green", deferred: "yellow", withdrawn: "grey" };

export const DECLARATION_STATE_LABELS: Record<string, string> = {
  submitted: "Submitted",
  eligible: "Eligible",
  payable: "Payable",
  paid: "Paid",
  voided: "Voided",
  ineligible: "Ineligible",
  awaiting_clawback: "Awaiting clawback",
  clawed_back: "Clawed back",
};
export const DECLARATION_STATE_COLOURS: Record<string, TagColour> = {
  submitted: "blue",
  eligible: "turquoise",
  payable: "purple",
  paid: "green",
  voided: "grey",
  ineligible: "red",
  awaiting_clawback: "orange",
  clawed_back: "yellow",
};
/** Declaration states in lifecycle order (table columns). */
export const DECLARATION_STATE_ORDER = ["submitted", "eligible", "payable", "paid", "ineligible", "voided", "awaiting_clawback", "clawed_back"] as const;

export const DECLARATION_TYPE_LABELS: Record<string, string> = {
  started: "Started",
  "retained-1": "Retained 1",
  "retained-2": "Retained 2",
  "retained-3": "Retained 3",
  "retained-4": "Retained 4",
  "extended-1": "Extended 1",
  "extended-2": "Extended 2",
  "extended-3": "Extended 3",
  completed: "Completed",
};

export const declarationTypeLabel = labelIn(DECLARATION_TYPE_LABELS);

export const STATEMENT_STATE_LABELS: Record<string, string> = { open: "Open", payable: "Payable", paid: "Paid" };
export const STATEMENT_STATE_COLOURS: Record<string, TagColour> = { open: "blue", payable: "purple", paid: "green" };

export const OUTCOME_STATE_LABELS: Record<string, string> = { passed: "Passed", failed: "Failed", voided: "Voided" };
export const OUTCOME_STATE_COLOURS: Record<string, TagColour> = { passed: "green", failed: "red", voided: "grey" };

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** "November 2026" */
export function statementLabel(s: { month: number; year: number }): string {
  return `${MONTH_NAMES[s.month - 1] ?? s.month} ${s.year}`;
}

/** A DfE reason code in words for people: "parental-leave" → "Parental leave" (the code itself is what is sent). */
export function reasonLabel(code: string): string {
  const words = code.replace(/\.$/, "").replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Choices of a yes/no question: "yes" and "no" are sent, shown with these words. */
export const yesNoOptions = (yes = "Yes", no = "No") => [
  { value: "yes", label: yes },
  { value: "no", label: no },
];

/** Lead providers (or anything with an id and a name) as a select's options. */
export const nameOptions = (items: { id: string; name: string }[]) => items.map((i) => ({ value: i.id, label: i.name }));

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return "Not set";
  return value ? "Yes" : "No";
}

export const REJECTION_REASON_LABELS: Record<string, string> = {
  rejected_by_provider: "Rejected by the lead provider",
  other_application_in_this_cohort_accepted: "Another application for this course and cohort was accepted",
};
