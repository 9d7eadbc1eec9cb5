"use server";
import "server-only";

import { action, type Revalidation } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { discardUpload, importUpload, type ImportResult, type ImportUploadInput } from "./bulk-upload";

const UPLOADS: readonly Revalidation[] = [["/provider/apprentices/upload", "layout"]];

/** Imports a checked upload: every row (mode "all") or only the rows without problems (mode "valid-only"). */
export async function importUploadAction(input: ImportUploadInput): Promise<ActionResult<ImportResult>> {
  return action({
    run: (actor) => importUpload(actor, input),
    message: (result) => `${result.importedRows.toLocaleString("en-GB")} apprentice ${result.importedRows === 1 ? "record" : "records"} imported.`,
    revalidate: [["/provider/apprentices", "layout"]],
    // A refused import may have updated the upload's problems (checked again at import time): show them.
    revalidateOnError: UPLOADS,
  });
}

/** Discards a checked upload without importing anything. */
export async function discardUploadAction(input: { uploadId: string }): Promise<ActionResult<{ id: string }>> {
  return action({
    run: (actor) => discardUpload(actor, input.uploadId),
    data: (upload) => ({ id: upload.id }),
    message: (upload) => `${upload.filename} was discarded. Nothing was imported.`,
    revalidate: UPLOADS,
  });
}
