import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { apprentices, bulkUploads, organisations, providerLinks, providerLinkStandards, standards, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { csvCell, QUOTE } from "@/lib/csv";
import { standardChoiceErrors } from "./rules";
import { apprenticeDetailsSchema } from "./schema";
import { DUPLICATE_ULN, isUniqueViolation } from "./service";

/*
 * Bulk upload of apprentice records from a CSV file (provider users).
 *
 * validateUpload parses the file, checks every row against the shared record rules (apprenticeDetailsSchema,
 * standardChoiceErrors) and the database (standards, EPAOs, links, active records) with one query per lookup,
 * and stores the upload with every problem found. importUpload re-checks the stored file inside its transaction
 * and inserts the rows in multi-row chunks: all of them or none.
 */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 10_000;
/** Rows per multi-row INSERT. */
export const INSERT_CHUNK_SIZE = 1000;
/** How many problems the upload page lists; the downloadable report has them all. */
export const ERROR_DISPLAY_LIMIT = 500;
const RECENT_UPLOADS = 20;

type DetailField = keyof z.input<typeof apprenticeDetailsSchema>;

/** The template's columns, in order, and the record field each one fills. */
export const UPLOAD_COLUMNS = [
  { header: "ULN", field: "uln" },
  { header: "Given names", field: "givenNames" },
  { header: "Family name", field: "familyName" },
  { header: "Date of birth", field: "dateOfBirth" },
  { header: "Email", field: "email" },
  { header: "Employer name", field: "employerName" },
  { header: "Employer contact name", field: "employerContactName" },
  { header: "Employer contact email", field: "employerContactEmail" },
  { header: "Employer address line 1", field: "employerAddressLine1" },
  { header: "Employer address line 2", field: "employerAddressLine2" },
  { header: "Employer town", field: "employerTown" },
  { header: "Employer postcode", field: "employerPostcode" },
  { header: "Standard", field: "standard" },
  { header: "Version", field: "standardVersion" },
  { header: "Option", field: "standardOption" },
  { header: "Start date", field: "startDate" },
  { header: "Planned end date", field: "plannedEndDate" },
  { header: "EPAO ID", field: "epao" },
] as const satisfies readonly { header: string; field: DetailField | "standard" | "epao" }[];

export type UploadColumn = (typeof UPLOAD_COLUMNS)[number]["header"];
export const TEMPLATE_COLUMNS: UploadColumn[] = UPLOAD_COLUMNS.map((c) => c.header);
/** The column of a problem that concerns the whole row (e.g. too many values). */
export const ROW_COLUMN = "Row";

export type UploadError = { line: number; column: string; message: string };
export type UploadStatus = (typeof bulkUploads.$inferSelect)["status"];

const DATE_COLUMNS = new Set<string>(["Date of birth", "Start date", "Planned end date"]);
const COLUMN_BY_FIELD = new Map<string, UploadColumn>(UPLOAD_COLUMNS.map((c) => [c.field, c.header]));
const COLUMN_ORDER = new Map<string, number>([[ROW_COLUMN, -1], ...UPLOAD_COLUMNS.map((c, i) => [c.header, i] as [string, number])]);

const TEMPLATE_EXAMPLE: Record<UploadColumn, string> = {
  ULN: "1234567890",
  "Given names": "Amira",
  "Family name": "Khan",
  "Date of birth": "2004-03-18",
  Email: "amira.khan@example.com",
  "Employer name": "Northgate Logistics Ltd",
  "Employer contact name": "Peter Walsh",
  "Employer contact email": "peter.walsh@northgate.example",
  "Employer address line 1": "12 Canal Street",
  "Employer address line 2": "",
  "Employer town": "Leeds",
  "Employer postcode": "LS1 4AP",
  Standard: "ST0070",
  Version: "1.0",
  Option: "",
  "Start date": "2025-09-01",
  "Planned end date": "2027-03-31",
  "EPAO ID": "EPA0001",
};

/* ------------------------------------------------------------------------------------------------ */
/* Pure helpers (exported for unit tests)                                                            */
/* ------------------------------------------------------------------------------------------------ */

/** DD/MM/YYYY (or D/M/YYYY) becomes YYYY-MM-DD; anything else is returned trimmed, for the shared schema to judge. */
export function normaliseDate(value: string): string {
  const trimmed = value.trim();
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, day, month, year] = match;
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}

/** Decodes an uploaded file: UTF-8 (with or without a byte order mark), UTF-16 with a BOM, else Windows-1252 (older Excel "CSV"). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function fileError(message: string): ValidationError {
  return new ValidationError({ file: message }, message);
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function normaliseHeader(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}

const COLUMN_BY_HEADER = new Map<string, UploadColumn>(UPLOAD_COLUMNS.map((c) => [normaliseHeader(c.header), c.header]));

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");

export type CsvRow = { line: number; values: Record<UploadColumn, string> };
export type CsvFile = {
  /** The non-blank data rows; `line` is the spreadsheet row number (the header is line 1). */
  rows: CsvRow[];
  /** Problems with the shape of individual rows (unclosed quotes, too many values). */
  problems: UploadError[];
};

/**
 * Parses CSV text (papaparse: quotes, BOM, CRLF) and maps the header to the template's columns.
 * Throws a ValidationError (field "file") when the file as a whole cannot be used.
 */
export function readCsv(content: string): CsvFile {
  const text = content.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw fileError("The selected file is empty");
  if (text.includes("\u0000")) {
    throw fileError("The selected file is not a CSV file. In your spreadsheet, use Save as and choose CSV (comma delimited), then upload that file");
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex === -1) throw fileError("The selected file is empty");
  const header = records[headerIndex]!.map((h) => h.trim());

  const indexOf = new Map<UploadColumn, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((name, index) => {
    if (name === "") return;
    const column = COLUMN_BY_HEADER.get(normaliseHeader(name));
    if (!column) unknown.push(name);
    else if (indexOf.has(column)) repeated.push(column);
    else indexOf.set(column, index);
  });
  if (indexOf.size === 0) {
    if (header.length === 1 && /[;\t]/.test(header[0]!)) {
      throw fileError("The file must use commas between values. Save it from your spreadsheet as CSV (comma delimited) and upload it again");
    }
    throw fileError(`The first line of the file must be the header row with the column names from the template: ${TEMPLATE_COLUMNS.join(", ")}`);
  }
  const missing = TEMPLATE_COLUMNS.filter((c) => !indexOf.has(c));
  const headerProblems: string[] = [];
  if (missing.length > 0) headerProblems.push(`The file is missing ${missing.length === 1 ? "the column" : "these columns"}: ${listNames(missing)}.`);
  if (unknown.length > 0)
    headerProblems.push(`The file has ${unknown.length === 1 ? "a column" : "columns"} the template does not have: ${listNames(unknown)}.`);
  if (repeated.length > 0) headerProblems.push(`${listNames(repeated)} ${repeated.length === 1 ? "appears" : "appear"} more than once.`);
  if (headerProblems.length > 0) throw fileError(`${headerProblems.join(" ")} Use the column names from the template.`);

  const problems: UploadError[] = [];
  for (const error of parsed.errors) {
    if (error.type !== "Quotes" || error.row === undefined) continue;
    problems.push({
      line: error.row + 1,
      column: ROW_COLUMN,
      message:
        error.code === "MissingQuotes"
          ? 'A value starts with a quote mark (") that is never closed, so the rest of the file was read as part of it'
          : 'A quote mark (") is in the wrong place. Put a value that contains quote marks in double quotes, and double each quote mark inside it',
    });
  }

  const rows: CsvRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index]!;
    if (isBlank(record)) continue;
    const line = index + 1;
    const values = {} as Record<UploadColumn, string>;
    for (const [column, at] of indexOf) values[column] = (record[at] ?? "").trim();
    const extra = record.slice(header.length).filter((v) => v.trim() !== "");
    if (extra.length > 0) {
      problems.push({
        line,
        column: ROW_COLUMN,
        message: `This row has ${record.length} values but the header has ${header.length} columns. Put any value that contains a comma in double quotes`,
      });
    }
    rows.push({ line, values });
  }
  if (rows.length === 0) throw fileError("The file has a header row but no apprentice rows");
  if (rows.length > MAX_UPLOAD_ROWS) {
    throw fileError(
      `The file has ${rows.length.toLocaleString("en-GB")} apprentice rows. Upload at most ${MAX_UPLOAD_ROWS.toLocaleString("en-GB")} rows at a time: split the file into smaller files`,
    );
  }
  return { rows, problems };
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

/** The CSV template: the header row and one example row (a real catalogue standard and EPAO). */
export function templateCsv(): string {
  const lines = [TEMPLATE_COLUMNS.map(csvCell).join(","), TEMPLATE_COLUMNS.map((c) => csvCell(TEMPLATE_EXAMPLE[c])).join(",")];
  // The byte order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/* ------------------------------------------------------------------------------------------------ */
/* Checking rows against the rules and the database                                                  */
/* ------------------------------------------------------------------------------------------------ */

type StandardRow = { id: string; reference: string; larsCode: number; title: string; versions: string[]; options: string[] };
type EpaoRow = { id: string; code: string; name: string };
type NewApprentice = typeof apprentices.$inferInsert;

type ValidRow = {
  line: number;
  values: Omit<NewApprentice, "providerId" | "createdBy" | "bulkUploadId">;
  standard: StandardRow;
  epao: EpaoRow;
};

type CheckResult = { totalRows: number; validRows: number; errors: UploadError[]; valid: ValidRow[] };

const STANDARD_REFERENCE = /^ST\d{4}$/i;
const LARS_CODE = /^\d{1,10}$/;
/** LARS codes are Postgres integers: a longer number cannot be one (and must not reach the query). */
const MAX_LARS_CODE = 2_147_483_647;
const EPAO_CODE = /^EPA\d{4}$/i;

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

function adaptMessage(column: UploadColumn, message: string): string {
  // The shared rules speak of the form's date fields; a CSV may also use DD/MM/YYYY.
  return DATE_COLUMNS.has(column) ? message.replace("in the format YYYY-MM-DD", "in the format YYYY-MM-DD or DD/MM/YYYY") : message;
}

/**
 * Checks every row of a parsed file for a provider. Four queries whatever the size of the file: the standards
 * named, the EPAOs named, the provider's active links with those EPAOs, and the active records that already
 * exist for the ULN and standard pairs. With `lock`, the links are locked (FOR SHARE) until the transaction ends,
 * as isLinked does, so a link cannot end while records are imported under it.
 */
async function checkRows(tx: DbOrTx, providerId: string, file: CsvFile, options: { lock: boolean }): Promise<CheckResult> {
  const references = new Set<string>();
  const larsCodes = new Set<number>();
  const epaoCodes = new Set<string>();
  for (const { values } of file.rows) {
    const standard = values.Standard;
    if (STANDARD_REFERENCE.test(standard)) references.add(standard.toUpperCase());
    else if (LARS_CODE.test(standard) && Number(standard) <= MAX_LARS_CODE) larsCodes.add(Number(standard));
    if (EPAO_CODE.test(values["EPAO ID"])) epaoCodes.add(values["EPAO ID"].toUpperCase());
  }

  const standardConditions: SQL[] = [];
  if (references.size > 0) standardConditions.push(inArray(standards.reference, [...references]));
  if (larsCodes.size > 0) standardConditions.push(inArray(standards.larsCode, [...larsCodes]));
  const standardRows: StandardRow[] =
    standardConditions.length === 0
      ? []
      : await tx
          .select({
            id: standards.id,
            reference: standards.reference,
            larsCode: standards.larsCode,
            title: standards.title,
            versions: standards.versions,
            options: standards.options,
          })
          .from(standards)
          .where(or(...standardConditions));
  const byReference = new Map(standardRows.map((s) => [s.reference.toUpperCase(), s]));
  const byLars = new Map(standardRows.map((s) => [s.larsCode, s]));

  const epaoRows: EpaoRow[] =
    epaoCodes.size === 0
      ? []
      : await tx
          .select({ id: organisations.id, code: organisations.code, name: organisations.name })
          .from(organisations)
          .where(and(eq(organisations.type, "epao"), inArray(organisations.code, [...epaoCodes])));
  const epaoByCode = new Map(epaoRows.map((e) => [e.code.toUpperCase(), e]));

  const linked = new Set<string>();
  if (epaoRows.length > 0) {
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
    const links = options.lock ? await query.for("share", { of: providerLinks }) : await query;
    for (const l of links) linked.add(`${l.epaoId}|${l.standardId}`);
  }

  const errors: UploadError[] = [...file.problems];
  const rowsWithProblems = new Set(file.problems.map((p) => p.line));
  type Candidate = {
    line: number;
    key: string | null;
    uln: string;
    standard: StandardRow | null;
    epao: EpaoRow | null;
    data: z.output<typeof apprenticeDetailsSchema> | null;
  };
  const candidates: Candidate[] = [];

  for (const { line, values } of file.rows) {
    const problems = new Map<UploadColumn, string>();
    const input: Record<DetailField, string> = {
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
    const parsed = apprenticeDetailsSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = COLUMN_BY_FIELD.get(String(issue.path[0]));
        if (column && !problems.has(column)) problems.set(column, adaptMessage(column, issue.message));
      }
    }

    const standardValue = values.Standard;
    let standard: StandardRow | null = null;
    if (standardValue === "") problems.set("Standard", "Enter the standard's reference, like ST0070, or its LARS code");
    else if (STANDARD_REFERENCE.test(standardValue)) standard = byReference.get(standardValue.toUpperCase()) ?? null;
    else if (LARS_CODE.test(standardValue)) standard = byLars.get(Number(standardValue)) ?? null;
    else problems.set("Standard", "Enter the standard as a reference, like ST0070, or a LARS code, like 196");
    if (!standard && !problems.has("Standard")) problems.set("Standard", `${standardValue} is not a standard in the catalogue`);

    if (standard) {
      const choice = standardChoiceErrors(standard, values.Version, values.Option || null);
      if (choice.standardVersion && !problems.has("Version")) problems.set("Version", choice.standardVersion);
      if (choice.standardOption && !problems.has("Option")) problems.set("Option", choice.standardOption);
    }

    const epaoValue = values["EPAO ID"];
    let epao: EpaoRow | null = null;
    if (epaoValue === "") problems.set("EPAO ID", "Enter the EPAO ID, like EPA0001");
    else if (!EPAO_CODE.test(epaoValue)) problems.set("EPAO ID", "Enter the EPAO ID as EPA followed by 4 digits, like EPA0001");
    else {
      epao = epaoByCode.get(epaoValue.toUpperCase()) ?? null;
      if (!epao) problems.set("EPAO ID", `There is no EPAO with the ID ${epaoValue.toUpperCase()}`);
      else if (standard && !linked.has(`${epao.id}|${standard.id}`)) problems.set("EPAO ID", `Not linked with ${epao.name} for ${standard.reference}`);
    }

    for (const { header } of UPLOAD_COLUMNS) {
      const message = problems.get(header);
      if (message) errors.push({ line, column: header, message });
    }
    if (problems.size > 0) rowsWithProblems.add(line);
    const ulnOk = !problems.has("ULN");
    candidates.push({
      line,
      key: ulnOk && standard ? `${values.ULN}|${standard.id}` : null,
      uln: values.ULN,
      standard,
      epao,
      data: parsed.success ? parsed.data : null,
    });
  }

  // The same ULN and standard twice in the file: every occurrence is a problem, naming the others.
  const linesByKey = new Map<string, number[]>();
  for (const c of candidates) {
    if (!c.key) continue;
    const lines = linesByKey.get(c.key);
    if (lines) lines.push(c.line);
    else linesByKey.set(c.key, [c.line]);
  }
  for (const c of candidates) {
    const lines = c.key ? linesByKey.get(c.key)! : [];
    if (lines.length < 2) continue;
    errors.push({
      line: c.line,
      column: "ULN",
      message: `ULN ${c.uln} is in this file more than once for ${c.standard!.reference}: also on ${otherLinesText(lines, c.line)}`,
    });
    rowsWithProblems.add(c.line);
  }

  // Active records that already exist for the same ULN and standard: one query for all the pairs.
  const keyed = [...linesByKey.keys()].map((k) => k.split("|") as [string, string]);
  const existing = new Set<string>();
  if (keyed.length > 0) {
    const rows = await tx.execute<{ uln: string; standard_id: string }>(sql`
      select a.uln, a.standard_id
      from ${apprentices} a
      join unnest(${pgArray(keyed.map(([uln]) => uln))}::text[], ${pgArray(keyed.map(([, id]) => id))}::uuid[]) as k(uln, standard_id)
        on a.uln = k.uln and a.standard_id = k.standard_id
      where a.status <> 'withdrawn'`);
    for (const r of rows) existing.add(`${r.uln}|${r.standard_id}`);
  }
  for (const c of candidates) {
    if (c.key && existing.has(c.key)) {
      errors.push({ line: c.line, column: "ULN", message: DUPLICATE_ULN });
      rowsWithProblems.add(c.line);
    }
  }

  const valid: ValidRow[] = [];
  for (const c of candidates) {
    if (rowsWithProblems.has(c.line) || !c.data || !c.standard || !c.epao) continue;
    valid.push({ line: c.line, values: { ...c.data, standardId: c.standard.id, epaoId: c.epao.id }, standard: c.standard, epao: c.epao });
  }
  return { totalRows: file.rows.length, validRows: valid.length, errors: sortErrors(errors), valid };
}

/* ------------------------------------------------------------------------------------------------ */
/* Service                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

export type UploadSummary = {
  id: string;
  filename: string;
  status: UploadStatus;
  totalRows: number;
  validRows: number;
  /** Rows with at least one problem. */
  errorRows: number;
  /** Problems in all (a row can have several). */
  errorCount: number;
  importedRows: number | null;
  importedAt: Date | null;
  createdAt: Date;
  uploadedBy: string | null;
};

export type UploadDetail = UploadSummary & {
  /** The first ERROR_DISPLAY_LIMIT problems, by line and column; errorReportCsv has them all. */
  errors: UploadError[];
};

export type ImportResult = {
  uploadId: string;
  importedRows: number;
  /** Rows not imported because they have problems (mode "valid-only"). */
  skippedRows: number;
  /** Rows that were valid when the file was checked but no longer were at import time. */
  newProblemRows: number;
};

export const importUploadSchema = z.object({
  uploadId: z.uuid({ error: "Upload not found" }),
  mode: z.enum(["all", "valid-only"], { error: "Choose whether to import all the rows or only the valid ones" }),
});
export type ImportUploadInput = z.input<typeof importUploadSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = "Upload not found.";

function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || "upload.csv";
}

function summaryColumns() {
  return {
    id: bulkUploads.id,
    filename: bulkUploads.filename,
    status: bulkUploads.status,
    totalRows: bulkUploads.totalRows,
    validRows: bulkUploads.validRows,
    importedRows: bulkUploads.importedRows,
    importedAt: bulkUploads.importedAt,
    createdAt: bulkUploads.createdAt,
    uploadedBy: users.name,
    errorCount: sql<number>`jsonb_array_length(${bulkUploads.errors})`.mapWith(Number),
  };
}

function toSummary<T extends Omit<UploadSummary, "errorRows">>(row: T): T & { errorRows: number } {
  return { ...row, errorRows: row.totalRows - row.validRows };
}

/**
 * Checks an uploaded CSV file and stores it with every problem found, ready to import. Refuses (ValidationError
 * on "file") a file that cannot be used at all: empty, too big, no header row, unknown or missing columns,
 * more than 10,000 rows.
 */
export async function validateUpload(actor: UserActor, input: { filename: string; content: string }): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  const filename = cleanFilename(input.filename);
  if (!/\.csv$/i.test(filename)) throw fileError("The selected file must be a CSV file (.csv). In your spreadsheet, use Save as and choose CSV");
  if (Buffer.byteLength(input.content, "utf8") > MAX_UPLOAD_BYTES) throw fileError("The selected file must be smaller than 5 MB");
  const content = input.content.replace(/^\uFEFF/, "");
  const file = readCsv(content);
  return db().transaction(async (tx) => {
    const checked = await checkRows(tx, actor.organisationId, file, { lock: false });
    const [created] = await tx
      .insert(bulkUploads)
      .values({
        providerId: actor.organisationId,
        uploadedBy: actor.userId,
        filename,
        content,
        status: "validated",
        totalRows: checked.totalRows,
        validRows: checked.validRows,
        errors: checked.errors,
      })
      .returning();
    const upload = created!;
    const errorRows = checked.totalRows - checked.validRows;
    await recordAudit(tx, actor, {
      action: "bulk_upload.validated",
      entityType: "bulk_upload",
      entityId: upload.id,
      summary: `Uploaded ${filename}: ${checked.totalRows} ${checked.totalRows === 1 ? "row" : "rows"}, ${checked.validRows} valid, ${errorRows} with problems`,
      after: { filename, totalRows: checked.totalRows, validRows: checked.validRows, problems: checked.errors.length },
    });
    return {
      id: upload.id,
      filename: upload.filename,
      status: upload.status,
      totalRows: upload.totalRows,
      validRows: upload.validRows,
      errorRows,
      errorCount: checked.errors.length,
      importedRows: null,
      importedAt: null,
      createdAt: upload.createdAt,
      uploadedBy: actor.name,
      errors: checked.errors.slice(0, ERROR_DISPLAY_LIMIT),
    };
  });
}

async function lockOwnUpload(tx: Tx, actor: UserActor, uploadId: string) {
  const [upload] = await tx
    .select()
    .from(bulkUploads)
    .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId)))
    .for("update");
  if (!upload) throw new NotFoundError(NOT_FOUND);
  return upload;
}

function refuseUnlessValidated(status: UploadStatus) {
  if (status === "imported") throw new ConflictError("This file has already been imported.");
  if (status === "discarded") throw new ConflictError("This file was discarded. Upload it again to import it.");
}

/** Compares two lists of problems whatever the key order jsonb gave back. */
const errorsKey = (errors: UploadError[]) => errors.map((e) => `${e.line}\u0000${e.column}\u0000${e.message}`).join("\u0001");

type ImportOutcome = { kind: "imported"; result: ImportResult } | { kind: "refused"; message: string };

/**
 * Imports a checked upload: mode "all" only when no row has a problem, "valid-only" the rows without problems.
 * The stored file is checked again inside the transaction (the database may have changed since), the upload row
 * is locked so it cannot be imported twice, and the records go in as multi-row INSERTs in one transaction: all of
 * them or none. If the check now finds new problems in mode "all", nothing is imported and the upload's problems
 * are updated so the page shows them.
 */
export async function importUpload(actor: UserActor, input: ImportUploadInput): Promise<ImportResult> {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(importUploadSchema, input);
  let outcome: ImportOutcome;
  try {
    outcome = await db().transaction(async (tx): Promise<ImportOutcome> => {
      const upload = await lockOwnUpload(tx, actor, data.uploadId);
      refuseUnlessValidated(upload.status);
      const checked = await checkRows(tx, actor.organisationId, readCsv(upload.content), { lock: true });
      const changed = checked.validRows !== upload.validRows || errorsKey(checked.errors) !== errorsKey(upload.errors);
      const newProblemRows = Math.max(0, upload.validRows - checked.validRows);
      const errorRows = checked.totalRows - checked.validRows;

      let refusal: string | null = null;
      if (data.mode === "all" && errorRows > 0) {
        refusal =
          newProblemRows > 0
            ? `Nothing was imported: since the file was checked, ${newProblemRows} ${newProblemRows === 1 ? "row has" : "rows have"} become invalid (for example, a record now exists for the same ULN and standard). The problems are listed below.`
            : `Nothing was imported: ${errorRows} ${errorRows === 1 ? "row has" : "rows have"} problems. Fix them and upload the file again, or import only the valid rows.`;
      } else if (checked.valid.length === 0) {
        refusal = "Nothing was imported: none of the rows in this file are valid. Fix the problems and upload the file again.";
      }
      if (refusal) {
        if (changed) await tx.update(bulkUploads).set({ validRows: checked.validRows, errors: checked.errors }).where(eq(bulkUploads.id, upload.id));
        return { kind: "refused", message: refusal };
      }

      const created: { id: string; uln: string; standardId: string }[] = [];
      for (let i = 0; i < checked.valid.length; i += INSERT_CHUNK_SIZE) {
        const chunk = checked.valid.slice(i, i + INSERT_CHUNK_SIZE);
        created.push(
          ...(await tx
            .insert(apprentices)
            .values(chunk.map((r) => ({ ...r.values, providerId: actor.organisationId, createdBy: actor.userId, bulkUploadId: upload.id })))
            .returning({ id: apprentices.id, uln: apprentices.uln, standardId: apprentices.standardId })),
        );
      }
      const idByKey = new Map(created.map((c) => [`${c.uln}|${c.standardId}`, c.id]));
      await recordAuditMany(
        tx,
        actor,
        checked.valid.map((r) => ({
          action: "apprentice.created",
          entityType: "apprentice",
          entityId: idByKey.get(`${r.values.uln}|${r.standard.id}`)!,
          summary: `Created the record for ${r.values.givenNames} ${r.values.familyName} (ULN ${r.values.uln}) on ${r.standard.reference} ${r.standard.title}, EPAO ${r.epao.name}, from the bulk upload ${upload.filename} (line ${r.line})`,
          after: {
            standard: r.standard.reference,
            version: r.values.standardVersion,
            epao: r.epao.code,
            startDate: r.values.startDate,
            plannedEndDate: r.values.plannedEndDate,
            bulkUploadId: upload.id,
          },
        })),
      );
      const importedRows = created.length;
      await tx
        .update(bulkUploads)
        .set({ status: "imported", importedRows, importedAt: new Date(), validRows: checked.validRows, errors: checked.errors })
        .where(eq(bulkUploads.id, upload.id));
      const skippedRows = checked.totalRows - importedRows;
      await recordAudit(tx, actor, {
        action: "bulk_upload.imported",
        entityType: "bulk_upload",
        entityId: upload.id,
        summary: `Imported ${importedRows} apprentice ${importedRows === 1 ? "record" : "records"} from ${upload.filename}${skippedRows > 0 ? `; ${skippedRows} ${skippedRows === 1 ? "row" : "rows"} with problems not imported` : ""}`,
        before: { status: "validated" },
        after: { status: "imported", importedRows, skippedRows },
      });
      return { kind: "imported", result: { uploadId: upload.id, importedRows, skippedRows, newProblemRows } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "apprentices_active_uln_standard_key")) {
      throw new ConflictError(
        "Nothing was imported: while the file was being imported, someone else created a record for one of its ULNs on the same standard. Try the import again to see which rows are affected.",
      );
    }
    throw error;
  }
  if (outcome.kind === "refused") throw new ValidationError({ form: outcome.message }, outcome.message);
  return outcome.result;
}

/** Discards a checked upload that is not wanted; nothing is imported. */
export async function discardUpload(actor: UserActor, uploadId: string): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  await db().transaction(async (tx) => {
    const upload = await lockOwnUpload(tx, actor, uploadId);
    if (upload.status === "imported") throw new ConflictError("This file has already been imported, so it cannot be discarded.");
    if (upload.status === "discarded") throw new ConflictError("This file has already been discarded.");
    await tx.update(bulkUploads).set({ status: "discarded" }).where(eq(bulkUploads.id, upload.id));
    await recordAudit(tx, actor, {
      action: "bulk_upload.discarded",
      entityType: "bulk_upload",
      entityId: upload.id,
      summary: `Discarded the bulk upload ${upload.filename} without importing it`,
      before: { status: "validated" },
      after: { status: "discarded" },
    });
  });
  return getUpload(actor, uploadId);
}

/** One of the provider's own uploads with its first problems; another organisation's is reported as not found. */
export async function getUpload(actor: UserActor, uploadId: string): Promise<UploadDetail> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  const [row] = await db()
    .select({
      ...summaryColumns(),
      errors: sql<UploadError[]>`coalesce((
        select jsonb_agg(e.value order by e.n)
        from jsonb_array_elements(${bulkUploads.errors}) with ordinality as e(value, n)
        where e.n <= ${ERROR_DISPLAY_LIMIT}
      ), '[]'::jsonb)`.mapWith(bulkUploads.errors),
    })
    .from(bulkUploads)
    .leftJoin(users, eq(users.id, bulkUploads.uploadedBy))
    .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId)));
  if (!row) throw new NotFoundError(NOT_FOUND);
  return toSummary(row);
}

/** The provider's most recent uploads, newest first. */
export async function listUploads(actor: UserActor): Promise<UploadSummary[]> {
  assertCan(actor, "apprentices.manage");
  const rows = await db()
    .select(summaryColumns())
    .from(bulkUploads)
    .leftJoin(users, eq(users.id, bulkUploads.uploadedBy))
    .where(eq(bulkUploads.providerId, actor.organisationId))
    .orderBy(desc(bulkUploads.createdAt), desc(bulkUploads.id))
    .limit(RECENT_UPLOADS);
  return rows.map(toSummary);
}

/** Every problem of an upload as CSV: line, column, problem, then the row's original values. */
export async function errorReportCsv(actor: UserActor, uploadId: string): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "apprentices.manage");
  if (!UUID.test(uploadId)) throw new NotFoundError(NOT_FOUND);
  const [upload] = await db()
    .select({ filename: bulkUploads.filename, content: bulkUploads.content, errors: bulkUploads.errors })
    .from(bulkUploads)
    .where(and(eq(bulkUploads.id, uploadId), eq(bulkUploads.providerId, actor.organisationId)));
  if (!upload) throw new NotFoundError(NOT_FOUND);
  const valuesByLine = new Map(readCsv(upload.content).rows.map((r) => [r.line, r.values]));
  const lines = [["Line", "Column", "Problem", ...TEMPLATE_COLUMNS].map(csvCell).join(",")];
  for (const error of upload.errors) {
    const values = valuesByLine.get(error.line);
    lines.push([String(error.line), error.column, error.message, ...TEMPLATE_COLUMNS.map((c) => values?.[c] ?? "")].map(csvCell).join(","));
  }
  const base = upload.filename.replace(/\.csv$/i, "");
  return { filename: `${base}-problems.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}
