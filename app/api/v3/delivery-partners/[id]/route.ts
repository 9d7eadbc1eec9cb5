import { apiRoute, getDeliveryPartner, serializeDeliveryPartner } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";

export const dynamic = "force-dynamic";

/** GET /api/v3/delivery-partners/{id} (DfE serves it; its published spec documents only the list). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeliveryPartner(await getDeliveryPartner(actor, params.id))));
