import { decodeCsvBytes, MAX_UPLOAD_BYTES, validateUpload } from "@/lib/apprentices";
import { upload } from "@/lib/entry";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope around the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const TOO_BIG = "The selected file must be smaller than 5 MB";
const CHOOSE = "Select a CSV file to upload";

/**
 * Receives a CSV file (multipart field `file`), checks every row and stores the upload.
 * 201 with the upload's id and counts; 401/403 when not allowed; 413 when too big; 422 with the problem otherwise.
 * A route handler rather than a server action so the browser can report real upload progress.
 */
export const POST = upload(
  async ({ actor, files: [file] }) => {
    if (!file) throw new ValidationError({ file: CHOOSE }, CHOOSE);
    return validateUpload(actor, { filename: file.name, content: decodeCsvBytes(file.bytes) });
  },
  {
    limits: () => ({ maxRequestBytes: MAX_UPLOAD_BYTES + ENVELOPE_BYTES, maxFileBytes: MAX_UPLOAD_BYTES, tooBig: TOO_BIG, choose: CHOOSE }),
    reply: (upload) => ({ id: upload.id, totalRows: upload.totalRows, validRows: upload.validRows, errorRows: upload.errorRows }),
  },
);
