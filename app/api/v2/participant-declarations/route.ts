import { apiRoute } from "@/lib/dfe";
import { dataResponse, dateFilter, pagination, participantIdFilter, readAttributes } from "@/lib/api";
import { createEcfDeclaration, listEcfDeclarations } from "@/lib/ecf";
import { serializeEcfDeclaration } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** GET /api/v2/participant-declarations: filter[participant_id], filter[updated_since], page[page], page[per_page]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listEcfDeclarations(actor, {
    pagination: pagination(query),
    participantIds: participantIdFilter(query),
    updatedSince: dateFilter(query, "updated_since"),
  });
  return dataResponse(rows.map(serializeEcfDeclaration));
});

/** POST /api/v2/participant-declarations: {"data":{"type":"participant-declaration","attributes":{…}}} → 200 with the declaration. */
export const POST = apiRoute(async ({ actor, request }) => {
  const attributes = await readAttributes(request);
  return dataResponse(serializeEcfDeclaration(await createEcfDeclaration(actor, attributes)));
});
