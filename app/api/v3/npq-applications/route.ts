import { apiRoute } from "@/lib/dfe";
import { cohortFilter, dataResponse, dateFilter, pagination, participantIdFilter, sortParam } from "@/lib/api";
import { APPLICATION_SORT_FIELDS, listApplications } from "@/lib/npq";
import { serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/npq-applications — filter[cohort], filter[updated_since], filter[participant_id], sort, page. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listApplications(actor, {
    pagination: pagination(query),
    cohorts: cohortFilter(query),
    updatedSince: dateFilter(query, "updated_since"),
    participantIds: participantIdFilter(query),
    sort: sortParam(query, APPLICATION_SORT_FIELDS),
  });
  return dataResponse(rows.map(serializeApplication));
});
