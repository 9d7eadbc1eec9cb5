/** Apprentice records, provider links, EPAO changes, bulk uploads and notification events: the values the schema stores. */

export const LINK_STATUSES = ["requested", "active", "declined", "ended"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const APPRENTICE_STATUSES = ["in_training", "on_break", "gateway", "epa", "graded", "certificated", "withdrawn"] as const;
export type ApprenticeStatus = (typeof APPRENTICE_STATUSES)[number];
export const EPAO_CHANGE_STATUSES = ["requested", "accepted", "declined", "cancelled"] as const;
export const BULK_UPLOAD_STATUSES = ["validated", "imported", "discarded"] as const;
export const NOTIFICATION_EVENTS = [
  "record_created",
  "record_assigned",
  "break_in_learning",
  "withdrawal",
  "epao_change_requested",
  "link_requested",
  "gateway_submitted",
  "certificate_claimed",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
