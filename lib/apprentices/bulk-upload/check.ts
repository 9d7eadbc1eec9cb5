import "server-only";
import type { z } from "zod";
import type { apprentices } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";
import { standardChoiceErrors } from "../rules";
import { apprenticeDetailsSchema } from "../schema";
import { DUPLICATE_ULN } from "../service";
import { listNames, normaliseDate, type CsvFile, type CsvRow } from "./decode";
import { EPAO_CODE, existingRecordKeys, LARS_CODE, lookUpCatalogue, STANDARD_REFERENCE, type Catalogue, type EpaoRow, type StandardRow } from "./lookups";
import { COLUMN_BY_FIELD, COLUMN_ORDER, DATE_COLUMNS, UPLOAD_COLUMNS, type DetailField, type UploadColumn, type UploadError } from "./template";

/* Checking rows against the shared record rules and the database. */

type NewApprentice = typeof apprentices.$inferInsert;

export type ValidRow = {
  line: number;
  values: Omit<NewApprentice, "providerId" | "createdBy" | "bulkUploadId">;
  standard: StandardRow;
  epao: EpaoRow;
};

export type CheckResult = { totalRows: number; validRows: number; errors: UploadError[]; valid: ValidRow[] };

/** A checked row: its problems by column, and what it names (for the duplicate checks and the insert). */
type Candidate = {
  line: number;
  /** `${uln}|${standardId}` when the ULN and the standard are good, else null. */
  key: string | null;
  uln: string;
  standard: StandardRow | null;
  epao: EpaoRow | null;
  data: z.output<typeof apprenticeDetailsSchema> | null;
  problems: Map<UploadColumn, string>;
};

function adaptMessage(column: UploadColumn, message: string): string {
  // The shared rules speak of the form's date fields; a CSV may also use DD/MM/YYYY.
  return DATE_COLUMNS.has(column) ? message.replace("in the format YYYY-MM-DD", "in the format YYYY-MM-DD or DD/MM/YYYY") : message;
}

function sortErrors(errors: UploadError[]): UploadError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || (COLUMN_ORDER.get(a.e.column) ?? 99) - (COLUMN_ORDER.get(b.e.column) ?? 99) || a.i - b.i)
    .map(({ e }) => e);
}

/** "line 7", "lines 7 and 9", "lines 7, 9, 12, 15, 20 and 3 more": the other lines of a duplicate, but `line`. */
function otherLinesText(lines: number[], line: number): string {
  const shown: string[] = [];
  for (const l of lines) {
    if (l === line) continue;
    if (shown.length === 5) break;
    shown.push(String(l));
  }
  const others = lines.length - 1;
  if (others > shown.length) shown.push(`${others - shown.length} more`);
  return `${others === 1 ? "line" : "lines"} ${listNames(shown)}`;
}

/** The record's fields from a row, dates normalised to YYYY-MM-DD. */
function detailsInput(values: CsvRow["values"]): Record<DetailField, string> {
  return {
    uln: values.ULN,
    givenNames: values["Given names"],
    familyName: values["Family name"],
    dateOfBirth: normaliseDate(values["Date of birth"]),
    email: values.Email,
    employerName: values["Employer name"],
    employerContactName: values["Employer contact name"],
    employerContactEmail: values["Employer contact email"],
    employerAddressLine1: values["Employer address line 1"],
    employerAddressLine2: values["Employer address line 2"],
    employerTown: values["Employer town"],
    employerPostcode: values["Employer postcode"],
    standardVersion: values.Version,
    standardOption: values.Option,
    startDate: normaliseDate(values["Start date"]),
    plannedEndDate: normaliseDate(values["Planned end date"]),
  };
}

/** The standard a row names (reference or LARS code), with its version and option checked. */
function checkStandard(values: CsvRow["values"], catalogue: Catalogue, problems: Map<UploadColumn, string>): StandardRow | null {
  const standardValue = values.Standard;
  let standard: StandardRow | null = null;
  if (standardValue === "") problems.set("Standard", "Enter the standard's reference, like ST0070, or its LARS code");
  else if (STANDARD_REFERENCE.test(standardValue)) standard = catalogue.byReference.get(standardValue.toUpperCase()) ?? null;
  else if (LARS_CODE.test(standardValue)) standard = catalogue.byLars.get(Number(standardValue)) ?? null;
  else problems.set("Standard", "Enter the standard as a reference, like ST0070, or a LARS code, like 196");
  if (!standard && !problems.has("Standard")) problems.set("Standard", `${standardValue} is not a standard in the catalogue`);

  if (standard) {
    const choice = standardChoiceErrors(standard, values.Version, values.Option || null);
    if (choice.standardVersion && !problems.has("Version")) problems.set("Version", choice.standardVersion);
    if (choice.standardOption && !problems.has("Option")) problems.set("Option", choice.standardOption);
  }
  return standard;
}

/** The EPAO a row names, which the provider must be linked with for the standard. */
function checkEpao(values: CsvRow["values"], standard: StandardRow | null, catalogue: Catalogue, problems: Map<UploadColumn, string>): EpaoRow | null {
  const epaoValue = values["EPAO ID"];
  if (epaoValue === "") problems.set("EPAO ID", "Enter the EPAO ID, like EPA0001");
  else if (!EPAO_CODE.test(epaoValue)) problems.set("EPAO ID", "Enter the EPAO ID as EPA followed by 4 digits, like EPA0001");
  else {
    const epao = catalogue.epaoByCode.get(epaoValue.toUpperCase()) ?? null;
    if (!epao) problems.set("EPAO ID", `There is no EPAO with the ID ${epaoValue.toUpperCase()}`);
    else if (standard && !catalogue.linked.has(`${epao.id}|${standard.id}`)) problems.set("EPAO ID", `Not linked with ${epao.name} for ${standard.reference}`);
    return epao;
  }
  return null;
}

/** One row's own checks: the shared record rules (first problem per column), the standard and the EPAO. */
function checkRow({ line, values }: CsvRow, catalogue: Catalogue): Candidate {
  const problems = new Map<UploadColumn, string>();
  const parsed = apprenticeDetailsSchema.safeParse(detailsInput(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_BY_FIELD.get(String(issue.path[0]));
      if (column && !problems.has(column)) problems.set(column, adaptMessage(column, issue.message));
    }
  }
  const standard = checkStandard(values, catalogue, problems);
  const epao = checkEpao(values, standard, catalogue, problems);
  const ulnOk = !problems.has("ULN");
  return {
    line,
    key: ulnOk && standard ? `${values.ULN}|${standard.id}` : null,
    uln: values.ULN,
    standard,
    epao,
    data: parsed.success ? parsed.data : null,
    problems,
  };
}

/** The lines of each ULN and standard pair in the file, in file order. */
function linesByKey(candidates: Candidate[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const c of candidates) {
    if (!c.key) continue;
    const lines = byKey.get(c.key);
    if (lines) lines.push(c.line);
    else byKey.set(c.key, [c.line]);
  }
  return byKey;
}

/** The same ULN and standard twice in the file: every occurrence is a problem, naming the others. */
function fileDuplicateErrors(candidates: Candidate[], byKey: Map<string, number[]>): UploadError[] {
  const errors: UploadError[] = [];
  for (const c of candidates) {
    const lines = c.key ? byKey.get(c.key)! : [];
    if (lines.length < 2) continue;
    errors.push({
      line: c.line,
      column: "ULN",
      message: `ULN ${c.uln} is in this file more than once for ${c.standard!.reference}: also on ${otherLinesText(lines, c.line)}`,
    });
  }
  return errors;
}

/** Active records that already exist for the same ULN and standard. */
function existingRecordErrors(candidates: Candidate[], existing: Set<string>): UploadError[] {
  return candidates.filter((c) => c.key && existing.has(c.key)).map((c) => ({ line: c.line, column: "ULN", message: DUPLICATE_ULN }));
}

/** Each row's problems in the template's column order. */
function rowErrors(candidates: Candidate[]): UploadError[] {
  const errors: UploadError[] = [];
  for (const { line, problems } of candidates) {
    for (const { header } of UPLOAD_COLUMNS) {
      const message = problems.get(header);
      if (message) errors.push({ line, column: header, message });
    }
  }
  return errors;
}

/**
 * Checks every row of a parsed file for a provider. Four queries whatever the size of the file: the standards
 * named, the EPAOs named, the provider's active links with those EPAOs, and the active records that already
 * exist for the ULN and standard pairs. With `lock`, the links are locked (FOR SHARE) until the transaction ends,
 * as isLinked does, so a link cannot end while records are imported under it.
 */
export async function checkRows(tx: DbOrTx, providerId: string, file: CsvFile, options: { lock: boolean }): Promise<CheckResult> {
  const catalogue = await lookUpCatalogue(tx, providerId, file.rows, options);
  const candidates = file.rows.map((row) => checkRow(row, catalogue));
  const byKey = linesByKey(candidates);
  const existing = await existingRecordKeys(tx, [...byKey.keys()]);
  const duplicates = [...fileDuplicateErrors(candidates, byKey), ...existingRecordErrors(candidates, existing)];
  const errors = [...file.problems, ...rowErrors(candidates), ...duplicates];

  const rowsWithProblems = new Set([...file.problems, ...duplicates].map((e) => e.line));
  for (const c of candidates) if (c.problems.size > 0) rowsWithProblems.add(c.line);
  const valid: ValidRow[] = [];
  for (const c of candidates) {
    if (rowsWithProblems.has(c.line) || !c.data || !c.standard || !c.epao) continue;
    valid.push({ line: c.line, values: { ...c.data, standardId: c.standard.id, epaoId: c.epao.id }, standard: c.standard, epao: c.epao });
  }
  return { totalRows: file.rows.length, validRows: valid.length, errors: sortErrors(errors), valid };
}
