import { NextResponse, type NextRequest } from "next/server";
import { API_MESSAGES, MESSAGES } from "@/lib/dfe/messages";
import { badPathResponse } from "@/lib/http/paths";

const INVALID_PATH = { title: MESSAGES.bad_request, detail: API_MESSAGES.invalid_path };

/** Next.js 16 proxy: runs before routing. Keep the logic in lib/http/ and this file small. */
export function proxy(request: NextRequest) {
  return badPathResponse(request.nextUrl.pathname, INVALID_PATH) ?? NextResponse.next();
}

export const config = {
  matcher: [
    // Only paths holding a percent sign (the only way to write a byte that does not decode, or a control character).
    // Keep request bodies out of the proxy where it can: for every request it matches, Next reads the whole body
    // and buffers up to 10 MB of it before the route handler runs, which would defeat the API's body cap
    // (lib/dfe/http.ts) and cut evidence uploads over 10 MB short.
    "/(.*%.*)",
  ],
};
