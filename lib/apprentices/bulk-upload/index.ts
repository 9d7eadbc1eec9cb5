import "server-only";
/*
 * Bulk upload of apprentice records from a CSV file (provider users). The one module the rest of the app imports.
 *
 * validateUpload parses the file, checks every row against the shared record rules (apprenticeDetailsSchema,
 * standardChoiceErrors) and the database (standards, EPAOs, links, active records) with one query per lookup,
 * and stores the upload with every problem found. importUpload re-checks the stored file inside its transaction
 * and inserts the rows in multi-row chunks: all of them or none.
 *
 * template.ts  the columns and the CSV template
 * decode.ts    bytes to text, CSV reading, the header, dates
 * check.ts     the row checks (checkRows), with lookups.ts for the database queries
 * stage.ts     storing a checked upload (validateUpload), discarding it, locking the upload row
 * import-upload.ts  importing a checked upload (importUpload)
 * report.ts    reading uploads back: summaries, one upload, the problems report CSV
 */

export { decodeCsvBytes, normaliseDate } from "./decode";
export { importUpload, INSERT_CHUNK_SIZE, type ImportResult, type ImportUploadInput } from "./import-upload";
export { errorReportCsv, getUpload, listUploads, type UploadStatus, type UploadSummary } from "./report";
export { discardUpload, validateUpload } from "./stage";
export { MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, TEMPLATE_COLUMNS, templateCsv, type UploadColumn, type UploadError } from "./template";
