/**
 * The dashboard front door: what pages, components, routes and jobs may call. Everything else in lib/dashboard/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { BREAK_RETURN_WINDOW_DAYS, GATEWAY_WINDOW_DAYS, LIST_LIMIT, epaoDashboard, providerDashboard } from "./service";
export type { AwaitingAssignmentRecord, BreakRecord, StatusCounts } from "./service";
