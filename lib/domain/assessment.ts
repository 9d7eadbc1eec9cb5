/** Gateway, evidence, attempts, resits and appeals: the values the schema stores. */

export const EVIDENCE_PURPOSES = ["gateway", "evidence_request"] as const;
export const GATEWAY_STATUSES = ["submitted", "approved", "rejected"] as const;
export type GatewayStatus = (typeof GATEWAY_STATUSES)[number];
export const EVIDENCE_REQUEST_STATUSES = ["open", "answered", "closed"] as const;
export const ATTEMPT_KINDS = ["first", "resit", "retake"] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];
export const RESIT_STATUSES = ["requested", "approved", "declined"] as const;
export const APPEAL_STATUSES = ["open", "upheld", "not_upheld", "withdrawn"] as const;
