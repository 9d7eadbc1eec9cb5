import "server-only";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { csvCell, QUOTE } from "@/lib/csv";
import { ECF_DECLARATION_CSV_COLUMNS, ECF_PARTICIPANT_CSV_COLUMNS } from "@/lib/dfe/api-schemas";
import { listEcfDeclarations, type EcfDeclarationFilters } from "./declarations";
import { listEcfParticipants, type EcfParticipantFilters } from "./participants";
import { serializeEcfDeclaration, serializeEcfParticipant } from "./serialize";

/**
 * The v2 CSV downloads: GET /api/v2/participants/ecf.csv and /api/v2/participant-declarations.csv. Every row that
 * the JSON list's filters select (no pagination), the columns of the spec's ECFParticipantCsvRow and
 * ParticipantDeclarationCsvRow in the order of its CSV examples. As DfE's ApiCsv: values as Ruby's `to_s` writes
 * them (null → empty), empty values quoted (Ruby's CSV quotes empty strings), and an empty body when nothing matches.
 * The columns are the documented row schemas' (lib/dfe/api-schemas.ts: ECFParticipantCsvRow, ParticipantDeclarationCsvRow).
 * Unlike DfE's, a cell a spreadsheet would run as a formula is neutralised, as in every portal export.
 */

/** The portal's cell writer (quoting, formula cells neutralised), except that an empty value is quoted as Ruby's CSV writes it. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return text === "" ? QUOTE + QUOTE : csvCell(text);
}

/** Header and rows, each line ended by a line feed; an empty string when there are no rows. */
export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  return [columns.join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))].map((line) => `${line}\n`).join("");
}

export async function ecfParticipantsCsv(actor: LeadProviderActor, filters: Omit<EcfParticipantFilters, "pagination"> = {}): Promise<string> {
  const rows = (await listEcfParticipants(actor, filters)).map(serializeEcfParticipant).map((p) => ({ id: p.id, type: p.type, ...p.attributes }));
  return toCsv(ECF_PARTICIPANT_CSV_COLUMNS, rows);
}

export async function ecfDeclarationsCsv(actor: LeadProviderActor, filters: Omit<EcfDeclarationFilters, "pagination"> = {}): Promise<string> {
  const rows = (await listEcfDeclarations(actor, filters)).map(serializeEcfDeclaration).map((d) => ({ id: d.id, ...d.attributes }));
  return toCsv(ECF_DECLARATION_CSV_COLUMNS, rows);
}

/** A CSV answer: `text/csv` (DfE sends no charset), never cached. */
export function csvResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { "Content-Type": "text/csv", "Cache-Control": "no-store" } });
}
