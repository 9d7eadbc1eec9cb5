import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { bulkUploads, users } from "@/db/schema";
import type { BulkUpload } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { csvCell } from "@/lib/csv";
import { db } from "@/lib/db";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { readCsv } from "./decode";
import { TEMPLATE_COLUMNS, type UploadError } from "./template";

/* Reading uploads back: the summaries of the upload list, one upload with its first problems, the problems report. */

/** How many problems the upload page lists; the downloadable report has them all. */
export const ERROR_DISPLAY_LIMIT = 500;
const RECENT_UPLOADS = 20;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NOT_FOUND = "Upload not found.";

export type UploadStatus = BulkUpload["status"];

export type UploadSummary = {
  id: string;
  filename: string;
  status: UploadStatus;
  totalRows: number;
  validRows: number;
  /** Rows with at least one problem. */
  errorRows: number;
  /** Problems in all (a row can have several). */
  errorCount: number;
  importedRows: number | null;
  importedAt: Date | null;
  createdAt: Date;
  uploadedBy: string | null;
};

export type UploadDetail = UploadSummary & {
  /** The first ERROR_DISPLAY_LIMIT problems, by line and column; errorReportCsv has them all. */
  errors: UploadError[];
};

function summaryColumns() {
  return {
    id: bulkUploads.id,
    filename: bulkUploads.filename,
    status: bulkUploads.status,
    totalRows: bulkUploads.totalRows,
    validRows: bulkUploads.validRows,
    importedRows: bulkUploads.importedRows,
    importedAt: bulkUploads.importedAt,
    createdAt: bulkUploads.createdAt,
    uploadedBy: users.name,
    errorCount: sql<number>`jsonb_array_length(${bulkUploads.errors})`.mapWith(Number),
  };
}

function toSummary<T extends Omit<UploadSummary, "errorRows">>(row: T): T & { errorRows: number } {
  return { ...row, errorRows: row.totalRows - row.validRows };
}

/** One of the provider's own uploads with its first problems; another organisation's is reported as not found. */
export async function getUpload(actor: UserActor, uploadId: string): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  const row = await oneOrNotFound(
    db()
      .select({
        ...summaryColumns(),
        errors: sql<UploadError[]>`coalesce((
        select jsonb_agg(e.value order by e.n)
        from jsonb_array_elements(${bulkUploads.errors}) with ordinality as e(value, n)
        where e.n <= ${ERROR_DISPLAY_LIMIT}
      ), '[]'::jsonb)`.mapWith(bulkUploads.errors),
      })
      .from(bulkUploads)
      .leftJoin(users, eq(users.id, bulkUploads.uploadedBy))
      .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId))),
    NOT_FOUND,
  );
  return toSummary(row);
}

/** The provider's most recent uploads, newest first. */
export async function listUploads(actor: UserActor): Promise<UploadSummary[]> {
  assertCan(actor, "apprentices.manage");
  const rows = await db()
    .select(summaryColumns())
    .from(bulkUploads)
    .leftJoin(users, eq(users.id, bulkUploads.uploadedBy))
    .where(eq(bulkUploads.providerId, actor.organisationId))
    .orderBy(desc(bulkUploads.createdAt), desc(bulkUploads.id))
    .limit(RECENT_UPLOADS);
  return rows.map(toSummary);
}

/** Every problem of an upload as CSV: line, column, problem, then the row's original values. */
export async function errorReportCsv(actor: UserActor, uploadId: string): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  const upload = await oneOrNotFound(
    db()
      .select({ filename: bulkUploads.filename, content: bulkUploads.content, errors: bulkUploads.errors })
      .from(bulkUploads)
      .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId))),
    NOT_FOUND,
  );
  const valuesByLine = new Map(readCsv(upload.content).rows.map((r) => [r.line, r.values]));
  const lines = [["Line", "Column", "Problem", ...TEMPLATE_COLUMNS].map(csvCell).join(",")];
  for (const error of upload.errors) {
    const values = valuesByLine.get(error.line);
    lines.push([String(error.line), error.column, error.message, ...TEMPLATE_COLUMNS.map((c) => values?.[c] ?? "")].map(csvCell).join(","));
  }
  const base = upload.filename.replace(/\.csv$/i, "");
  return { filename: `${base}-problems.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}
