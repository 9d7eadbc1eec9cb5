import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getEcfDeclaration, serializeEcfDeclaration } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations/{id}: 404 for an unknown id, an NPQ declaration or another lead provider's. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return dataResponse(serializeEcfDeclaration(await getEcfDeclaration(actor, params.id)));
});
