import { apiRoute } from "@/lib/dfe";
import { dataResponse, readAttributes, listFilters } from "@/lib/api";
import { createEcfDeclaration, listEcfDeclarations, serializeEcfDeclaration } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations: filter[participant_id], filter[updated_since], page[page], page[per_page]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listEcfDeclarations(actor, listFilters(query, "participant_id", "updated_since"));
  return dataResponse(rows.map(serializeEcfDeclaration));
});

/** POST /api/v2/participant-declarations: {"data":{"type":"participant-declaration","attributes":{…}}} → 200 with the declaration. */
export const POST = apiRoute(async ({ actor, request }) => {
  const attributes = await readAttributes(request);
  return dataResponse(serializeEcfDeclaration(await createEcfDeclaration(actor, attributes)));
});
