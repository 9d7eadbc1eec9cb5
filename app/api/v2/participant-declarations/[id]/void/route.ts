import { apiRoute } from "@/lib/dfe";
import { dataResponse, requestBody } from "@/lib/api";
import { voidEcfDeclaration, serializeEcfDeclaration } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v2/participant-declarations/{id}/void: voided, or awaiting-clawback when it was paid; 422 "Invalid action" otherwise.
 * No body needed; one that is sent must be JSON, or it is a 400 and nothing is voided.
 */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await requestBody(request);
  return dataResponse(serializeEcfDeclaration(await voidEcfDeclaration(actor, params.id)));
});
