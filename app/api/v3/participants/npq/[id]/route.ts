import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getParticipant, serializeParticipant } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participants/npq/{id} */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeParticipant(await getParticipant(actor, params.id))));
