import { apiRoute } from "@/lib/dfe";
import { cohortFilter, dataResponse, dateFilter, pagination } from "@/lib/api";
import { serializeStatement } from "@/lib/npq";
import { listStatements } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/statements: filter[cohort], filter[updated_since], page[…]; by payment date. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listStatements(actor, { pagination: pagination(query), cohorts: cohortFilter(query), updatedSince: dateFilter(query, "updated_since") });
  return dataResponse(rows.map(serializeStatement));
});
