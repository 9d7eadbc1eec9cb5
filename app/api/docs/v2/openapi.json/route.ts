import { buildOpenApi } from "@/lib/dfe";

export const dynamic = "force-static";

/** GET /api/docs/v2/openapi.json — the OpenAPI 3.0 document for the ECF API v2. */
export function GET(): Response {
  return Response.json(buildOpenApi("v2"));
}
