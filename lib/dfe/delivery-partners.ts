import "server-only";
import { and, asc, desc, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import { deliveryPartners, partnerships } from "@/db/schema";
import { db, type DbOrTx } from "@/lib/db";
import type { LeadProviderActor } from "./actor";
import { isUuid, type Pagination } from "../api/http";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";

/**
 * Delivery partners: the organisations a lead provider delivers training with, by cohort (`partnerships`). What the
 * API lists (GET /api/v3/delivery-partners[/{id}], DfE DeliveryPartners::Query: the delivery partners that have a
 * partnership with the calling lead provider, each with the cohorts of those partnerships), its JSON
 * (tests/fixtures/dfe/npq-api-v3.swagger.yaml: DeliveryPartner), and the lookups a declaration's partners are
 * checked with.
 */

export type DeliveryPartnerRecord = {
  id: string;
  name: string;
  /** Cohorts in which the delivery partner has a partnership with the calling lead provider. */
  cohorts: number[];
  createdAt: Date;
  updatedAt: Date;
};

export const DELIVERY_PARTNER_SORT_FIELDS = ["name", "created_at", "updated_at"] as const;
export type DeliveryPartnerSort = { field: (typeof DELIVERY_PARTNER_SORT_FIELDS)[number]; direction: "asc" | "desc" }[];

const SORT_COLUMNS = { name: deliveryPartners.name, created_at: deliveryPartners.createdAt, updated_at: deliveryPartners.updatedAt } as const;

/** The actor's partnership cohorts of a delivery partner, ascending (names written out: a correlated subquery in a select list). */
const cohortsOf = (actor: LeadProviderActor) =>
  sql<number[]>`array(
    select distinct "p"."cohort" from "partnerships" "p"
    where "p"."delivery_partner_id" = "delivery_partners"."id" and "p"."lead_provider_id" = ${actor.leadProviderId}
    order by 1
  )`;

function partneredWith(actor: LeadProviderActor, cohorts?: number[]) {
  const conditions: SQL[] = [eq(partnerships.deliveryPartnerId, deliveryPartners.id), eq(partnerships.leadProviderId, actor.leadProviderId)];
  if (cohorts) conditions.push(inArray(partnerships.cohort, cohorts));
  return exists(
    db()
      .select({ one: sql`1` })
      .from(partnerships)
      .where(and(...conditions)),
  );
}

const columns = (actor: LeadProviderActor) => ({
  id: deliveryPartners.id,
  name: deliveryPartners.name,
  cohorts: cohortsOf(actor),
  createdAt: deliveryPartners.createdAt,
  updatedAt: deliveryPartners.updatedAt,
});

/** Postgres returns int[] as numbers; keep them numbers whatever the driver hands back. */
const normalise = (row: DeliveryPartnerRecord): DeliveryPartnerRecord => ({ ...row, cohorts: row.cohorts.map(Number) });

export async function listDeliveryPartners(
  actor: LeadProviderActor,
  options: { pagination: Pagination; cohorts?: number[]; sort?: DeliveryPartnerSort },
): Promise<DeliveryPartnerRecord[]> {
  if (options.cohorts?.length === 0) return [];
  const sort = options.sort && options.sort.length > 0 ? options.sort : [{ field: "name" as const, direction: "asc" as const }];
  const rows = await db()
    .select(columns(actor))
    .from(deliveryPartners)
    .where(partneredWith(actor, options.cohorts))
    .orderBy(...sort.map((s) => (s.direction === "desc" ? desc(SORT_COLUMNS[s.field]) : asc(SORT_COLUMNS[s.field]))), asc(deliveryPartners.id))
    .limit(options.pagination.perPage)
    .offset(options.pagination.offset);
  return rows.map(normalise);
}

export async function getDeliveryPartner(actor: LeadProviderActor, id: string): Promise<DeliveryPartnerRecord> {
  if (!isUuid(id)) throw new NotFoundError("Delivery partner not found.");
  const row = await oneOrNotFound(
    db()
      .select(columns(actor))
      .from(deliveryPartners)
      .where(and(eq(deliveryPartners.id, id), partneredWith(actor))),
    "Delivery partner not found.",
  );
  return normalise(row);
}

/** Of these ids, the delivery partners that exist (ids that are not UUIDs exist nowhere). */
export async function existingPartners(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await tx.select({ id: deliveryPartners.id }).from(deliveryPartners).where(inArray(deliveryPartners.id, valid));
  return new Set(rows.map((r) => r.id));
}

/** Delivery partners (of those ids) that have a partnership with the lead provider in the cohort. */
export async function partnersInCohort(tx: DbOrTx, leadProviderId: string, cohort: number, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: partnerships.deliveryPartnerId })
    .from(partnerships)
    .where(and(eq(partnerships.leadProviderId, leadProviderId), eq(partnerships.cohort, cohort), inArray(partnerships.deliveryPartnerId, ids)));
  return new Set(rows.map((r) => r.id));
}

export function serializeDeliveryPartner(p: DeliveryPartnerRecord) {
  return {
    id: p.id,
    type: "delivery-partner" as const,
    attributes: {
      name: p.name,
      cohort: [...new Set(p.cohorts)].sort((a, b) => a - b).map(String),
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    },
  };
}
