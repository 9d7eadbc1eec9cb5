import { decodeCsvBytes, MAX_UPLOAD_BYTES, validateUpload } from "@/lib/apprentices/bulk-upload";
import { getActor } from "@/lib/session";
import { isSameOrigin, jsonProblem, serviceErrorStatus } from "@/lib/http/routes";

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
export async function POST(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonProblem(401, "Your session has ended. Sign in again to upload the file.");
  if (!isSameOrigin(request)) return jsonProblem(403, "This upload did not come from Attain.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) return jsonProblem(413, TOO_BIG, { file: TOO_BIG });

  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return jsonProblem(400, CHOOSE, { file: CHOOSE });
  }
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) return jsonProblem(422, CHOOSE, { file: CHOOSE });
  if (file.size > MAX_UPLOAD_BYTES) return jsonProblem(413, TOO_BIG, { file: TOO_BIG });

  try {
    const content = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    const upload = await validateUpload(actor, { filename: file.name, content });
    return Response.json(
      { id: upload.id, totalRows: upload.totalRows, validRows: upload.validRows, errorRows: upload.errorRows },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const { status, message, fieldErrors } = serviceErrorStatus(error);
    return jsonProblem(status, message, fieldErrors);
  }
}
