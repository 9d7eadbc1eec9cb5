/**
 * The ESFA External API's wire contract as the simulator serves it, written from SkillsFundingAgency/das-assessor-service
 * (src/SFA.DAS.AssessorService.Application.Api.External/Models/…) and APIM's documented limits. JSON is camelCase;
 * date-only values are answered as `YYYY-MM-DDT00:00:00`, timestamps as ISO 8601 strings.
 *
 * Deliberately the simulator's own copy, not imported from the product's client (lib/esfa/types.ts): a simulator that
 * shares the client's types and limits follows the client when the client changes, so the two would agree with each
 * other and hide a departure from ESFA. wire.test.ts holds the two side by side: what the simulator answers must be
 * what the client reads, and the limits and endpoint names must agree; a difference there is a question for ESFA's
 * contract, not something to copy across.
 */

/** Header APIM reads the subscription key from. */
export const ESFA_KEY_HEADER = "Ocp-Apim-Subscription-Key";
/** Items per create/update/submit request (more → 403 "Batch limited to 25 requests"). */
export const ESFA_MAX_BATCH = 25;
/** APIM's body limit per request: 32 KB. */
export const ESFA_MAX_BODY_BYTES = 32 * 1024;
/** APIM's rate limit: 120 calls per 60 seconds per caller. */
export const ESFA_RATE_LIMIT = { calls: 120, periodMs: 60_000 } as const;

/** Every operation of the External API by method and route template; the simulator counts requests under these names. */
export const ESFA_ENDPOINTS = {
  ping: "GET /Ping",
  getLearner: "GET /api/v1/learner/{uln}/{familyName}/{standard}",
  getCertificate: "GET /api/v1/certificate/{uln}/{familyName}/{standard}",
  createCertificates: "POST /api/v1/certificate",
  updateCertificates: "PUT /api/v1/certificate",
  submitCertificates: "POST /api/v1/certificate/submit",
  deleteCertificate: "DELETE /api/v1/certificate/{uln}/{familyName}/{standard}/{certificateReference}",
  grades: "GET /api/v1/certificate/grades",
  options: "GET /api/v1/standards/options",
  optionsForStandard: "GET /api/v1/standards/options/{standard}",
  optionsForVersion: "GET /api/v1/standards/options/{standard}/{version}",
} as const;
export type EsfaEndpoint = (typeof ESFA_ENDPOINTS)[keyof typeof ESFA_ENDPOINTS];

/** Grades accepted for `overallGrade` and answered by GET api/v1/certificate/grades (Fail is refused). */
export const ESFA_GRADES = ["Pass", "Credit", "Merit", "Distinction", "Pass with excellence", "Outstanding", "No grade awarded"] as const;

/** Domain/Consts/CertificateStatus.cs: the print-process statuses, which the External API shows as "Submitted". */
export const ESFA_PRINT_PROCESS_STATUSES = ["SentToPrinter", "Printed", "Delivered", "NotDelivered", "Reprint"] as const;

// ---------------------------------------------------------------- what the simulator answers

export interface EsfaPostalContact {
  contactName: string;
  department?: string | null;
  organisation?: string | null;
  addressLine1: string;
  addressLine2?: string | null;
  addressLine3?: string | null;
  city: string;
  postCode: string;
}

export interface EsfaStandard {
  standardCode: number | null;
  standardReference: string | null;
  standardName: string | null;
  level: number;
  version?: string | null;
}

export interface EsfaLearner {
  uln: number;
  givenNames: string | null;
  familyName: string;
}

export interface EsfaLearningDetails {
  version: string | null;
  courseOption: string | null;
  overallGrade: string | null;
  achievementDate: string | null;
  learningStartDate: string | null;
  providerName: string | null;
  providerUkPrn: number;
}

export interface EsfaCertificate {
  certificateData: {
    /** 8-digit zero-padded number, e.g. "00000123". Null when another EPAO's certificate is shown redacted. */
    certificateReference: string | null;
    standard: EsfaStandard | null;
    learner: EsfaLearner | null;
    learningDetails: EsfaLearningDetails | null;
    postalContact: EsfaPostalContact | null;
  };
  /** Draft, Ready (a complete Draft), Submitted (also for the print process), Deleted… */
  status: { currentStatus: string };
  created: { createdAt: string | null; createdBy: string | null } | null;
  submitted: { submittedAt: string | null; submittedBy: string | null } | null;
  printed: { printedAt: string | null; printedBatch: number | null } | null;
  /** "WaitingForDelivery" while printed, then the delivery log's status. */
  delivered: { status: "WaitingForDelivery" | "Delivered" | "NotDelivered"; deliveryDate: string | null } | null;
}

/** Each item of the create/update/submit answers, in request order. */
export interface EsfaBatchCertificateResponse {
  requestId: string;
  /** The certificate when the item was valid, else null. */
  certificate: EsfaCertificate | null;
  validationErrors: string[];
}

export interface EsfaEpaDetails {
  epaReference: string | null;
  latestEpaDate: string | null;
  latestEpaOutcome: string | null;
  epas: { epaDate: string; epaOutcome: string; version?: string | null }[];
}

/** GET api/v1/learner/{uln}/{familyName}/{standard}. */
export interface EsfaLearnerRecord {
  learnerData: {
    standard: EsfaStandard;
    learner: EsfaLearner;
    learningDetails: {
      learnerReferenceNumber: string | null;
      learningStartDate: string | null;
      plannedEndDate: string | null;
      providerName: string | null;
      providerUkPrn: number;
    };
  };
  /** ILR completion status: 1 continuing, 2 completed, 3 withdrawn, 6 temporarily withdrawn. */
  status: { completionStatus: number | null };
  epaDetails: EsfaEpaDetails | null;
  certificate: EsfaCertificate | null;
}

/** GET api/v1/standards/options[/{standard}[/{version}]]. */
export interface EsfaStandardOptions {
  standardCode: number | null;
  standardReference: string | null;
  version: string | null;
  courseOption: string[];
}
