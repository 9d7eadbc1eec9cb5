import { apiRoute } from "@/lib/dfe";
import { dataResponse, listFilters } from "@/lib/api";
import { serializeStatement, listStatements } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/statements: filter[cohort], filter[updated_since], page[…]; by payment date. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listStatements(actor, listFilters(query, "cohort", "updated_since"));
  return dataResponse(rows.map(serializeStatement));
});
