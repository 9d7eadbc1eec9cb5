import Papa, { type ParseError } from "papaparse";
import { ValidationError } from "@/lib/errors";
import { MAX_UPLOAD_ROWS, ROW_COLUMN, TEMPLATE_COLUMNS, UPLOAD_COLUMNS, type UploadColumn, type UploadError } from "./template";

/* From the uploaded bytes to rows of values by column: decoding, CSV reading, the header, dates. */

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

/** A problem with the file as a whole: the upload is refused (field "file"). */
export function fileError(message: string): ValidationError {
  return new ValidationError({ file: message }, message);
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
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

/** The position of each template column in the header row; refuses a header that does not match the template. */
function mapHeader(header: string[]): Map<UploadColumn, number> {
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
  return indexOf;
}

/** papaparse's quote errors as row problems. */
function quoteProblems(errors: ParseError[]): UploadError[] {
  const problems: UploadError[] = [];
  for (const error of errors) {
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
  return problems;
}

/** The non-blank records after the header, by column; a row with more values than the header is a problem. */
function dataRows(records: string[][], headerIndex: number, headerLength: number, indexOf: Map<UploadColumn, number>): CsvFile {
  const rows: CsvRow[] = [];
  const problems: UploadError[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index]!;
    if (isBlank(record)) continue;
    const line = index + 1;
    const values = {} as Record<UploadColumn, string>;
    for (const [column, at] of indexOf) values[column] = (record[at] ?? "").trim();
    const extra = record.slice(headerLength).filter((v) => v.trim() !== "");
    if (extra.length > 0) {
      problems.push({
        line,
        column: ROW_COLUMN,
        message: `This row has ${record.length} values but the header has ${headerLength} columns. Put any value that contains a comma in double quotes`,
      });
    }
    rows.push({ line, values });
  }
  return { rows, problems };
}

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
  const indexOf = mapHeader(header);

  const { rows, problems: rowProblems } = dataRows(records, headerIndex, header.length, indexOf);
  if (rows.length === 0) throw fileError("The file has a header row but no apprentice rows");
  if (rows.length > MAX_UPLOAD_ROWS) {
    throw fileError(
      `The file has ${rows.length.toLocaleString("en-GB")} apprentice rows. Upload at most ${MAX_UPLOAD_ROWS.toLocaleString("en-GB")} rows at a time: split the file into smaller files`,
    );
  }
  return { rows, problems: [...quoteProblems(parsed.errors), ...rowProblems] };
}
