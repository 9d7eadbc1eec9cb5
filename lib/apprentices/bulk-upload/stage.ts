import "server-only";
import { and, eq } from "drizzle-orm";
import { bulkUploads } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError, oneOrNotFound } from "@/lib/errors";
import { checkRows } from "./check";
import { fileError, readCsv } from "./decode";
import { ERROR_DISPLAY_LIMIT, getUpload, NOT_FOUND, UUID, type UploadDetail, type UploadStatus } from "./report";
import { MAX_UPLOAD_BYTES } from "./template";

/* Staging a checked upload and discarding it; the upload row is locked (FOR UPDATE) to change it. */

function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || "upload.csv";
}

/**
 * Checks an uploaded CSV file and stores it with every problem found, ready to import. Refuses (ValidationError
 * on "file") a file that cannot be used at all: empty, too big, no header row, unknown or missing columns,
 * more than 10,000 rows.
 */
export async function validateUpload(actor: UserActor, input: { filename: string; content: string }): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  const filename = cleanFilename(input.filename);
  if (!/\.csv$/i.test(filename)) throw fileError("The selected file must be a CSV file (.csv). In your spreadsheet, use Save as and choose CSV");
  if (Buffer.byteLength(input.content, "utf8") > MAX_UPLOAD_BYTES) throw fileError("The selected file must be smaller than 5 MB");
  const content = input.content.replace(/^\uFEFF/, "");
  const file = readCsv(content);
  return db().transaction(async (tx) => {
    const checked = await checkRows(tx, actor.organisationId, file, { lock: false });
    const [created] = await tx
      .insert(bulkUploads)
      .values({
        providerId: actor.organisationId,
        uploadedBy: actor.userId,
        filename,
        content,
        status: "validated",
        totalRows: checked.totalRows,
        validRows: checked.validRows,
        errors: checked.errors,
      })
      .returning();
    const upload = created!;
    const errorRows = checked.totalRows - checked.validRows;
    await recordAudit(tx, actor, {
      action: "bulk_upload.validated",
      entityType: "bulk_upload",
      entityId: upload.id,
      summary: `Uploaded ${filename}: ${checked.totalRows} ${checked.totalRows === 1 ? "row" : "rows"}, ${checked.validRows} valid, ${errorRows} with problems`,
      after: { filename, totalRows: checked.totalRows, validRows: checked.validRows, problems: checked.errors.length },
    });
    return {
      id: upload.id,
      filename: upload.filename,
      status: upload.status,
      totalRows: upload.totalRows,
      validRows: upload.validRows,
      errorRows,
      errorCount: checked.errors.length,
      importedRows: null,
      importedAt: null,
      createdAt: upload.createdAt,
      uploadedBy: actor.name,
      errors: checked.errors.slice(0, ERROR_DISPLAY_LIMIT),
    };
  });
}

export async function lockOwnUpload(tx: Tx, actor: UserActor, uploadId: string) {
  const upload = await oneOrNotFound(
    tx
      .select()
      .from(bulkUploads)
      .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId)))
      .for("update"),
    NOT_FOUND,
  );
  return upload;
}

export function refuseUnlessValidated(status: UploadStatus) {
  if (status === "imported") throw new ConflictError("This file has already been imported.");
  if (status === "discarded") throw new ConflictError("This file was discarded. Upload it again to import it.");
}

/** Discards a checked upload that is not wanted; nothing is imported. */
export async function discardUpload(actor: UserActor, uploadId: string): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  await db().transaction(async (tx) => {
    const upload = await lockOwnUpload(tx, actor, uploadId);
    if (upload.status === "imported") throw new ConflictError("This file has already been imported, so it cannot be discarded.");
    if (upload.status === "discarded") throw new ConflictError("This file has already been discarded.");
    await tx.update(bulkUploads).set({ status: "discarded" }).where(eq(bulkUploads.id, upload.id));
    await recordAudit(tx, actor, {
      action: "bulk_upload.discarded",
      entityType: "bulk_upload",
      entityId: upload.id,
      summary: `Discarded the bulk upload ${upload.filename} without importing it`,
      before: { status: "validated" },
      after: { status: "discarded" },
    });
  });
  return getUpload(actor, uploadId);
}
