import { apiRoute } from "@/lib/dfe";
import { BadRequestError, dataResponse, readAttributes, MESSAGES } from "@/lib/api";
import { changeSchedule, serializeParticipant } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participants/npq/{id}/change-schedule — {"data":{"type":"participant-change-schedule","attributes":{…}}}; no (or empty) attributes is a 400, as DfE. */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const attributes = await readAttributes(request);
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(
    serializeParticipant(
      await changeSchedule(actor, params.id, {
        scheduleIdentifier: attributes.schedule_identifier,
        courseIdentifier: attributes.course_identifier,
        cohort: attributes.cohort,
      }),
    ),
  );
});
