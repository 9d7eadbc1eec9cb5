import { apiRoute } from "@/lib/dfe/api-route";
import { BadRequestError, dataResponse, readAttributes } from "@/lib/api/http";
import { MESSAGES } from "@/lib/api/messages";
import { resumeParticipant } from "@/lib/npq/participants";
import { serializeParticipant } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participants/npq/{id}/resume — {"data":{"type":"participant-resume","attributes":{…}}}; no (or empty) attributes is a 400, as DfE. */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const attributes = await readAttributes(request);
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(serializeParticipant(await resumeParticipant(actor, params.id, { courseIdentifier: attributes.course_identifier })));
});
