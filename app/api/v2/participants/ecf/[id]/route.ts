import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getEcfParticipant, serializeEcfParticipant } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf/{id}: 404 for an unknown id or another lead provider's participant. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return dataResponse(serializeEcfParticipant(await getEcfParticipant(actor, params.id)));
});
