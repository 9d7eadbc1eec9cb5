import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { getEcfDeclaration } from "@/lib/ecf/declarations";
import { serializeEcfDeclaration } from "@/lib/ecf/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations/{id}: 404 for an unknown id, an NPQ declaration or another lead provider's. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return dataResponse(serializeEcfDeclaration(await getEcfDeclaration(actor, params.id)));
});
