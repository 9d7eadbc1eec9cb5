/**
 * Wire types of the ESFA Assessment Service External API ("Record a grade API") as the client sees it through
 * the APIM gateway. JSON is camelCase. Shapes follow the External API's request/response models in
 * SkillsFundingAgency/das-assessor-service (src/SFA.DAS.AssessorService.Application.Api.External/Models/…):
 * a certificate is `{ certificateData, status: { currentStatus }, created, submitted, printed, delivered }`;
 * the status has only `currentStatus` and the dates live in the sibling objects.
 *
 * Dates: `achievementDate` is sent as `YYYY-MM-DD`; the API answers date-only values as `YYYY-MM-DDT00:00:00`
 * and timestamps as ISO 8601 strings.
 */

/** Header APIM reads the subscription key from. */
export const ESFA_KEY_HEADER = "Ocp-Apim-Subscription-Key";
/** Items per create/update/submit request (more → 403 "Batch limited to 25 requests"). */
export const ESFA_MAX_BATCH = 25;
/** About 32 KB per request at the gateway. */
export const ESFA_MAX_BODY_BYTES = 32 * 1024;
/** 120 calls per 60 seconds per caller at the gateway. */
export const ESFA_RATE_LIMIT = { calls: 120, periodMs: 60_000 } as const;

/**
 * Every operation of the External API by method and route template. The client reports calls with these names
 * and the simulator counts requests under them (it states them itself, in simulators/esfa/wire.ts).
 */
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

/** Grades the API accepts for `overallGrade` and answers from GET api/v1/certificate/grades (Fail is refused). */
export const ESFA_GRADES = ["Pass", "Credit", "Merit", "Distinction", "Pass with excellence", "Outstanding", "No grade awarded"] as const;
export type EsfaGrade = (typeof ESFA_GRADES)[number];

/** Domain/Consts/CertificateStatus.cs. The External API shows Draft as "Ready" when every mandatory field is filled,
 * and shows the print-process statuses (SentToPrinter, Printed, Delivered, NotDelivered, Reprint) as "Submitted"
 * with the progress in `printed`/`delivered`. */
export const ESFA_CERTIFICATE_STATUSES = [
  "Draft",
  "Ready",
  "Submitted",
  "ToBeApproved",
  "SentForApproval",
  "Approved",
  "Rejected",
  "SentToPrinter",
  "Printed",
  "Delivered",
  "NotDelivered",
  "Cancelled",
  "NoCertificate",
  "Deleted",
  "Reprint",
  "Error",
] as const;
export type EsfaCertificateStatus = (typeof ESFA_CERTIFICATE_STATUSES)[number];
export const ESFA_PRINT_PROCESS_STATUSES = ["SentToPrinter", "Printed", "Delivered", "NotDelivered", "Reprint"] as const;

/** `delivered.status` values: "WaitingForDelivery" while printed, then the delivery log's status. */
export type EsfaDeliveryStatus = "WaitingForDelivery" | "Delivered" | "NotDelivered";

// ---------------------------------------------------------------- requests

/** Standard Code (LARS) or Standard Reference (ST0145); one is enough, both must agree. */
export interface EsfaStandardInput {
  standardCode?: number | null;
  standardReference?: string | null;
}

export interface EsfaLearnerInput {
  uln: number;
  familyName: string;
}

export interface EsfaLearningDetailsInput {
  /** Standard version, e.g. "1.0". Blank → the learner's version is chosen. */
  version?: string | null;
  /** Must be empty when the standard version has no options, else one of GET api/v1/standards/options/{standard}. */
  courseOption?: string | null;
  overallGrade: string;
  /** YYYY-MM-DD. */
  achievementDate: string;
}

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

/** One item of POST api/v1/certificate. */
export interface EsfaCreateCertificateRequest {
  requestId: string;
  standard: EsfaStandardInput;
  learner: EsfaLearnerInput;
  learningDetails: EsfaLearningDetailsInput;
  postalContact: EsfaPostalContact;
}

/** One item of PUT api/v1/certificate (only while the certificate is Draft/Ready). */
export interface EsfaUpdateCertificateRequest extends EsfaCreateCertificateRequest {
  certificateReference: string;
}

/** One item of POST api/v1/certificate/submit. */
export interface EsfaSubmitCertificateRequest {
  requestId: string;
  uln: number;
  familyName: string;
  standardCode?: number | null;
  standardReference?: string | null;
  certificateReference: string;
}

// ---------------------------------------------------------------- responses

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

export interface EsfaCertificateData {
  /** 8-digit zero-padded number, e.g. "00000123". Null when another EPAO's certificate is shown redacted. */
  certificateReference: string | null;
  standard: EsfaStandard | null;
  learner: EsfaLearner | null;
  learningDetails: EsfaLearningDetails | null;
  postalContact: EsfaPostalContact | null;
}

export interface EsfaCertificate {
  certificateData: EsfaCertificateData;
  status: { currentStatus: EsfaCertificateStatus | string };
  created: { createdAt: string | null; createdBy: string | null } | null;
  submitted: { submittedAt: string | null; submittedBy: string | null } | null;
  printed: { printedAt: string | null; printedBatch: number | null } | null;
  delivered: { status: EsfaDeliveryStatus | string; deliveryDate: string | null } | null;
}

/** Each item of the create/update/submit answers, in request order. */
export interface EsfaBatchCertificateResponse {
  requestId: string;
  /** The certificate when the item was valid, else null. */
  certificate: EsfaCertificate | null;
  validationErrors: string[];
}
export type EsfaCreateCertificateResponse = EsfaBatchCertificateResponse;
export type EsfaUpdateCertificateResponse = EsfaBatchCertificateResponse;
export type EsfaSubmitCertificateResponse = EsfaBatchCertificateResponse;

export interface EsfaEpaRecord {
  epaDate: string;
  epaOutcome: string;
  version?: string | null;
}

export interface EsfaEpaDetails {
  epaReference: string | null;
  latestEpaDate: string | null;
  latestEpaOutcome: string | null;
  epas: EsfaEpaRecord[];
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

/** Error body of the gateway and the API: `{ "statusCode": 403, "message": "Batch limited to 25 requests" }`. */
export interface EsfaApiError {
  statusCode: number;
  message?: string;
}
