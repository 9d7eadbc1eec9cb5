/**
 * The apprentices front door: what pages, components, routes and jobs may call. Everything else in lib/apprentices/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { apprenticeTimeline, getApprentice, listIncomingEpaoChanges } from "./service";
export type { ApprenticeDetail } from "./service";
export { MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, decodeCsvBytes, errorReportCsv, getUpload, listUploads, templateCsv, validateUpload } from "./bulk-upload";
export type { UploadColumn, UploadError, UploadStatus, UploadSummary } from "./bulk-upload";
export { exportApprenticesCsv, listApprentices, listFilterOptions, parseListQuery, readListQuery, toSearchParams } from "./list";
export type { ListQuery } from "./list";
