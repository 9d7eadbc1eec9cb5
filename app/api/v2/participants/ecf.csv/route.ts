import { apiRoute } from "@/lib/dfe";
import { cohortFilter, dateFilter } from "@/lib/api";
import { csvResponse, ecfParticipantsCsv } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf.csv: every training record the filters select (filter[cohort], filter[updated_since]) as text/csv. */
export const GET = apiRoute(async ({ actor, query }) => {
  return csvResponse(await ecfParticipantsCsv(actor, { cohorts: cohortFilter(query), updatedSince: dateFilter(query, "updated_since") }));
});
