import { apiRoute, dataResponse } from "@/lib/dfe/http";
import { rejectApplication } from "@/lib/npq/applications";
import { serializeApplication } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** POST /api/v3/npq-applications/{id}/reject */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeApplication(await rejectApplication(actor, params.id))));
