/**
 * The standards front door: what pages, components, routes and jobs may call. Everything else in lib/standards/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { getStaffStandardAssignment, listEpaoStandards, listStaffStandardAssignments, listStandards } from "./service";
export type { StaffStandardAssignment, StandardWithComponents } from "./service";
