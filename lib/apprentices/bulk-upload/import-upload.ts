import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { apprentices, bulkUploads } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db, type Tx, isUniqueViolation } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { BulkUpload } from "@/db/schema";
import { checkRows, type CheckResult, type ValidRow } from "./check";
import { readCsv } from "./decode";
import { lockOwnUpload, refuseUnlessValidated } from "./stage";
import type { UploadError } from "./template";

/* Importing a checked upload: checked again under a lock on the upload row, then all of its rows or none. */

/** Rows per multi-row INSERT. */
export const INSERT_CHUNK_SIZE = 1000;

export type ImportResult = {
  uploadId: string;
  importedRows: number;
  /** Rows not imported because they have problems (mode "valid-only"). */
  skippedRows: number;
  /** Rows that were valid when the file was checked but no longer were at import time. */
  newProblemRows: number;
};

export const importUploadSchema = z.object({
  uploadId: z.uuid({ error: "Upload not found" }),
  mode: z.enum(["all", "valid-only"], { error: "Choose whether to import all the rows or only the valid ones" }),
});
export type ImportUploadInput = z.input<typeof importUploadSchema>;

type StoredUpload = BulkUpload;
type CreatedRecord = { id: string; uln: string; standardId: string };
type ImportOutcome = { kind: "imported"; result: ImportResult } | { kind: "refused"; message: string };

/** Compares two lists of problems whatever the key order jsonb gave back. */
const errorsKey = (errors: UploadError[]) => errors.map((e) => `${e.line}\u0000${e.column}\u0000${e.message}`).join("\u0001");

/** Why nothing can be imported in this mode, or null. */
function importRefusal(mode: ImportUploadInput["mode"], checked: CheckResult, newProblemRows: number): string | null {
  const errorRows = checked.totalRows - checked.validRows;
  if (mode === "all" && errorRows > 0) {
    return newProblemRows > 0
      ? `Nothing was imported: since the file was checked, ${newProblemRows} ${newProblemRows === 1 ? "row has" : "rows have"} become invalid (for example, a record now exists for the same ULN and standard). The problems are listed below.`
      : `Nothing was imported: ${errorRows} ${errorRows === 1 ? "row has" : "rows have"} problems. Fix them and upload the file again, or import only the valid rows.`;
  }
  if (checked.valid.length === 0) return "Nothing was imported: none of the rows in this file are valid. Fix the problems and upload the file again.";
  return null;
}

/** The valid rows as records, in multi-row INSERTs of INSERT_CHUNK_SIZE. */
async function insertRecords(tx: Tx, actor: UserActor, uploadId: string, valid: ValidRow[]): Promise<CreatedRecord[]> {
  const created: CreatedRecord[] = [];
  for (let i = 0; i < valid.length; i += INSERT_CHUNK_SIZE) {
    const chunk = valid.slice(i, i + INSERT_CHUNK_SIZE);
    created.push(
      ...(await tx
        .insert(apprentices)
        .values(chunk.map((r) => ({ ...r.values, providerId: actor.organisationId, createdBy: actor.userId, bulkUploadId: uploadId })))
        .returning({ id: apprentices.id, uln: apprentices.uln, standardId: apprentices.standardId })),
    );
  }
  return created;
}

/** One apprentice.created audit event per imported record. */
async function auditCreatedRecords(tx: Tx, actor: UserActor, upload: StoredUpload, valid: ValidRow[], created: CreatedRecord[]) {
  const idByKey = new Map(created.map((c) => [`${c.uln}|${c.standardId}`, c.id]));
  await recordAuditMany(
    tx,
    actor,
    valid.map((r) => ({
      action: "apprentice.created",
      entityType: "apprentice",
      entityId: idByKey.get(`${r.values.uln}|${r.standard.id}`)!,
      summary: `Created the record for ${r.values.givenNames} ${r.values.familyName} (ULN ${r.values.uln}) on ${r.standard.reference} ${r.standard.title}, EPAO ${r.epao.name}, from the bulk upload ${upload.filename} (line ${r.line})`,
      after: {
        standard: r.standard.reference,
        version: r.values.standardVersion,
        epao: r.epao.code,
        startDate: r.values.startDate,
        plannedEndDate: r.values.plannedEndDate,
        bulkUploadId: upload.id,
      },
    })),
  );
}

/** Marks the upload imported (with the problems found at import time) and audits it; the number of rows skipped. */
async function markImported(tx: Tx, actor: UserActor, upload: StoredUpload, checked: CheckResult, importedRows: number): Promise<number> {
  await tx
    .update(bulkUploads)
    .set({ status: "imported", importedRows, importedAt: new Date(), validRows: checked.validRows, errors: checked.errors })
    .where(eq(bulkUploads.id, upload.id));
  const skippedRows = checked.totalRows - importedRows;
  await recordAudit(tx, actor, {
    action: "bulk_upload.imported",
    entityType: "bulk_upload",
    entityId: upload.id,
    summary: `Imported ${importedRows} apprentice ${importedRows === 1 ? "record" : "records"} from ${upload.filename}${skippedRows > 0 ? `; ${skippedRows} ${skippedRows === 1 ? "row" : "rows"} with problems not imported` : ""}`,
    before: { status: "validated" },
    after: { status: "imported", importedRows, skippedRows },
  });
  return skippedRows;
}

/** The import inside its transaction: lock, check again, refuse (storing new problems) or insert and audit. */
async function importLocked(tx: Tx, actor: UserActor, data: z.output<typeof importUploadSchema>): Promise<ImportOutcome> {
  const upload = await lockOwnUpload(tx, actor, data.uploadId);
  refuseUnlessValidated(upload.status);
  const checked = await checkRows(tx, actor.organisationId, readCsv(upload.content), { lock: true });
  const changed = checked.validRows !== upload.validRows || errorsKey(checked.errors) !== errorsKey(upload.errors);
  const newProblemRows = Math.max(0, upload.validRows - checked.validRows);
  const refusal = importRefusal(data.mode, checked, newProblemRows);
  if (refusal) {
    if (changed) await tx.update(bulkUploads).set({ validRows: checked.validRows, errors: checked.errors }).where(eq(bulkUploads.id, upload.id));
    return { kind: "refused", message: refusal };
  }
  const created = await insertRecords(tx, actor, upload.id, checked.valid);
  await auditCreatedRecords(tx, actor, upload, checked.valid, created);
  const importedRows = created.length;
  const skippedRows = await markImported(tx, actor, upload, checked, importedRows);
  return { kind: "imported", result: { uploadId: upload.id, importedRows, skippedRows, newProblemRows } };
}

/**
 * Imports a checked upload: mode "all" only when no row has a problem, "valid-only" the rows without problems.
 * The stored file is checked again inside the transaction (the database may have changed since), the upload row
 * is locked so it cannot be imported twice, and the records go in as multi-row INSERTs in one transaction: all of
 * them or none. If the check now finds new problems in mode "all", nothing is imported and the upload's problems
 * are updated so the page shows them.
 */
export async function importUpload(actor: UserActor, input: ImportUploadInput): Promise<ImportResult> {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(importUploadSchema, input);
  let outcome: ImportOutcome;
  try {
    outcome = await db().transaction((tx) => importLocked(tx, actor, data));
  } catch (error) {
    if (isUniqueViolation(error, "apprentices_active_uln_standard_key")) {
      throw new ConflictError(
        "Nothing was imported: while the file was being imported, someone else created a record for one of its ULNs on the same standard. Try the import again to see which rows are affected.",
      );
    }
    throw error;
  }
  if (outcome.kind === "refused") throw new ValidationError({ form: outcome.message }, outcome.message);
  return outcome.result;
}
