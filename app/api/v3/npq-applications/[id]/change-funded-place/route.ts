import { apiRoute, BadRequestError, dataResponse, readAttributes } from "@/lib/dfe/http";
import { MESSAGES } from "@/lib/dfe/messages";
import { changeFundedPlace, getApplication } from "@/lib/npq/applications";
import { serializeApplication } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

function sentData(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === "object" && body !== null && "data" in body;
  } catch {
    return false;
  }
}

/**
 * PUT /api/v3/npq-applications/{id}/change-funded-place — {"data":{"type":"npq-application-change-funded-place","attributes":{"funded_place":true}}}.
 * As DfE: a body without `data` leaves funded_place unset (422), `data` without funded_place is a 400.
 */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await getApplication(actor, params.id);
  const text = await request.clone().text();
  const attributes = await readAttributes(request, { optional: true });
  if (!("funded_place" in attributes) && !("schedule_identifier" in attributes) && sentData(text)) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(serializeApplication(await changeFundedPlace(actor, params.id, { fundedPlace: attributes.funded_place })));
});
