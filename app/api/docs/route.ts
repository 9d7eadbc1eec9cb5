import { buildOpenApi, renderApiDocsHtml } from "@/lib/dfe";

export const dynamic = "force-static";

/** GET /api/docs — the lead provider API documentation (NPQ v3 and ECF v2), rendered from the OpenAPI documents. */
export function GET(): Response {
  return new Response(renderApiDocsHtml([buildOpenApi("v3"), buildOpenApi("v2")]), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Self-contained: its own inline styles and nothing else.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}
