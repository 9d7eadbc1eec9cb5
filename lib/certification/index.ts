/**
 * The certification front door: what pages, components, routes and jobs may call. Everything else in lib/certification/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { certificateAddressOf, employersWithoutContact, listPostalContacts } from "./addresses";
export {
  ERROR_TARGET_DAYS,
  certificationErrors,
  certificationErrorsCsv,
  claimRuns,
  parseCertificationErrorFilters,
  providerCertification,
  runCalls,
  upcomingClaims,
} from "./queries";
export { esfaClaimsUnder, esfaKeyStatus } from "./keys";
export { getCertificationSettings } from "./settings";
export { claimOverview } from "./claims";
