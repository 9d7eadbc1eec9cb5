import type { NextRequest } from "next/server";
import { applySecurityHeaders } from "@/lib/http/security-headers";

/**
 * Next 16's request proxy: a thin composition of steps kept in lib/http. Today one step: the per-request
 * Content-Security-Policy nonce and HSTS (lib/http/security-headers.ts).
 */
export function proxy(request: NextRequest) {
  return applySecurityHeaders(request);
}

export const config = {
  // Not the build's static files (hashed, immutable, no HTML).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
