import { apiRoute } from "@/lib/dfe";
import { cohortFilter, dataResponse, pagination, sortParam } from "@/lib/api";
import { DELIVERY_PARTNER_SORT_FIELDS, listDeliveryPartners, serializeDeliveryPartner } from "@/lib/dfe";

export const dynamic = "force-dynamic";

/** GET /api/v3/delivery-partners: filter[cohort], sort=±name|±created_at|±updated_at (default name), page[…]. */
export const GET = apiRoute(async ({ actor, query }) => {
  const rows = await listDeliveryPartners(actor, {
    pagination: pagination(query),
    cohorts: cohortFilter(query),
    sort: sortParam(query, DELIVERY_PARTNER_SORT_FIELDS),
  });
  return dataResponse(rows.map(serializeDeliveryPartner));
});
