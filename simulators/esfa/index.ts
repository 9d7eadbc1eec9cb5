/**
 * The ESFA External API simulator's public face: the only module that code outside simulators/esfa imports (the
 * product's embedding in lib/esfa/embedded.ts, scripts/esfa-sim.ts, bench/ and the tests).
 */
export { APIM_MESSAGES, ESFA_MESSAGES, sandboxLearners, startEsfaSimulator } from "./server";
export type {
  EsfaFault,
  EsfaManualClaim,
  EsfaRegisterLearner,
  EsfaSimulator,
  EsfaSimulatorCertificateState,
  EsfaSimulatorControl,
  EsfaSimulatorCounters,
  EsfaSimulatorKey,
  EsfaSimulatorOptions,
  EsfaSimulatorStatus,
  EsfaSimulatorTimings,
} from "./server";
export { writeFileAtomically } from "./state";
