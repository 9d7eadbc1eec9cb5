import { apiRoute } from "@/lib/dfe";
import { dataResponse, readAttributes } from "@/lib/api";
import { resumeEcfParticipant, serializeEcfParticipant } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** PUT /api/v2/participants/ecf/{id}/resume: data.attributes course_identifier → 200 with the participant, 422 with DfE's errors. */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const attributes = await readAttributes(request);
  return dataResponse(serializeEcfParticipant(await resumeEcfParticipant(actor, params.id, attributes)));
});
