import { NextResponse, type NextRequest } from "next/server";
import { API_MESSAGES, MESSAGES } from "@/lib/api/messages";
import { badPathResponse } from "@/lib/http/paths";
import { applySecurityHeaders } from "@/lib/http/security-headers";

const INVALID_PATH = { title: MESSAGES.bad_request, detail: API_MESSAGES.invalid_path };

/**
 * Next 16's request proxy: a thin composition of steps kept in lib/http. First, a path that does not decode is a 400
 * (lib/http/paths.ts); then pages get the per-request Content-Security-Policy nonce and HSTS (lib/http/security-headers.ts).
 */
export function proxy(request: NextRequest) {
  const bad = badPathResponse(request.nextUrl.pathname, INVALID_PATH);
  if (bad) return bad;
  return request.headers.has("content-type") ? NextResponse.next() : applySecurityHeaders(request);
}

export const config = {
  matcher: [
    // Paths holding a percent sign (the only way to write a byte that does not decode, or a control character).
    "/(.*%.*)",
    // Pages, for their CSP. Never requests that carry a body (they have a Content-Type): for every request the proxy
    // matches, Next reads and buffers up to 10 MB of the body before the route runs, which would defeat the API's body
    // cap (lib/api/http.ts) and cut evidence uploads short. API routes and files keep their own policies.
    {
      source: "/((?!api/|files/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "content-type" }],
    },
  ],
};
