import "server-only";
import { formFiles, jsonProblem } from "@/lib/http/routes";
import { MAX_FILES_PER_UPLOAD, maxUploadBytes } from "@/lib/storage";
import { route, type RouteContext } from "./route";

/**
 * The entry kit's upload route handlers (multipart, field `file`, possibly several): route handlers rather than server
 * actions, for large files and upload progress. On top of lib/entry/route.ts (signed in, same origin, service errors
 * → JSON): the request no larger than the files allowed (413), a form that parses (400), then the service; answers
 * JSON `{ message, fieldErrors }` with 201/400/401/403/404/413/422.
 *
 *     export const POST = upload<{ requestId: string }>(({ actor, form, files, params }) =>
 *       answerEvidenceRequest(actor, { requestId: params.requestId, note: text(form, "note") || undefined, files }),
 *     );
 */

export type UploadedFile = { name: string; bytes: Uint8Array };

export type UploadLimits = {
  /** A request declaring a larger Content-Length is a 413 before anything is read. */
  maxRequestBytes: number;
  /** A file larger than this is a 413 here; without it the service checks each file's size. */
  maxFileBytes?: number;
  /** The 413's message (also the `file` field's). */
  tooBig: string;
  /** The 400's message when the form cannot be read (also the `file` field's). */
  choose: string;
};

/** Room for the multipart envelope around the files themselves. */
const EVIDENCE_ENVELOPE_BYTES = 256 * 1024;

/** Evidence and documents (lib/storage checks each file): up to MAX_FILES_PER_UPLOAD files of MAX_UPLOAD_BYTES each. */
export function evidenceLimits(): UploadLimits {
  const limit = maxUploadBytes();
  return {
    maxRequestBytes: limit * MAX_FILES_PER_UPLOAD + EVIDENCE_ENVELOPE_BYTES,
    tooBig: `The selected file must be smaller than ${Math.round(limit / (1024 * 1024))} MB`,
    choose: "Select a file to upload",
  };
}

export type UploadOptions<R> = {
  /** The limits, read for each request (evidence limits by default). */
  limits?: () => UploadLimits;
  /** The 201's body, from the service's result (`{ message: "Uploaded", result }` by default). */
  reply?: (result: R) => unknown;
};

export function upload<P extends Record<string, string> = Record<string, never>, R = unknown>(
  run: (ctx: RouteContext<P> & { form: FormData; files: UploadedFile[] }) => Promise<R>,
  { limits = evidenceLimits, reply = (result) => ({ message: "Uploaded", result }) }: UploadOptions<R> = {},
) {
  return route<P>(
    { problems: "json", signedOut: "Your session has ended. Sign in again to upload the file.", crossSite: "This upload did not come from Attain." },
    async (ctx) => {
      const { maxRequestBytes, maxFileBytes, tooBig, choose } = limits();
      if (Number(ctx.request.headers.get("content-length") ?? 0) > maxRequestBytes) return jsonProblem(413, tooBig, { file: tooBig });
      let form: FormData;
      try {
        form = await ctx.request.formData();
      } catch {
        return jsonProblem(400, choose, { file: choose });
      }
      const files = await formFiles(form, "file");
      if (maxFileBytes !== undefined && files.some((f) => f.bytes.byteLength > maxFileBytes)) return jsonProblem(413, tooBig, { file: tooBig });
      const result = await run({ ...ctx, form, files });
      return Response.json(reply(result), { status: 201, headers: { "Cache-Control": "no-store" } });
    },
  );
}

/** A text field of the form ("" when missing or a file). */
export function text(form: FormData, field: string): string {
  const value = form.get(field);
  return typeof value === "string" ? value : "";
}
