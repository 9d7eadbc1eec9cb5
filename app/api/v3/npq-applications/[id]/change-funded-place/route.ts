import { apiRoute } from "@/lib/dfe";
import { dataResponse, optionalAttributes } from "@/lib/api";
import { changeFundedPlace, getApplication, serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v3/npq-applications/{id}/change-funded-place — {"data":{"type":"npq-application-change-funded-place","attributes":{"funded_place":true}}}.
 * As DfE: a body without `data` leaves funded_place unset (422), `data` without funded_place is a 400.
 */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await getApplication(actor, params.id);
  const attributes = await optionalAttributes(request, ["funded_place", "schedule_identifier"]);
  return dataResponse(serializeApplication(await changeFundedPlace(actor, params.id, { fundedPlace: attributes.funded_place })));
});
