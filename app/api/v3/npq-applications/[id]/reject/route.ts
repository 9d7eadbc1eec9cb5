import { apiRoute } from "@/lib/dfe";
import { dataResponse, requestBody } from "@/lib/api";
import { rejectApplication, serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** POST /api/v3/npq-applications/{id}/reject (no body needed; one that is sent must be JSON, or it is a 400 and nothing is rejected). */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await requestBody(request);
  return dataResponse(serializeApplication(await rejectApplication(actor, params.id)));
});
