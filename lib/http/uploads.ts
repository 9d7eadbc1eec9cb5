import { getActor } from "@/lib/session";
import type { UserActor } from "@/lib/auth/actor";
import { MAX_FILES_PER_UPLOAD } from "@/lib/assessment/files";
import { maxUploadBytes } from "@/lib/storage";
import { formFiles, isSameOrigin, jsonProblem, serviceErrorStatus } from "./routes";

const ENVELOPE_BYTES = 256 * 1024;

/**
 * The shared shape of the evidence upload route handlers (multipart, field `file`, possibly several): signed in,
 * same origin, not larger than the files allowed, then the service; answers JSON `{ message, fieldErrors }` with
 * 201/401/403/404/413/422. Route handlers rather than server actions: large files and upload progress.
 */
export async function handleUpload(
  request: Request,
  run: (actor: UserActor, form: FormData, files: { name: string; bytes: Uint8Array }[]) => Promise<unknown>,
): Promise<Response> {
  const actor = await getActor();
  if (!actor) return jsonProblem(401, "Your session has ended. Sign in again to upload the file.");
  if (!isSameOrigin(request)) return jsonProblem(403, "This upload did not come from Attain.");
  const limit = maxUploadBytes();
  const tooBig = `The selected file must be smaller than ${Math.round(limit / (1024 * 1024))} MB`;
  if (Number(request.headers.get("content-length") ?? 0) > limit * MAX_FILES_PER_UPLOAD + ENVELOPE_BYTES) return jsonProblem(413, tooBig, { file: tooBig });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return jsonProblem(400, "Select a file to upload", { file: "Select a file to upload" });
  }
  try {
    const result = await run(actor, form, await formFiles(form, "file"));
    return Response.json({ message: "Uploaded", result }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const { status, message, fieldErrors } = serviceErrorStatus(error);
    return jsonProblem(status, message, fieldErrors);
  }
}

export function text(form: FormData, field: string): string {
  const value = form.get(field);
  return typeof value === "string" ? value : "";
}
