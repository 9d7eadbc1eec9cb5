import { apiRoute } from "@/lib/dfe";
import { cohortFilter, dataResponse, dateFilter, pagination } from "@/lib/api";
import { listEcfParticipants } from "@/lib/ecf";
import { serializeEcfParticipant } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf: filter[cohort], filter[updated_since], page[page], page[per_page]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listEcfParticipants(actor, {
    pagination: pagination(query),
    cohorts: cohortFilter(query),
    updatedSince: dateFilter(query, "updated_since"),
  });
  return dataResponse(rows.map(serializeEcfParticipant));
});
