import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getDeliveryPartner, serializeDeliveryPartner } from "@/lib/dfe";

export const dynamic = "force-dynamic";

/** GET /api/v3/delivery-partners/{id} (DfE serves it; its published spec documents only the list). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeliveryPartner(await getDeliveryPartner(actor, params.id))));
