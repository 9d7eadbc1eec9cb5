/**
 * A local stand-in for the ESFA Assessment Service External API behind its APIM gateway, on its own node:http
 * server, for tests, Playwright and local runs (`npm run esfa:sim`). This module is its public face: code outside
 * simulators/esfa (the product's embedding in lib/esfa/embedded.ts, scripts/esfa-sim.ts, bench/ and the tests)
 * imports only from here.
 *
 * Behaviour follows SkillsFundingAgency/das-assessor-service (MIT): the External API controllers
 * (CertificateController, LearnerController, StandardsController), the internal CertificateBatchController and
 * the FluentValidation validators in Application.Api/Validators/ExternalApi/**, whose messages are reproduced
 * word for word (including their inconsistent trailing full stops). The gateway parts (subscription key, rate
 * limit, body size) follow Azure API Management's documented behaviour.
 *
 * Not reproduced: the EPA endpoints (api/v1/epa), UKPRN/e-mail headers, private funding, approvals workflow.
 *
 * Whose key is it: like the real service, nothing tells the caller. APIM maps the subscription key to its subscriber
 * and forwards the UKPRN to the API only as request headers; no endpoint, response field or header names the
 * subscriber's EPAO back (there is no "whoami"). A key simply acts as its EPAO, here as in the real API.
 *
 * State: in memory, unless `stateDir` is given: then the register, the certificates (with their statuses), the keys
 * and the reference counter are kept there (register.json, state.json; each written to a temporary file and renamed
 * into place) and loaded on start, so a restart forgets no certificate and never issues a reference twice. Faults,
 * counters and the time offset are not kept.
 *
 * Time: everything (achievement dates in the future, status progress, the rate-limit window) reads the
 * injected `clock` plus any offset set through `control.advanceTime()`; delays and hangs use real timers.
 *
 * Modules: server.ts (the HTTP server and the order a request goes through), gateway.ts (APIM: keys, rate limit,
 * body size), faults.ts and counters.ts (what tests inject and count), routes.ts, handlers.ts (one handler per
 * endpoint), binding.ts (ASP.NET model binding), validation.ts (the validators) with messages.ts (their words),
 * register.ts (learners, standards, approvals), certificates.ts (certificates, references, the print process),
 * views.ts (how the API shows them), manual-claim.ts, control.ts, state.ts (persistence), service.ts, clock.ts,
 * values.ts, reply.ts, types.ts, and wire.ts (the API's wire contract as the simulator serves it).
 */
export { APIM_MESSAGES, ESFA_MESSAGES } from "./messages";
export { sandboxLearners } from "./register";
export { startEsfaSimulator } from "./server";
/** The state files' atomic write, which the product's embedding also uses for its address file. */
export { writeFileAtomically } from "./state";
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
} from "./types";
