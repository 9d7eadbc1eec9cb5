import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse, requestBody } from "@/lib/api/http";
import { voidDeclaration } from "@/lib/npq/declarations";
import { serializeDeclaration } from "@/lib/npq/serialize-declarations";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participant-declarations/{id}/void (no body needed; one that is sent must be JSON, or it is a 400 and nothing is voided). */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await requestBody(request);
  return dataResponse(serializeDeclaration(await voidDeclaration(actor, params.id)));
});
