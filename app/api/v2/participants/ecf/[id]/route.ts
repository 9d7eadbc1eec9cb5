import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { getEcfParticipant } from "@/lib/ecf/participants";
import { serializeEcfParticipant } from "@/lib/ecf/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf/{id}: 404 for an unknown id or another lead provider's participant. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return dataResponse(serializeEcfParticipant(await getEcfParticipant(actor, params.id)));
});
