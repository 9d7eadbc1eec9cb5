/**
 * The dfe front door: what pages, components, routes and jobs may call. Everything else in lib/dfe/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { COHORTS, findSchedule } from "./schedules";
export { listApiTokens, revokeApiToken } from "./tokens";
export { leadProviderActorFromUser } from "./actor";
export { DELIVERY_PARTNER_SORT_FIELDS, getDeliveryPartner, listDeliveryPartners, serializeDeliveryPartner } from "./delivery-partners";
export { buildOpenApi, renderApiDocsHtml } from "./openapi";
export { apiRoute } from "./api-route";
