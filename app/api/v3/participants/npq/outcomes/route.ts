import { apiRoute } from "@/lib/dfe";
import { dataResponse, dateFilter, pagination } from "@/lib/api";
import { listOutcomes, serializeOutcome } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participants/npq/outcomes — every outcome of the lead provider's participants, oldest first; filter[created_since], page. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listOutcomes(actor, { pagination: pagination(query), createdSince: dateFilter(query, "created_since") });
  return dataResponse(rows.map(serializeOutcome));
});
