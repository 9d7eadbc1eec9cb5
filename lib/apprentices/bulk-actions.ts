"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { discardUpload, importUpload, type ImportResult, type ImportUploadInput } from "./bulk-upload";

const UPLOADS_PATH = "/provider/apprentices/upload";

/** Imports a checked upload: every row (mode "all") or only the rows without problems (mode "valid-only"). */
export async function importUploadAction(input: ImportUploadInput): Promise<ActionResult<ImportResult>> {
  const actor = await requireActor();
  try {
    const result = await importUpload(actor, input);
    revalidatePath("/provider/apprentices", "layout");
    const records = `${result.importedRows.toLocaleString("en-GB")} apprentice ${result.importedRows === 1 ? "record" : "records"}`;
    return { ok: true, data: result, message: `${records} imported.` };
  } catch (error) {
    // A refused import may have updated the upload's problems (checked again at import time): show them.
    revalidatePath(UPLOADS_PATH, "layout");
    return toActionError(error);
  }
}

/** Discards a checked upload without importing anything. */
export async function discardUploadAction(input: { uploadId: string }): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  try {
    const upload = await discardUpload(actor, input.uploadId);
    revalidatePath(UPLOADS_PATH, "layout");
    return { ok: true, data: { id: upload.id }, message: `${upload.filename} was discarded. Nothing was imported.` };
  } catch (error) {
    return toActionError(error);
  }
}
