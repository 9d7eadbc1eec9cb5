/** Certification settings, ESFA keys and certificate claims: the values the schema stores. */

export const COUNT_MODES = ["calendar", "working"] as const;
export const ESFA_KEY_STATUSES = ["active", "rejected"] as const;
export const CLAIM_STATES = ["queued", "in_flight", "claimed", "error", "cancelled"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
