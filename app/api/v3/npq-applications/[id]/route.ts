import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getApplication, serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/npq-applications/{id} */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeApplication(await getApplication(actor, params.id))));
