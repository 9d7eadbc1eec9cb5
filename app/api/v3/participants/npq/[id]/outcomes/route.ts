import { apiRoute } from "@/lib/dfe";
import { BadRequestError, dataResponse, pagination, readAttributes, MESSAGES } from "@/lib/api";
import { createOutcome, listParticipantOutcomes, serializeOutcome } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participants/npq/{id}/outcomes — the participant's outcomes with this lead provider, oldest first. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params, query }) => {
  const rows = await listParticipantOutcomes(actor, params.id, { pagination: pagination(query) });
  return dataResponse(rows.map(serializeOutcome));
});

/** POST /api/v3/participants/npq/{id}/outcomes — {"data":{"type":"npq-outcome-confirmation","attributes":{"course_identifier","state","completion_date"}}}. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const attributes = await readAttributes(request);
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  const outcome = await createOutcome(actor, params.id, {
    courseIdentifier: attributes.course_identifier,
    state: attributes.state,
    completionDate: attributes.completion_date,
  });
  return dataResponse(serializeOutcome(outcome));
});
