/**
 * The ecf front door: what pages, components, routes and jobs may call. Everything else in lib/ecf/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { csvResponse, ecfDeclarationsCsv, ecfParticipantsCsv } from "./csv";
export { createEcfDeclaration, getEcfDeclaration, listEcfDeclarations, voidEcfDeclaration } from "./declarations";
export { serializeEcfDeclaration, serializeEcfParticipant } from "./serialize";
export { changeEcfSchedule, deferEcfParticipant, getEcfParticipant, listEcfParticipants, resumeEcfParticipant, withdrawEcfParticipant } from "./participants";
