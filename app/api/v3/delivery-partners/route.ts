import { apiRoute } from "@/lib/entry/api";
import { cohortFilter, dataResponse, pagination, sortParam } from "@/lib/dfe/http";
import { DELIVERY_PARTNER_SORT_FIELDS, listDeliveryPartners } from "@/lib/npq/delivery-partners";
import { serializeDeliveryPartner } from "@/lib/npq/serialize-declarations";

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
