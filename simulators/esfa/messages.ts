/**
 * What the simulator answers, word for word: APIM's gateway messages and the External API's FluentValidation
 * messages (Application.Api/Validators/ExternalApi/** in das-assessor-service, including their inconsistent
 * trailing full stops).
 */
import { ESFA_GRADES, ESFA_MAX_BATCH } from "./wire";

/** APIM's subscription-key answers. */
export const APIM_MESSAGES = {
  missingKey: "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.",
  invalidKey: "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
  expiredKey:
    "Access denied due to an inactive subscription. The subscription key has expired or been disabled: generate a new key in the ESFA Assessment Service.",
  notFound: "Resource not found",
  rateLimit: (seconds: number) => `Rate limit is exceeded. Try again in ${seconds} seconds.`,
  bodyTooLarge: (size: number, max: number) => `Request's body is ${size} bytes long and it exceeds the limit of ${max} bytes.`,
} as const;

const GRADE_LIST = ESFA_GRADES.join(", ");
/** The External API's validation and refusal messages. */
export const ESFA_MESSAGES = {
  batchLimit: `Batch limited to ${ESFA_MAX_BATCH} requests`,
  familyName: "Provide apprentice family name",
  standard: "Provide a valid Standard",
  standardRequired: "Provide a Standard",
  standardNotFound: "Standard not found",
  standardMismatch: "StandardReference and StandardCode must be for the same Standard",
  noOptions: "No course option available for this Standard and version. Must be empty",
  invalidOption: (options: string[], code: number, version: string) => {
    const list = options.join(", ");
    return `Invalid course option for this Standard and version. Must be one of the following: ${list} where ${list} depends on the standard code, and can be obtained with GET /api/v1/standard/options/${code}/${version}`;
  },
  invalidVersion: "Invalid version for Standard",
  uln: "ULN should contain exactly 10 numbers",
  notFoundForCertificate: "ULN, FamilyName and Standard not found.",
  notFound: "ULN, FamilyName and Standard not found",
  notApproved: "Your organisation is not approved to assess this Standard",
  notApprovedVersion: (version: string) => `Your organisation is not approved to assess this Standard Version: ${version}`,
  contactName: "Provide a contact name",
  address: "Provide an address",
  city: "Provide a city or town",
  postcode: "Provide a postcode",
  postcodeInvalid: "Provide a valid UK postcode",
  grade: "Select the grade achieved",
  gradeFail: "Cannot record a Fail grade via API",
  gradeInvalid: `You must enter a valid grade. Must be one of the following: ${GRADE_LIST}, where ${GRADE_LIST} can be obtained with /api/v1/certificate/grades`,
  achievementDate: "Provide the achievement date",
  achievementDateTooEarly: "Achievement date cannot be before 01 01 2017",
  achievementDateFuture: "Achievement date cannot be in the future",
  alreadyExists: (reference: string) => `Certificate already exists: ${reference}`,
  notCreatorOfEpa: "Your organisation is not the creator of the EPA",
  learnerMissing: (uln: number) => `Learner details for ULN: ${uln} not found`,
  learnerWithdrawn: "Cannot find the apprentice details",
  referenceRequired: "Provide the certificate reference",
  certificateNotFound: "Certificate not found",
  certificateNotFoundDot: "Certificate not found.",
  notCreator: "Your organisation is not the creator of this Certificate",
  epaNotPassed: "Latest EPA Outcome has not passed",
  notDraft: "Certificate does not exist in Draft status",
  alreadySubmitted: "Certificate has already been submitted",
  notReady: "Certificate is not in Ready status",
  missingData: "Certificate is missing mandatory data",
  cannotDeleteSubmitted: "Cannot delete a submitted Certificate",
  apprenticeNotFound: "Cannot find apprentice with the specified Uln, FamilyName & Standard",
  certificateNotFoundForApprentice: "Cannot find certificate with the specified Uln, FamilyName & Standard",
} as const;

/** The text of a status a fault injects without a message of its own. */
export const STATUS_MESSAGES: Record<number, string> = {
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};
