import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { getParticipant } from "@/lib/npq/participants";
import { serializeParticipant } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v3/participants/npq/{id} */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeParticipant(await getParticipant(actor, params.id))));
