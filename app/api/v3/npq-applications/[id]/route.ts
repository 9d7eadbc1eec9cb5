import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { getApplication } from "@/lib/npq/applications";
import { serializeApplication } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v3/npq-applications/{id} */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeApplication(await getApplication(actor, params.id))));
