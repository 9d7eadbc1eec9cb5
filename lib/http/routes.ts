/**
 * Pure response writers and request checks for route handlers (uploads and downloads): files, CSV, JSON and text
 * problems, same-origin checks. No knowledge of service errors: lib/entry/errors.ts maps those, lib/entry/route.ts
 * wraps the handlers.
 */

const NO_STORE = { "Cache-Control": "no-store" };

/** A CSV download; the name is kept ASCII-safe with the original in filename* (RFC 6266). */
export function csvDownload(csv: string, filename: string): Response {
  const ascii = filename.replace(/[^A-Za-z0-9._ -]/g, "_");
  return new Response(csv, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
  });
}

export function textProblem(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
}

export function jsonProblem(status: number, message: string, fieldErrors: Record<string, string> = {}): Response {
  return Response.json({ message, fieldErrors }, { status, headers: NO_STORE });
}

/**
 * Whether a browser request comes from this site. Cookies are SameSite=Lax already; this refuses a cross-site
 * POST outright. Requests without an Origin header (non-browser clients) are allowed.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * A stored file as a download: the type we detected at upload (never sniffed by the browser), the name kept ASCII-safe
 * with the original in filename*, never cached by shared caches. PDFs and images may open in the browser (inline).
 */
export function fileDownload(file: { fileName: string; contentType: string; bytes: Uint8Array }): Response {
  const ascii = file.fileName.replace(/[^A-Za-z0-9._ -]/g, "_");
  const inline = file.contentType === "application/pdf" || file.contentType.startsWith("image/");
  return new Response(file.bytes as unknown as BodyInit, {
    headers: {
      "Cache-Control": "private, no-store",
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}

/** The files of a multipart form field (empty file inputs, which browsers send as an empty nameless file, are dropped). */
export async function formFiles(form: FormData, field: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const entries = form.getAll(field).filter((f): f is File => f instanceof File && !(f.size === 0 && f.name === ""));
  return Promise.all(entries.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
