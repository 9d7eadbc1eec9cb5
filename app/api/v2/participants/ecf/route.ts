import { apiRoute } from "@/lib/dfe";
import { dataResponse, listFilters } from "@/lib/api";
import { listEcfParticipants, serializeEcfParticipant } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf: filter[cohort], filter[updated_since], page[page], page[per_page]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listEcfParticipants(actor, listFilters(query, "cohort", "updated_since"));
  return dataResponse(rows.map(serializeEcfParticipant));
});
