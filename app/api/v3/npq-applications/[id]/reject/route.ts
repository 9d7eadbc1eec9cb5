import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse, requestBody } from "@/lib/api/http";
import { rejectApplication } from "@/lib/npq/applications";
import { serializeApplication } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** POST /api/v3/npq-applications/{id}/reject (no body needed; one that is sent must be JSON, or it is a 400 and nothing is rejected). */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await requestBody(request);
  return dataResponse(serializeApplication(await rejectApplication(actor, params.id)));
});
