import { apiRoute } from "@/lib/dfe";
import { BadRequestError, cohortFilter, dataResponse, dateFilter, pagination, participantIdFilter, readAttributes } from "@/lib/api";
import { MESSAGES } from "@/lib/api";
import { createDeclaration, listDeclarations } from "@/lib/npq";
import { serializeDeclaration } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participant-declarations: filter[cohort], filter[updated_since], filter[participant_id], page[…]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listDeclarations(actor, {
    pagination: pagination(query),
    cohorts: cohortFilter(query),
    updatedSince: dateFilter(query, "updated_since"),
    participantIds: participantIdFilter(query),
  });
  return dataResponse(rows.map(serializeDeclaration));
});

/** POST /api/v3/participant-declarations: {"data":{"type":"participant-declaration","attributes":{…}}} → 200 with the declaration. */
export const POST = apiRoute(async ({ actor, request }) => {
  const attributes = await readAttributes(request);
  // DfE: params.require(:data).require(:attributes) — an empty attributes object is missing too.
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(serializeDeclaration(await createDeclaration(actor, attributes)));
});
