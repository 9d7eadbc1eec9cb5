import "server-only";
import { and, asc, desc, eq, gte, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { apprentices, organisations, standards, users } from "@/db/schema";
import { APPRENTICE_STATUSES } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { parseSearchParams, searchDate, searchPage, searchText, type RawSearchParams } from "@/lib/validation";
import { csvCell } from "@/lib/csv";
import { visibleTo } from "@/lib/auth/scope";

export const SORTABLE = ["familyName", "uln", "standard", "status", "startDate", "plannedEndDate", "updatedAt"] as const;
export type SortKey = (typeof SORTABLE)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

const uuidOr = <T extends string>(literal: T) =>
  z
    .union([z.uuid(), z.literal(literal)])
    .optional()
    .catch(undefined);

/** The list's state, read from the URL search params (so a filtered view can be bookmarked and shared). Bad values are ignored. */
export const listQuerySchema = z.object({
  q: searchText(100),
  standard: z.uuid().optional().catch(undefined),
  status: z.enum(APPRENTICE_STATUSES).optional().catch(undefined),
  provider: z.uuid().optional().catch(undefined),
  epao: z.uuid().optional().catch(undefined),
  assessor: uuidOr("none"),
  startFrom: searchDate(),
  startTo: searchDate(),
  endFrom: searchDate(),
  endTo: searchDate(),
  sort: z.enum(SORTABLE).catch("familyName"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: searchPage(),
  perPage: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))
    .catch(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The list's query, and the params given that could not be used (parseSearchParams). */
export function readListQuery(params: RawSearchParams | URLSearchParams): { query: ListQuery; ignored: string[] } {
  return parseSearchParams(listQuerySchema, params);
}

export function parseListQuery(params: RawSearchParams | URLSearchParams): ListQuery {
  return readListQuery(params).query;
}

/** The query's non-default params, for links that keep the current view. */
export function toSearchParams(query: Partial<ListQuery>, overrides: Partial<Record<keyof ListQuery, string | number | undefined>> = {}): URLSearchParams {
  const merged = { ...query, ...overrides } as Record<string, unknown>;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "sort" && value === "familyName") continue;
    if (key === "dir" && value === "asc") continue;
    if (key === "page" && Number(value) === 1) continue;
    if (key === "perPage" && Number(value) === 50) continue;
    params.set(key, String(value));
  }
  return params;
}

const BACKSLASH = String.fromCharCode(92);
/** The characters a LIKE pattern gives a meaning to (the backslash is its escape character). */
const LIKE_SPECIAL = new Set(["%", "_", BACKSLASH]);

function escapeLike(value: string) {
  return [...value].map((c) => (LIKE_SPECIAL.has(c) ? BACKSLASH + c : c)).join("");
}

export function listConditions(actor: UserActor, query: ListQuery): SQL {
  const conditions: SQL[] = [visibleTo(actor)];
  if (query.q) {
    const q = query.q;
    if (/^\d{1,10}$/.test(q)) {
      const ulnPrefix = q + "%";
      conditions.push(q.length === 10 ? eq(apprentices.uln, q) : sql`${apprentices.uln} like ${ulnPrefix}`);
    } else {
      const parts = q.toLowerCase().split(/\s+/).filter(Boolean);
      for (const part of parts) {
        const prefix = escapeLike(part) + "%";
        conditions.push(or(sql`lower(${apprentices.familyName}) like ${prefix}`, sql`lower(${apprentices.givenNames}) like ${prefix}`)!);
      }
    }
  }
  if (query.standard) conditions.push(eq(apprentices.standardId, query.standard));
  if (query.status) conditions.push(eq(apprentices.status, query.status));
  if (query.provider) conditions.push(eq(apprentices.providerId, query.provider));
  if (query.epao) conditions.push(eq(apprentices.epaoId, query.epao));
  if (query.assessor === "none") conditions.push(isNull(apprentices.assessorId));
  else if (query.assessor) conditions.push(eq(apprentices.assessorId, query.assessor));
  if (query.startFrom) conditions.push(gte(apprentices.startDate, query.startFrom));
  if (query.startTo) conditions.push(lte(apprentices.startDate, query.startTo));
  if (query.endFrom) conditions.push(gte(apprentices.plannedEndDate, query.endFrom));
  if (query.endTo) conditions.push(lte(apprentices.plannedEndDate, query.endTo));
  return and(...conditions)!;
}

function orderBy(query: ListQuery): SQL[] {
  const dir = query.dir === "desc" ? desc : asc;
  const column: Record<SortKey, SQL> = {
    familyName: sql`lower(${apprentices.familyName})`,
    uln: sql`${apprentices.uln}`,
    standard: sql`${standards.reference}`,
    status: sql`${apprentices.status}`,
    startDate: sql`${apprentices.startDate}`,
    plannedEndDate: sql`${apprentices.plannedEndDate}`,
    updatedAt: sql`${apprentices.updatedAt}`,
  };
  return [dir(column[query.sort]), dir(apprentices.id)];
}

const provider = alias(organisations, "provider");
const epao = alias(organisations, "epao");

const listColumns = {
  id: apprentices.id,
  uln: apprentices.uln,
  givenNames: apprentices.givenNames,
  familyName: apprentices.familyName,
  status: apprentices.status,
  startDate: apprentices.startDate,
  plannedEndDate: apprentices.plannedEndDate,
  updatedAt: apprentices.updatedAt,
  standardVersion: apprentices.standardVersion,
  standardReference: standards.reference,
  standardTitle: standards.title,
  providerName: provider.name,
  epaoName: epao.name,
  assessorId: apprentices.assessorId,
  assessorName: users.name,
};
export type ApprenticeListRow = { [K in keyof typeof listColumns]: (typeof listColumns)[K]["_"]["data"] };

function baseSelect() {
  return db()
    .select(listColumns)
    .from(apprentices)
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .innerJoin(provider, eq(provider.id, apprentices.providerId))
    .innerJoin(epao, eq(epao.id, apprentices.epaoId))
    .leftJoin(users, eq(users.id, apprentices.assessorId));
}

/** One page of the records the actor may see, filtered and sorted in SQL, with the total count. */
export async function listApprentices(actor: UserActor, query: ListQuery) {
  const where = listConditions(actor, query);
  const [rows, [count]] = await Promise.all([
    baseSelect()
      .where(where)
      .orderBy(...orderBy(query))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(apprentices)
      .where(where),
  ]);
  const total = count?.total ?? 0;
  return { rows: rows as ApprenticeListRow[], total, page: query.page, perPage: query.perPage, totalPages: Math.max(1, Math.ceil(total / query.perPage)) };
}

export const EXPORT_LIMIT = 100_000;
const CSV_COLUMNS: [string, (r: ApprenticeListRow) => string][] = [
  ["ULN", (r) => r.uln],
  ["Given names", (r) => r.givenNames],
  ["Family name", (r) => r.familyName],
  ["Standard", (r) => r.standardReference],
  ["Standard title", (r) => r.standardTitle],
  ["Version", (r) => r.standardVersion],
  ["Status", (r) => r.status],
  ["Start date", (r) => r.startDate],
  ["Planned end date", (r) => r.plannedEndDate],
  ["Training provider", (r) => r.providerName],
  ["EPAO", (r) => r.epaoName],
  ["Assessor", (r) => r.assessorName ?? ""],
];

/** The whole filtered list (same filters and order as the screen) as CSV, up to EXPORT_LIMIT rows. */
export async function exportApprenticesCsv(actor: UserActor, query: ListQuery): Promise<string> {
  const rows = (await baseSelect()
    .where(listConditions(actor, query))
    .orderBy(...orderBy(query))
    .limit(EXPORT_LIMIT)) as ApprenticeListRow[];
  const lines = [CSV_COLUMNS.map(([h]) => h).join(",")];
  for (const row of rows) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Filter choices for the list: only values the actor can see. */
export async function listFilterOptions(actor: UserActor) {
  const where = visibleTo(actor);
  const [standardRows, providerRows, epaoRows, assessorRows] = await Promise.all([
    db()
      .selectDistinct({ id: standards.id, label: sql<string>`${standards.reference} || ' ' || ${standards.title}` })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .where(where),
    db().selectDistinct({ id: provider.id, label: provider.name }).from(apprentices).innerJoin(provider, eq(provider.id, apprentices.providerId)).where(where),
    db().selectDistinct({ id: epao.id, label: epao.name }).from(apprentices).innerJoin(epao, eq(epao.id, apprentices.epaoId)).where(where),
    actor.organisationType === "epao"
      ? db()
          .select({ id: users.id, label: users.name })
          .from(users)
          .where(and(eq(users.organisationId, actor.organisationId), eq(users.role, "assessor"), isNull(users.disabledAt)))
      : Promise.resolve([] as { id: string; label: string }[]),
  ]);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return { standards: standardRows.sort(byLabel), providers: providerRows.sort(byLabel), epaos: epaoRows.sort(byLabel), assessors: assessorRows.sort(byLabel) };
}

/** The ids of every record matching the list's filters (for "assign all matching"), capped. */
export async function matchingIds(actor: UserActor, query: ListQuery, cap: number): Promise<{ ids: string[]; total: number }> {
  const where = listConditions(actor, query);
  const [rows, [count]] = await Promise.all([
    db()
      .select({ id: apprentices.id })
      .from(apprentices)
      .where(and(where, sql`${apprentices.status} <> 'withdrawn'`))
      .orderBy(apprentices.id)
      .limit(cap),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(apprentices)
      .where(and(where, sql`${apprentices.status} <> 'withdrawn'`)),
  ]);
  return { ids: rows.map((r) => r.id), total: count?.total ?? 0 };
}
