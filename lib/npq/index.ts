/**
 * The npq front door: what pages, components, routes and jobs may call. Everything else in lib/npq/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { INTAKE_CSV_COLUMNS, applicationSummaryByLeadProvider } from "./intake";
export type { IntakeProblem } from "./intake";
export { npqSchedulesByCohort } from "./schedules-admin";
export { STATEMENTS_PAYABLE_JOB, statementsJobRuns } from "./jobs";
export { courseSchedules, listAdminStatements, listLeadProviders, listPortalApplications, listStatementDeclarations, portalPagination } from "./portal-queries";
export { APPLICATION_SORT_FIELDS, acceptApplication, changeFundedPlace, getApplication, listApplications, rejectApplication } from "./applications";
export { DELIVERY_PARTNER_FROM_COHORT, FUNDING_CAP_FROM_COHORT } from "./reference";
export { leadProviderDashboard } from "./dashboard";
export { NPQ_DECLARATION_TYPES, changeDeliveryPartner, createDeclaration, getDeclaration, listDeclarations, voidDeclaration } from "./declarations";
export { createOutcome, listOutcomes, listParticipantOutcomes } from "./outcomes";
export {
  INVALID_TRAINING_STATUS,
  PARTICIPANT_SORT_FIELDS,
  changeSchedule,
  deferParticipant,
  getParticipant,
  listParticipants,
  resumeParticipant,
  withdrawParticipant,
} from "./participants";
export type { TrainingStatus } from "./participants";
export { getStatement, listStatements, statementTotals } from "./statements";
export { participantUpdatedAt, serializeApplication, serializeOutcome, serializeParticipant } from "./serialize";
export { serializeDeclaration, serializeStatement } from "./serialize-declarations";
