import { apiRoute } from "@/lib/dfe";
import { dataResponse, sortParam, listFilters } from "@/lib/api";
import { APPLICATION_SORT_FIELDS, listApplications, serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/npq-applications — filter[cohort], filter[updated_since], filter[participant_id], sort, page. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listApplications(actor, {
    ...listFilters(query, "cohort", "updated_since", "participant_id"),
    sort: sortParam(query, APPLICATION_SORT_FIELDS),
  });
  return dataResponse(rows.map(serializeApplication));
});
