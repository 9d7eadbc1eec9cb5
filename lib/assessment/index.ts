/**
 * The assessment front door: what pages, components, routes and jobs may call. Everything else in lib/assessment/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { assessmentOverview, assessorWorklist, epaoGradingQueues } from "./queues";
export type { AssessmentOverview, WorklistView } from "./queues";
export { answerEvidenceRequest, evidenceRequestsFor, openEvidenceRequests } from "./evidence-requests";
export { gatewayOverview, gatewayReminders, gatewaysToFix, gatewaysToReview, readEvidenceFile, uploadGatewayEvidence } from "./gateway";
export { listSharedDocuments, readSharedDocument, shareDocument } from "./documents";
