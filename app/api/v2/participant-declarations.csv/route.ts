import { apiRoute } from "@/lib/dfe";
import { dateFilter, participantIdFilter } from "@/lib/api";
import { csvResponse, ecfDeclarationsCsv } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations.csv: every declaration the filters select (filter[participant_id], filter[updated_since]) as text/csv. */
export const GET = apiRoute(async ({ actor, query }) => {
  return csvResponse(await ecfDeclarationsCsv(actor, { participantIds: participantIdFilter(query), updatedSince: dateFilter(query, "updated_since") }));
});
