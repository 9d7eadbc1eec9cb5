import { apiRoute } from "@/lib/dfe";
import { dataResponse, readAttributes } from "@/lib/api";
import { changeEcfSchedule, serializeEcfParticipant } from "@/lib/ecf";

export const dynamic = "force-dynamic";

/** PUT /api/v2/participants/ecf/{id}/change-schedule: data.attributes schedule_identifier, course_identifier and optional cohort → 200 with the participant, 422 with DfE's errors. */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const attributes = await readAttributes(request);
  return dataResponse(serializeEcfParticipant(await changeEcfSchedule(actor, params.id, attributes)));
});
