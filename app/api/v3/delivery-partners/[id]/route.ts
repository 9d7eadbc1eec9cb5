import { apiRoute } from "@/lib/entry/api";
import { dataResponse } from "@/lib/dfe/http";
import { getDeliveryPartner } from "@/lib/npq/delivery-partners";
import { serializeDeliveryPartner } from "@/lib/npq/serialize-declarations";

export const dynamic = "force-dynamic";

/** GET /api/v3/delivery-partners/{id} (DfE serves it; its published spec documents only the list). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeliveryPartner(await getDeliveryPartner(actor, params.id))));
