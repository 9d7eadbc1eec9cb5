import { apiRoute } from "@/lib/dfe";
import { BadRequestError, dataResponse, readAttributes, listFilters, MESSAGES } from "@/lib/api";
import { createDeclaration, listDeclarations, serializeDeclaration } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participant-declarations: filter[cohort], filter[updated_since], filter[participant_id], page[…]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listDeclarations(actor, listFilters(query, "cohort", "updated_since", "participant_id"));
  return dataResponse(rows.map(serializeDeclaration));
});

/** POST /api/v3/participant-declarations: {"data":{"type":"participant-declaration","attributes":{…}}} → 200 with the declaration. */
export const POST = apiRoute(async ({ actor, request }) => {
  const attributes = await readAttributes(request);
  // DfE: params.require(:data).require(:attributes) — an empty attributes object is missing too.
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(serializeDeclaration(await createDeclaration(actor, attributes)));
});
