import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { apprentices, organisations, providerLinks, providerLinkStandards, standards } from "@/db/schema";
import { QUOTE } from "@/lib/csv";
import type { DbOrTx } from "@/lib/db";
import type { CsvRow } from "./decode";

/*
 * The database lookups of a row check, one query each whatever the size of the file: the standards named, the
 * EPAOs named, the provider's active links with those EPAOs, and the active records that already exist for the
 * ULN and standard pairs.
 */

export type StandardRow = { id: string; reference: string; larsCode: number; title: string; versions: string[]; options: string[] };
export type EpaoRow = { id: string; code: string; name: string };

export const STANDARD_REFERENCE = /^ST\d{4}$/i;
export const LARS_CODE = /^\d{1,10}$/;
/** LARS codes are Postgres integers: a longer number cannot be one (and must not reach the query). */
const MAX_LARS_CODE = 2_147_483_647;
export const EPAO_CODE = /^EPA\d{4}$/i;

/** What the rows name, found in the database: standards by reference and LARS code, EPAOs by code, linked pairs. */
export type Catalogue = {
  byReference: Map<string, StandardRow>;
  byLars: Map<number, StandardRow>;
  epaoByCode: Map<string, EpaoRow>;
  /** `${epaoId}|${standardId}` of the provider's active links. */
  linked: Set<string>;
};

/** The standard references, LARS codes and EPAO codes the rows name (well-formed ones only). */
function namedCodes(rows: CsvRow[]) {
  const references = new Set<string>();
  const larsCodes = new Set<number>();
  const epaoCodes = new Set<string>();
  for (const { values } of rows) {
    const standard = values.Standard;
    if (STANDARD_REFERENCE.test(standard)) references.add(standard.toUpperCase());
    else if (LARS_CODE.test(standard) && Number(standard) <= MAX_LARS_CODE) larsCodes.add(Number(standard));
    if (EPAO_CODE.test(values["EPAO ID"])) epaoCodes.add(values["EPAO ID"].toUpperCase());
  }
  return { references, larsCodes, epaoCodes };
}

async function findStandards(tx: DbOrTx, references: Set<string>, larsCodes: Set<number>): Promise<StandardRow[]> {
  const conditions: SQL[] = [];
  if (references.size > 0) conditions.push(inArray(standards.reference, [...references]));
  if (larsCodes.size > 0) conditions.push(inArray(standards.larsCode, [...larsCodes]));
  if (conditions.length === 0) return [];
  return tx
    .select({
      id: standards.id,
      reference: standards.reference,
      larsCode: standards.larsCode,
      title: standards.title,
      versions: standards.versions,
      options: standards.options,
    })
    .from(standards)
    .where(or(...conditions));
}

async function findEpaos(tx: DbOrTx, codes: Set<string>): Promise<EpaoRow[]> {
  if (codes.size === 0) return [];
  return tx
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.type, "epao"), inArray(organisations.code, [...codes])));
}

/** The provider's active links with these EPAOs, as `${epaoId}|${standardId}`; locked FOR SHARE with `lock`. */
async function findLinks(tx: DbOrTx, providerId: string, epaoRows: EpaoRow[], lock: boolean): Promise<Set<string>> {
  const linked = new Set<string>();
  if (epaoRows.length === 0) return linked;
  const query = tx
    .select({ epaoId: providerLinks.epaoId, standardId: providerLinkStandards.standardId })
    .from(providerLinks)
    .innerJoin(providerLinkStandards, eq(providerLinkStandards.linkId, providerLinks.id))
    .where(
      and(
        eq(providerLinks.providerId, providerId),
        eq(providerLinks.status, "active"),
        inArray(
          providerLinks.epaoId,
          epaoRows.map((e) => e.id),
        ),
      ),
    );
  const links = lock ? await query.for("share", { of: providerLinks }) : await query;
  for (const l of links) linked.add(`${l.epaoId}|${l.standardId}`);
  return linked;
}

/**
 * The standards, EPAOs and links the rows name (three queries). With `lock`, the links are locked (FOR SHARE) until
 * the transaction ends, as isLinked does, so a link cannot end while records are imported under it.
 */
export async function lookUpCatalogue(tx: DbOrTx, providerId: string, rows: CsvRow[], options: { lock: boolean }): Promise<Catalogue> {
  const { references, larsCodes, epaoCodes } = namedCodes(rows);
  const standardRows = await findStandards(tx, references, larsCodes);
  const epaoRows = await findEpaos(tx, epaoCodes);
  const linked = await findLinks(tx, providerId, epaoRows, options.lock);
  return {
    byReference: new Map(standardRows.map((s) => [s.reference.toUpperCase(), s])),
    byLars: new Map(standardRows.map((s) => [s.larsCode, s])),
    epaoByCode: new Map(epaoRows.map((e) => [e.code.toUpperCase(), e])),
    linked,
  };
}

const BACKSLASH = String.fromCharCode(92);

/** One element of a Postgres array literal: double-quoted, with its quote marks and backslashes escaped. */
function pgArrayElement(value: string): string {
  const escaped = [...value].map((c) => (c === QUOTE || c === BACKSLASH ? BACKSLASH + c : c)).join("");
  return QUOTE + escaped + QUOTE;
}

/** A Postgres array literal for one text parameter (so 10,000 values are one bind, not 10,000). */
function pgArray(values: string[]): string {
  return "{" + values.map(pgArrayElement).join(",") + "}";
}

/** Of these `${uln}|${standardId}` keys, those an active (not withdrawn) record already has: one query for all. */
export async function existingRecordKeys(tx: DbOrTx, keys: string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  if (keys.length === 0) return existing;
  const pairs = keys.map((k) => k.split("|") as [string, string]);
  const rows = await tx.execute<{ uln: string; standard_id: string }>(sql`
      select a.uln, a.standard_id
      from ${apprentices} a
      join unnest(${pgArray(pairs.map(([uln]) => uln))}::text[], ${pgArray(pairs.map(([, id]) => id))}::uuid[]) as k(uln, standard_id)
        on a.uln = k.uln and a.standard_id = k.standard_id
      where a.status <> 'withdrawn'`);
  for (const r of rows) existing.add(`${r.uln}|${r.standard_id}`);
  return existing;
}
