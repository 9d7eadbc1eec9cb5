import type { NotificationEvent, Role } from "@/lib/domain";

export type NotificationEventDetails = {
  label: string;
  /** What the email is about, as an EPAO admin or staff member reads it. */
  description: string;
  /** The same for an assessor, where the event concerns them differently. */
  assessorDescription?: string;
};

/** The label and hint shown next to each event's checkbox on the notification settings pages. */
export const NOTIFICATION_EVENT_DETAILS: Record<NotificationEvent, NotificationEventDetails> = {
  record_created: {
    label: "New apprentice records",
    description: "A training provider adds an apprentice record for your organisation, one at a time or in a bulk upload.",
    assessorDescription: "A training provider adds an apprentice record for your EPAO.",
  },
  record_assigned: {
    label: "Records assigned to assessors",
    description: "An apprentice record is assigned to an assessor, or its assessor changes.",
    assessorDescription: "An apprentice record is assigned to you, or moved from you to another assessor.",
  },
  break_in_learning: {
    label: "Breaks in learning",
    description: "A training provider puts an apprentice on a break in learning, or the apprentice returns.",
    assessorDescription: "An apprentice assigned to you starts or ends a break in learning.",
  },
  withdrawal: {
    label: "Withdrawals",
    description: "A training provider withdraws an apprentice.",
    assessorDescription: "An apprentice assigned to you is withdrawn.",
  },
  epao_change_requested: {
    label: "Change of EPAO requests",
    description: "A training provider asks to move an apprentice to your organisation, so you can accept or decline.",
    assessorDescription: "A training provider asks to move an apprentice to your EPAO.",
  },
  link_requested: {
    label: "Link requests from training providers",
    description: "A training provider asks to link with your organisation for one or more standards.",
    assessorDescription: "A training provider asks to link with your EPAO.",
  },
  gateway_submitted: {
    label: "Gateway submissions",
    description: "A training provider submits an apprentice for gateway.",
    assessorDescription: "An apprentice assigned to you is submitted for gateway.",
  },
  certificate_claimed: {
    label: "Certificates claimed",
    description: "A certificate is claimed for an apprentice after their end-point assessment.",
    assessorDescription: "A certificate is claimed for an apprentice you assessed.",
  },
};

/** Events switched on for a user who has never saved their settings. */
export function defaultEnabled(role: Role, event: NotificationEvent): boolean {
  if (role === "assessor") return event === "record_assigned" || event === "gateway_submitted";
  return true;
}

export function eventDescription(event: NotificationEvent, role: Role): string {
  const details = NOTIFICATION_EVENT_DETAILS[event];
  return role === "assessor" ? (details.assessorDescription ?? details.description) : details.description;
}
