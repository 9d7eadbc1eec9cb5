import { apiRoute } from "@/lib/entry/api";
import { dataResponse } from "@/lib/dfe/http";
import { getEcfParticipant } from "@/lib/ecf/participants";
import { serializeEcfParticipant } from "@/lib/ecf/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v2/participants/ecf/{id}: 404 for an unknown id or another lead provider's participant. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return dataResponse(serializeEcfParticipant(await getEcfParticipant(actor, params.id)));
});
