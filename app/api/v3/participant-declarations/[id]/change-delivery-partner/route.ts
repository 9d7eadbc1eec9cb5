import { apiRoute } from "@/lib/dfe";
import { BadRequestError, dataResponse, readAttributes, MESSAGES } from "@/lib/api";
import { changeDeliveryPartner, getDeclaration, serializeDeclaration } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participant-declarations/{id}/change-delivery-partner: {"data":{"type":"participant-declaration","attributes":{"delivery_partner_id":…,"secondary_delivery_partner_id":…}}}. */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  // An unknown declaration is a 404 whatever the body (DfE finds the declaration first).
  await getDeclaration(actor, params.id);
  const attributes = await readAttributes(request);
  // DfE: params.require(:data).require(:attributes) — an empty attributes object is missing too.
  if (Object.keys(attributes).length === 0) throw new BadRequestError(MESSAGES.invalid_data_structure);
  return dataResponse(serializeDeclaration(await changeDeliveryPartner(actor, params.id, attributes)));
});
