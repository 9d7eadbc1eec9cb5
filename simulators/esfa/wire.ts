/** The ESFA External API's wire contract as the simulator serves it. */
export {
  ESFA_ENDPOINTS,
  ESFA_GRADES,
  ESFA_KEY_HEADER,
  ESFA_MAX_BATCH,
  ESFA_MAX_BODY_BYTES,
  ESFA_PRINT_PROCESS_STATUSES,
  ESFA_RATE_LIMIT,
  type EsfaBatchCertificateResponse,
  type EsfaCertificate,
  type EsfaEndpoint,
  type EsfaEpaDetails,
  type EsfaLearnerRecord,
  type EsfaPostalContact,
  type EsfaStandard,
  type EsfaStandardOptions,
} from "../../lib/esfa/types";
