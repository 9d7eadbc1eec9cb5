import { buildOpenApi } from "@/lib/dfe";

export const dynamic = "force-static";

/** GET /api/docs/v3/openapi.json — the OpenAPI 3.0 document for the NPQ API v3. */
export function GET(): Response {
  return Response.json(buildOpenApi("v3"));
}
