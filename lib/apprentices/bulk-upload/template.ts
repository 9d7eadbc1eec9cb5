import type { z } from "zod";
import { csvCell } from "@/lib/csv";
import type { apprenticeDetailsSchema } from "../schema";

/* The upload's columns (the CSV template's header, in order) and the template file itself. */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 10_000;

export type DetailField = keyof z.input<typeof apprenticeDetailsSchema>;

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

/** One problem found in a file: its spreadsheet line, the column (or ROW_COLUMN) and what is wrong. */
export type UploadError = { line: number; column: string; message: string };

export const DATE_COLUMNS = new Set<string>(["Date of birth", "Start date", "Planned end date"]);
export const COLUMN_BY_FIELD = new Map<string, UploadColumn>(UPLOAD_COLUMNS.map((c) => [c.field, c.header]));
/** The order problems are listed in within a line: the whole row first, then the template's columns. */
export const COLUMN_ORDER = new Map<string, number>([[ROW_COLUMN, -1], ...UPLOAD_COLUMNS.map((c, i) => [c.header, i] as [string, number])]);

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

/** The CSV template: the header row and one example row (a real catalogue standard and EPAO). */
export function templateCsv(): string {
  const lines = [TEMPLATE_COLUMNS.map(csvCell).join(","), TEMPLATE_COLUMNS.map((c) => csvCell(TEMPLATE_EXAMPLE[c])).join(",")];
  // The byte order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
