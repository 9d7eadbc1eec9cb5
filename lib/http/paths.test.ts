import { describe, expect, it } from "vitest";
import { API_MESSAGES, MESSAGES } from "@/lib/api/messages";
import { config } from "@/proxy";
import { badPathResponse as badPath, isDecodablePath } from "./paths";

describe("paths that do not decode (proxy.ts)", () => {
  it("tells a path that decodes to text from one that does not, or holds a control character", () => {
    for (const good of ["/", "/epao/apprentices/6f1c2b9e-0000-4000-8000-000000000000", "/files/documents/caf%C3%A9", "/api/v3/npq-applications/a%2Fb"])
      expect(isDecodablePath(good), good).toBe(true);
    for (const bad of ["/epao/apprentices/%ZZ", "/epao/apprentices/%C0%AF", "/x/%E0%80%AF", "/x/%F0%9F", "/x/%", "/x/abc%G1", "/x/%00", "/x/a%0Ab", "/x/%7F"])
      expect(isDecodablePath(bad), bad).toBe(false);
  });

  it("answers DfE's 400 body on the Lead Provider API and a GOV.UK-style 400 page elsewhere", async () => {
    const badPathResponse = (pathname: string) => badPath(pathname, { title: MESSAGES.bad_request, detail: API_MESSAGES.invalid_path });
    expect(badPathResponse("/epao/apprentices/6f1c2b9e")).toBeNull();
    const api = badPathResponse("/api/v3/npq-applications/%ZZ/accept")!;
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      errors: [{ title: "Bad request", detail: "The request path is not valid: each part of it must be correctly percent-encoded UTF-8" }],
    });
    expect((await badPathResponse("/api/v2/participants/ecf/%C0%AF")!.json()).errors[0].title).toBe("Bad request");
    const page = badPathResponse("/epao/apprentices/%C0%AF/gateway")!;
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<h1 style="font-size: 2.25rem;">The web address is not valid</h1>');
  });

  it("runs the proxy on bodies only for paths with a percent sign, so API and upload bodies are never buffered by it", () => {
    // Paths with a percent sign, plus (for the page CSP) only requests without a body: never API routes, files or
    // anything carrying a Content-Type, whose bodies Next would otherwise buffer before the route runs.
    expect(config.matcher[0]).toBe("/(.*%.*)");
    for (const entry of config.matcher.slice(1)) {
      expect(typeof entry).toBe("object");
      const m = entry as { source: string; missing?: { type: string; key: string }[] };
      expect(m.missing).toContainEqual({ type: "header", key: "content-type" });
      expect(m.source).toContain("?!api/|files/");
    }
  });
});
