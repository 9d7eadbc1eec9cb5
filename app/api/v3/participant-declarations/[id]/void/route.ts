import { apiRoute } from "@/lib/dfe";
import { dataResponse, requestBody } from "@/lib/api";
import { voidDeclaration, serializeDeclaration } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participant-declarations/{id}/void (no body needed; one that is sent must be JSON, or it is a 400 and nothing is voided). */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await requestBody(request);
  return dataResponse(serializeDeclaration(await voidDeclaration(actor, params.id)));
});
