/**
 * Request paths that cannot name anything. Next.js decodes each dynamic segment ([id]) with decodeURIComponent and
 * answers a path that does not decode (`%ZZ`, or an overlong or otherwise invalid UTF-8 sequence like `%C0%AF`) with
 * a bare 500; a decoded NUL or other control character would reach our code and the database. proxy.ts asks this
 * first, so every page and route handler is covered, a new one included.
 */

// C0 controls and DEL: never part of a real path here.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Whether a raw (still percent-encoded) pathname decodes to UTF-8 text without control characters. */
export function isDecodablePath(pathname: string): boolean {
  try {
    return !CONTROL_CHARACTER.test(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

const BAD_PATH_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>The web address is not valid – Attain</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; max-width: 960px; margin: 0 auto; padding: 40px 16px;">
<main id="main-content">
<h1 style="font-size: 2.25rem;">The web address is not valid</h1>
<p style="font-size: 1.2rem;">If you typed the web address, check it is correct. If you pasted it, check you copied the entire address. If you followed a link, it may have been cut short or changed.</p>
<p style="font-size: 1.2rem;"><a href="/" style="color: #1d70b8;">Go to your home page</a></p>
</main>
</body>
</html>
`;

/**
 * The 400 for a path that does not decode (isDecodablePath), or null when it does: on the Lead Provider API
 * (/api/v2, /api/v3) the error in DfE's body ({"errors":[apiError]}, the caller gives DfE's words), a GOV.UK-style
 * page elsewhere.
 */
export function badPathResponse(pathname: string, apiError: { title: string; detail: string }): Response | null {
  if (isDecodablePath(pathname)) return null;
  if (/^\/api\/v[23](\/|$)/.test(pathname)) return Response.json({ errors: [apiError] }, { status: 400, headers: NO_STORE });
  return new Response(BAD_PATH_PAGE, { status: 400, headers: { ...NO_STORE, "Content-Type": "text/html; charset=utf-8" } });
}
