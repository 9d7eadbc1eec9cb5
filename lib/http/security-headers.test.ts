import path from "node:path";
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { HSTS_VALUE, applySecurityHeaders, contentSecurityPolicy, createNonce, wantsPagePolicy } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("in production: nonce + strict-dynamic scripts, no eval, nothing embedded, forms and base to this site", () => {
    const p = directives(contentSecurityPolicy({ nonce: "abc123==" }));
    expect(p.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(p.get("object-src")).toEqual(["'none'"]);
    expect(p.get("base-uri")).toEqual(["'self'"]);
    expect(p.get("frame-ancestors")).toEqual(["'none'"]);
    expect(p.get("form-action")).toEqual(["'self'"]);
    expect(p.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(p.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(p.has("upgrade-insecure-requests")).toBe(false);
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("unsafe-eval");
    // Next takes the nonce from the first directive starting "script-src".
    expect(contentSecurityPolicy({ nonce: "n" }).startsWith("script-src ")).toBe(true);
  });

  it("allows eval and inline styles only for next dev, and upgrades requests over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });

  it("leaves API routes and file downloads their own policies", () => {
    for (const p of ["/", "/login", "/epao/apprentices/1", "/auth/ended", "/apis", "/filesystem"]) expect(wantsPagePolicy(p), p).toBe(true);
    for (const p of ["/api", "/api/docs", "/api/v3/statements", "/files/evidence/1"]) expect(wantsPagePolicy(p), p).toBe(false);
  });
});

describe("applySecurityHeaders", () => {
  const original = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = original;
  });

  it("forwards the nonce to Next (replacing any the client sent) and answers with the same policy", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const response = applySecurityHeaders(
      new NextRequest("http://localhost:3000/login", { headers: { "x-nonce": "mine", "content-security-policy": "script-src 'nonce-mine'" } }),
    );
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(nonce).not.toBe("mine");
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends HSTS when served over https, and no page policy on API routes", () => {
    process.env.NEXTAUTH_URL = "https://attain.example";
    const response = applySecurityHeaders(new NextRequest("https://attain.example/api/health"));
    expect(response.headers.get("strict-transport-security")).toBe(HSTS_VALUE);
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(
      directives(applySecurityHeaders(new NextRequest("https://attain.example/epao")).headers.get("content-security-policy")!).has("upgrade-insecure-requests"),
    ).toBe(true);
  });
});

describe("next.config.mjs headers", () => {
  it("sends Permissions-Policy (features off) and X-Frame-Options: DENY on every response", async () => {
    const configFile = path.resolve(import.meta.dirname, "../../next.config.mjs");
    const { default: nextConfig, PERMISSIONS_POLICY }: { default: NextConfig; PERMISSIONS_POLICY: string } = await import(configFile);
    const [rule] = await nextConfig.headers!();
    expect(rule!.source).toBe("/:path*");
    const headers = Object.fromEntries(rule!.headers.map((h) => [h.key, h.value]));
    expect(headers["Permissions-Policy"]).toBe(PERMISSIONS_POLICY);
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });
});
