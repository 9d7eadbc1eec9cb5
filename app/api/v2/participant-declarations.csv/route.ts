import { apiRoute } from "@/lib/dfe/api-route";
import { dateFilter, participantIdFilter } from "@/lib/api/http";
import { csvResponse, ecfDeclarationsCsv } from "@/lib/ecf/csv";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations.csv: every declaration the filters select (filter[participant_id], filter[updated_since]) as text/csv. */
export const GET = apiRoute(async ({ actor, query }) => {
  return csvResponse(await ecfDeclarationsCsv(actor, { participantIds: participantIdFilter(query), updatedSince: dateFilter(query, "updated_since") }));
});
