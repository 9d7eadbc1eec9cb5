import { TRAINING_STATUSES } from "@/lib/domain";
import { apiRoute } from "@/lib/dfe";
import { ApiValidationError, dataResponse, dateFilter, pagination, sortParam, MESSAGES } from "@/lib/api";
import { listParticipants, INVALID_TRAINING_STATUS, PARTICIPANT_SORT_FIELDS, type TrainingStatus, serializeParticipant } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participants/npq — filter[updated_since], filter[training_status], filter[from_participant_id], sort, page. */
export const GET = apiRoute(async ({ actor, query }) => {
  const status = query.get("filter[training_status]") || undefined;
  // DfE answers an unknown training status with a 422 (API::Errors::FilterValidationError).
  if (status !== undefined && !(TRAINING_STATUSES as readonly string[]).includes(status)) {
    throw new ApiValidationError([{ title: MESSAGES.unpermitted_parameters, detail: INVALID_TRAINING_STATUS }]);
  }
  const rows = await listParticipants(actor, {
    pagination: pagination(query),
    updatedSince: dateFilter(query, "updated_since"),
    trainingStatus: status as TrainingStatus | undefined,
    fromParticipantId: query.get("filter[from_participant_id]")?.trim() || undefined,
    sort: sortParam(query, PARTICIPANT_SORT_FIELDS),
  });
  return dataResponse(rows.map(serializeParticipant));
});
