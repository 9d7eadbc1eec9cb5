import { apiRoute, DELIVERY_PARTNER_SORT_FIELDS, listDeliveryPartners, serializeDeliveryPartner } from "@/lib/dfe";
import { dataResponse, sortParam, listFilters } from "@/lib/api";

export const dynamic = "force-dynamic";

/** GET /api/v3/delivery-partners: filter[cohort], sort=±name|±created_at|±updated_at (default name), page[…]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listDeliveryPartners(actor, {
    ...listFilters(query, "cohort"),
    sort: sortParam(query, DELIVERY_PARTNER_SORT_FIELDS),
  });
  return dataResponse(rows.map(serializeDeliveryPartner));
});
