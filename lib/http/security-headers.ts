import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { servedOverHttps } from "./client-ip";

/**
 * Security headers for every page, applied by proxy.ts (Next 16's request proxy) so they can differ per request:
 *
 * - Content-Security-Policy with a fresh nonce per request. Next reads the nonce from the request's own
 *   Content-Security-Policy header (set here on the request it forwards) and puts it on its framework and page scripts;
 *   'strict-dynamic' lets those load the chunks they need. No 'unsafe-eval' outside `next dev` (React's dev tooling
 *   needs eval there). Every page is rendered per request (the root layout calls connection()), so no prerendered HTML
 *   is served with scripts that lack this request's nonce.
 * - Strict-Transport-Security only when the request came over https (servedOverHttps: NEXTAUTH_URL is https, or a
 *   trusted proxy's X-Forwarded-Proto says so); on plain http it would be ignored by browsers and wrong to claim.
 *
 * Headers that never vary (Permissions-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy) are in
 * next.config.mjs, for every response including API routes and files; frame-ancestors 'none' here matches its
 * X-Frame-Options: DENY. API routes and file downloads (/api/**,
 * /files/**) keep their own Content-Security-Policy (the docs page's, the downloads' sandbox): a second policy here
 * would be enforced as well and break them.
 */

export const NONCE_HEADER = "x-nonce";
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** A 128-bit random nonce, base64 (the characters Next's nonce parser accepts). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  const directives: [string, ...string[]][] = [
    // script-src first: Next takes the nonce from the first directive starting "script-src".
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["default-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    // Server actions, next-auth and Next's router fetch from this origin only; `next dev` adds its HMR websocket.
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    // Stylesheets are files from this origin. `next dev` injects <style> elements for its overlay without a nonce.
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    // Style *attributes* cannot carry a nonce, and the portal sets a few from data (bar widths in components/charts).
    // 'unsafe-inline' here covers attributes only (never <style> elements, which stay 'self' + nonce), and an
    // attribute cannot select other elements, so it cannot be used to read the page the way injected CSS rules can.
    ["style-src-attr", "'unsafe-inline'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Paths that get the page policy: everything but API routes and file downloads, which set their own. */
export function wantsPagePolicy(pathname: string): boolean {
  return !/^\/(api|files)(\/|$)/.test(pathname);
}

/**
 * The proxy step: forwards the request with the nonce (for Next, as Content-Security-Policy, and as x-nonce for any
 * server component that needs it) and answers with the policy and, over https, HSTS.
 */
export function applySecurityHeaders(request: NextRequest): NextResponse {
  const https = servedOverHttps(request.headers);
  const requestHeaders = new Headers(request.headers);
  // Never let a client's own value reach the app.
  requestHeaders.delete(NONCE_HEADER);
  requestHeaders.delete("content-security-policy");
  let policy: string | null = null;
  if (wantsPagePolicy(request.nextUrl.pathname)) {
    const nonce = createNonce();
    policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
    requestHeaders.set(NONCE_HEADER, nonce);
    requestHeaders.set("content-security-policy", policy);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (policy) response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}
