import crypto from "node:crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apprentices, auditEvents, bulkUploads, epaoStandards, organisations, standards } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { QUOTE } from "@/lib/csv";
import { createDb, db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createStandard, createUser, linkProvider } from "@/tests/support/factories";
import {
  decodeCsvBytes,
  discardUpload,
  errorReportCsv,
  getUpload,
  importUpload,
  listUploads,
  normaliseDate,
  TEMPLATE_COLUMNS,
  templateCsv,
  validateUpload,
  type UploadColumn,
} from "@/lib/apprentices/bulk-upload";
import { ULN_MESSAGE } from "../schema";
import { DUPLICATE_ULN } from "../service";
import { readCsv } from "./decode";
import type { Standard } from "@/db/schema";
import { auditEventOf } from "@/tests/support/audit";

type Org = Awaited<ReturnType<typeof createOrganisation>>;

let providerOrg: Org;
let otherProviderOrg: Org;
let epaoOrg: Org;
let provider: UserActor;
let providerUser: UserActor;
let otherProvider: UserActor;
let epaoAdmin: UserActor;
let std: Standard;
let optStd: Standard;
let unlinkedStd: Standard;
let unknownReference: string;
let unknownEpaoCode: string;

async function unusedCode(prefix: "ST" | "EPA"): Promise<string> {
  for (;;) {
    const code = `${prefix}${String(crypto.randomInt(0, 10_000)).padStart(4, "0")}`;
    const [used] =
      prefix === "ST"
        ? await db().select({ id: standards.id }).from(standards).where(eq(standards.reference, code))
        : await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
    if (!used) return code;
  }
}

beforeAll(async () => {
  [providerOrg, otherProviderOrg, epaoOrg] = await Promise.all([
    createOrganisation("training_provider"),
    createOrganisation("training_provider"),
    createOrganisation("epao", `Bulk EPAO ${crypto.randomUUID().slice(0, 6)}`),
  ]);
  [provider, providerUser, otherProvider, epaoAdmin] = await Promise.all([
    createUser(providerOrg, "provider_admin"),
    createUser(providerOrg, "provider_user"),
    createUser(otherProviderOrg, "provider_admin"),
    createUser(epaoOrg, "epao_admin"),
  ]);
  std = await createStandard({ versions: ["1.0", "1.1"] });
  optStd = await createStandard({ versions: ["1.0"], options: ["Option A", "Option B"] });
  unlinkedStd = await createStandard({ versions: ["1.0"] });
  // The EPAO assesses all three; the provider's active link covers two of them.
  await db().insert(epaoStandards).values({ epaoId: epaoOrg.id, standardId: unlinkedStd.id });
  await linkProvider(providerOrg.id, epaoOrg.id, [std.id, optStd.id]);
  await linkProvider(otherProviderOrg.id, epaoOrg.id, [std.id]);
  unknownReference = await unusedCode("ST");
  unknownEpaoCode = await unusedCode("EPA");
});

let ulnSeq = crypto.randomInt(1_000_000_000, 8_000_000_000);
const nextUln = () => String(ulnSeq++);

type Row = Record<UploadColumn, string>;
function row(overrides: Partial<Row> = {}): Row {
  return {
    ULN: nextUln(),
    "Given names": "Amira",
    "Family name": "Khan",
    "Date of birth": "2004-03-18",
    Email: "amira.khan@example.com",
    "Employer name": "Northgate Logistics Ltd",
    "Employer contact name": "",
    "Employer contact email": "",
    "Employer address line 1": "",
    "Employer address line 2": "",
    "Employer town": "",
    "Employer postcode": "",
    Standard: std.reference,
    Version: "1.0",
    Option: "",
    "Start date": "2025-09-01",
    "Planned end date": "2027-03-31",
    "EPAO ID": epaoOrg.code,
    ...overrides,
  };
}

const quote = (v: string) => ([QUOTE, ",", "\r", "\n"].some((c) => v.includes(c)) ? QUOTE + v.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE : v);
const line = (r: Row) => TEMPLATE_COLUMNS.map((c) => quote(r[c])).join(",");
/** A CSV file: the template header, then rows (a string is written as a raw line). */
function csv(rows: (Row | string)[], header = TEMPLATE_COLUMNS.join(",")): string {
  return `${[header, ...rows.map((r) => (typeof r === "string" ? r : line(r)))].join("\r\n")}\r\n`;
}

async function insertRecord(uln: string, standardId: string, options: { withdrawn?: boolean; providerId?: string } = {}) {
  await db()
    .insert(apprentices)
    .values({
      uln,
      givenNames: "Existing",
      familyName: "Record",
      dateOfBirth: "2003-01-01",
      employerName: "Existing Employer",
      standardId,
      standardVersion: "1.0",
      startDate: "2024-09-01",
      plannedEndDate: "2026-09-01",
      providerId: options.providerId ?? providerOrg.id,
      epaoId: epaoOrg.id,
      ...(options.withdrawn ? { status: "withdrawn" as const, withdrawnDate: "2025-01-01", withdrawalReason: "Other" } : {}),
    });
}

async function importedCount(uploadId: string) {
  const [row] = await db().select({ n: count() }).from(apprentices).where(eq(apprentices.bulkUploadId, uploadId));
  return row!.n;
}

async function uploadsOf(providerId: string) {
  const [row] = await db().select({ n: count() }).from(bulkUploads).where(eq(bulkUploads.providerId, providerId));
  return row!.n;
}

function fileError(error: unknown): string | undefined {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors.file;
}

describe("pure helpers", () => {
  it("normalises DD/MM/YYYY dates to ISO and leaves others for the shared rules", () => {
    expect(normaliseDate("15/04/2000")).toBe("2000-04-15");
    expect(normaliseDate(" 1/2/2024 ")).toBe("2024-02-01");
    expect(normaliseDate("2000-04-15")).toBe("2000-04-15");
    expect(normaliseDate("31/02/2024")).toBe("2024-02-31");
    expect(normaliseDate("April 2000")).toBe("April 2000");
  });

  it("decodes UTF-8 (dropping the byte order mark) and falls back to Windows-1252", () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x55, 0xc3, 0xa9]))).toBe("Ué");
    expect(decodeCsvBytes(new Uint8Array([0xa3, 0x35]))).toBe("£5");
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x55, 0x00]))).toBe("U");
  });

  it("writes a template with the exact header and a real example row", () => {
    const template = templateCsv();
    expect(template.startsWith("\uFEFF")).toBe(true);
    const [header, example] = template.slice(1).trimEnd().split("\r\n");
    expect(header).toBe(
      "ULN,Given names,Family name,Date of birth,Email,Employer name,Employer contact name,Employer contact email,Employer address line 1,Employer address line 2,Employer town,Employer postcode,Standard,Version,Option,Start date,Planned end date,EPAO ID",
    );
    expect(example).toContain(",ST0070,1.0,");
    expect(example!.endsWith(",EPA0001")).toBe(true);
    const parsed = readCsv(template);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({ line: 2, values: { Standard: "ST0070", "EPAO ID": "EPA0001", "Employer postcode": "LS1 4AP" } });
  });

  it("accepts header names whatever their case and spacing, and columns in any order", () => {
    const reordered = [...TEMPLATE_COLUMNS].reverse();
    const content = `${reordered.map((c) => ` ${c.toUpperCase()} `).join(",")}\n${reordered.map((c) => row({ ULN: "1111111111" })[c]).join(",")}\n`;
    expect(readCsv(content).rows[0]!.values.ULN).toBe("1111111111");
  });
});

describe("validateUpload refuses a file it cannot use, and stores nothing", () => {
  const refusals: [string, () => { filename: string; content: string }, string | RegExp][] = [
    ["an empty file", () => ({ filename: "a.csv", content: "" }), "The selected file is empty"],
    ["a file of blank lines", () => ({ filename: "a.csv", content: "\r\n , \r\n" }), "The selected file is empty"],
    ["a file that is not CSV", () => ({ filename: "a.csv", content: "PK\u0003\u0004\u0000\u0000" }), /is not a CSV file/],
    ["a file that is not named .csv", () => ({ filename: "a.xlsx", content: csv([row()]) }), /must be a CSV file/],
    ["a file without the header", () => ({ filename: "a.csv", content: csv([row()], line(row())) }), /^The first line of the file must be the header row/],
    ["a file separated by semicolons", () => ({ filename: "a.csv", content: `${TEMPLATE_COLUMNS.join(";")}\n1;2\n` }), /must use commas/],
    [
      "unknown and missing columns",
      () => ({ filename: "a.csv", content: csv([], [...TEMPLATE_COLUMNS.filter((c) => c !== "Email" && c !== "EPAO ID"), "Nickname"].join(",")) }),
      "The file is missing these columns: Email and EPAO ID. The file has a column the template does not have: Nickname. Use the column names from the template.",
    ],
    ["a repeated column", () => ({ filename: "a.csv", content: csv([row()], `${TEMPLATE_COLUMNS.join(",")},Email`) }), /Email appears more than once/],
    ["a header and no rows", () => ({ filename: "a.csv", content: csv([]) }), "The file has a header row but no apprentice rows"],
    [
      "more than 10,000 rows",
      () => ({ filename: "a.csv", content: csv(Array.from({ length: 10_001 }, () => "1,a")) }),
      /The file has 10,001 apprentice rows. Upload at most 10,000 rows/,
    ],
    ["a file over 5 MB", () => ({ filename: "a.csv", content: csv([row()]) + "x".repeat(5 * 1024 * 1024) }), "The selected file must be smaller than 5 MB"],
  ];
  for (const [name, input, message] of refusals) {
    it(`refuses ${name}`, async () => {
      const before = await uploadsOf(providerOrg.id);
      const error = await validateUpload(provider, input()).catch((e: unknown) => e);
      if (typeof message === "string") expect(fileError(error)).toBe(message);
      else expect(fileError(error)).toMatch(message);
      expect(await uploadsOf(providerOrg.id)).toBe(before);
    });
  }
});

describe("validateUpload checks every row", () => {
  it("reports every problem by line and column, and stores the upload", async () => {
    const dup = nextUln();
    const existing = nextUln();
    const withdrawn = nextUln();
    await insertRecord(existing, std.id, { providerId: otherProviderOrg.id });
    await insertRecord(withdrawn, std.id, { withdrawn: true });
    const valid2 = row();
    const valid20 = row({ Standard: String(std.larsCode), Version: "1.1" });
    const valid17 = row({
      "Employer name": 'Smith, Jones\n& "Co"',
      "Date of birth": "18/03/2004",
      "Start date": "1/9/2025",
      "Planned end date": "31/03/2027",
      "Employer postcode": "ls1 4ap",
      Email: "Amira@Example.COM",
    });
    const content = csv([
      valid2, // 2
      row({ ULN: "12345" }), // 3
      row({ Standard: unknownReference }), // 4
      row({ Version: "9.9" }), // 5
      row({ Standard: optStd.reference }), // 6
      row({ Standard: optStd.reference, Option: "Option Z" }), // 7
      row({ "EPAO ID": unknownEpaoCode }), // 8
      row({ Standard: unlinkedStd.reference }), // 9
      row({ ULN: dup }), // 10
      row({ ULN: dup }), // 11
      row({ ULN: existing }), // 12
      row({ "Date of birth": "", "Start date": "2025-13-01" }), // 13
      row({ "Start date": "2025-09-01", "Planned end date": "01/08/2025" }), // 14
      row({ Email: "not-an-email", "Employer contact email": "x@", "Employer postcode": "ABC" }), // 15
      "", // 16: a blank line still counts, as in a spreadsheet
      valid17, // 17 (its quoted value spans two physical lines)
      row({ ULN: withdrawn }), // 18: only a withdrawn record exists
      `${line(row())},surplus`, // 19
      valid20, // 20
      row({ Standard: "Business admin", "EPAO ID": "Meridian", "Given names": "", "Employer name": "" }), // 21
      row({ Standard: "9999999999" }), // 22: too big to be a LARS code (a Postgres integer)
    ]);
    const result = await validateUpload(provider, { filename: "cohort.csv", content });
    const expected = [
      { line: 3, column: "ULN", message: ULN_MESSAGE },
      { line: 4, column: "Standard", message: `${unknownReference} is not a standard in the catalogue` },
      { line: 5, column: "Version", message: "Version must be one of 1.0, 1.1" },
      { line: 6, column: "Option", message: "Select the option the apprentice is taking" },
      { line: 7, column: "Option", message: "Option must be one of: Option A; Option B" },
      { line: 8, column: "EPAO ID", message: `There is no EPAO with the ID ${unknownEpaoCode}` },
      { line: 9, column: "EPAO ID", message: `Not linked with ${epaoOrg.name} for ${unlinkedStd.reference}` },
      { line: 10, column: "ULN", message: `ULN ${dup} is in this file more than once for ${std.reference}: also on line 11` },
      { line: 11, column: "ULN", message: `ULN ${dup} is in this file more than once for ${std.reference}: also on line 10` },
      { line: 12, column: "ULN", message: DUPLICATE_ULN },
      { line: 13, column: "Date of birth", message: "Enter the date of birth" },
      { line: 13, column: "Start date", message: "The start date must be a real date in the format YYYY-MM-DD or DD/MM/YYYY" },
      { line: 14, column: "Planned end date", message: "The planned end date must be after the start date" },
      { line: 15, column: "Email", message: "Enter the apprentice's email address in the correct format, like name@example.com" },
      { line: 15, column: "Employer contact email", message: "Enter the employer contact's email address in the correct format, like name@example.com" },
      { line: 15, column: "Employer postcode", message: "Enter a real UK postcode, like SW1A 1AA" },
      { line: 19, column: "Row", message: "This row has 19 values but the header has 18 columns. Put any value that contains a comma in double quotes" },
      { line: 21, column: "Given names", message: "Enter the apprentice's given names" },
      { line: 21, column: "Employer name", message: "Enter the employer's name" },
      { line: 21, column: "Standard", message: "Enter the standard as a reference, like ST0070, or a LARS code, like 196" },
      { line: 21, column: "EPAO ID", message: "Enter the EPAO ID as EPA followed by 4 digits, like EPA0001" },
      { line: 22, column: "Standard", message: "9999999999 is not a standard in the catalogue" },
    ];
    expect(result.errors).toEqual(expected);
    expect(result).toMatchObject({
      filename: "cohort.csv",
      status: "validated",
      totalRows: 20,
      validRows: 4,
      errorRows: 16,
      errorCount: expected.length,
      uploadedBy: provider.name,
    });

    const [stored] = await db().select().from(bulkUploads).where(eq(bulkUploads.id, result.id));
    expect(stored).toMatchObject({ providerId: providerOrg.id, uploadedBy: provider.userId, status: "validated", totalRows: 20, validRows: 4, content });
    expect(stored!.errors).toEqual(expected);
    expect(await getUpload(providerUser, result.id)).toMatchObject({ errors: expected, errorCount: expected.length, totalRows: 20 });

    // Valid-only imports exactly lines 2, 17, 18 and 20, normalised by the shared rules.
    const imported = await importUpload(provider, { uploadId: result.id, mode: "valid-only" });
    expect(imported).toEqual({ uploadId: result.id, importedRows: 4, skippedRows: 16, newProblemRows: 0 });
    const rows = await db().select().from(apprentices).where(eq(apprentices.bulkUploadId, result.id));
    expect(rows.map((r) => r.uln).sort()).toEqual([valid2.ULN, valid17.ULN, withdrawn, valid20.ULN].sort());
    const seventeen = rows.find((r) => r.uln === valid17.ULN)!;
    expect(seventeen).toMatchObject({
      employerName: 'Smith, Jones\n& "Co"',
      dateOfBirth: "2004-03-18",
      startDate: "2025-09-01",
      plannedEndDate: "2027-03-31",
      employerPostcode: "LS1 4AP",
      email: "amira@example.com",
      providerId: providerOrg.id,
      epaoId: epaoOrg.id,
      standardId: std.id,
      createdBy: provider.userId,
      status: "in_training",
    });
    expect(rows.find((r) => r.uln === valid20.ULN)).toMatchObject({ standardId: std.id, standardVersion: "1.1" });
  });

  it("names the other lines of a duplicate, up to five", async () => {
    const uln = nextUln();
    const upload = await validateUpload(provider, { filename: "dups.csv", content: csv(Array.from({ length: 7 }, () => row({ ULN: uln }))) });
    expect(upload).toMatchObject({ totalRows: 7, validRows: 0, errorCount: 7 });
    const prefix = `ULN ${uln} is in this file more than once for ${std.reference}: also on`;
    expect(upload.errors[0]).toEqual({ line: 2, column: "ULN", message: `${prefix} lines 3, 4, 5, 6, 7 and 1 more` });
    expect(upload.errors[6]).toEqual({ line: 8, column: "ULN", message: `${prefix} lines 2, 3, 4, 5, 6 and 1 more` });
    const three = await validateUpload(provider, { filename: "dups.csv", content: csv([row({ ULN: uln }), row(), row({ ULN: uln }), row({ ULN: uln })]) });
    expect(three.errors.map((e) => e.message)).toEqual([`${prefix} lines 4 and 5`, `${prefix} lines 2 and 5`, `${prefix} lines 2 and 4`]);
  });

  it("writes the error report with line, column, problem and the row's original values", async () => {
    const content = csv([row(), row({ ULN: "12ab", "Given names": "Zoë", "Employer name": '=HYPERLINK("x")' })]);
    const upload = await validateUpload(provider, { filename: "spring intake.csv", content });
    const report = await errorReportCsv(providerUser, upload.id);
    expect(report.filename).toBe("spring intake-problems.csv");
    const lines = report.csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(`Line,Column,Problem,${TEMPLATE_COLUMNS.join(",")}`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3,ULN,ULN must be exactly 10 digits,12ab,Zoë,Khan,2004-03-18,/);
    // Spreadsheet formulas are neutralised.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe("importUpload", () => {
  it("imports every row in mode all, with one audit event per record and one for the upload", async () => {
    const content = csv([row(), row({ Standard: optStd.reference, Option: "Option B" }), row()]);
    const upload = await validateUpload(provider, { filename: "clean.csv", content });
    expect(upload).toMatchObject({ totalRows: 3, validRows: 3, errorRows: 0, errorCount: 0, errors: [] });
    const result = await importUpload(providerUser, { uploadId: upload.id, mode: "all" });
    expect(result).toEqual({ uploadId: upload.id, importedRows: 3, skippedRows: 0, newProblemRows: 0 });
    const rows = await db().select({ id: apprentices.id }).from(apprentices).where(eq(apprentices.bulkUploadId, upload.id));
    expect(rows).toHaveLength(3);
    const events = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "apprentice.created"),
          inArray(
            auditEvents.entityId,
            rows.map((r) => r.id),
          ),
        ),
      );
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ organisationId: providerOrg.id, actorUserId: providerUser.userId });
    expect(events[0]!.summary).toContain("from the bulk upload clean.csv");
    const uploadEvent = await auditEventOf(upload.id, "bulk_upload.imported");
    expect(uploadEvent!.summary).toBe("Imported 3 apprentice records from clean.csv");
    expect(await getUpload(provider, upload.id)).toMatchObject({ status: "imported", importedRows: 3, importedAt: expect.any(Date) });
  });

  it("writes nothing in mode all when any row has a problem", async () => {
    const upload = await validateUpload(provider, { filename: "mixed.csv", content: csv([row(), row({ ULN: "1" }), row()]) });
    const error = await importUpload(provider, { uploadId: upload.id, mode: "all" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "Nothing was imported: 1 row has problems. Fix them and upload the file again, or import only the valid rows.",
    );
    expect(await importedCount(upload.id)).toBe(0);
    expect(await getUpload(provider, upload.id)).toMatchObject({ status: "validated", validRows: 2, importedRows: null });
  });

  it("refuses valid-only when no row is valid", async () => {
    const upload = await validateUpload(provider, { filename: "bad.csv", content: csv([row({ ULN: "1" })]) });
    await expect(importUpload(provider, { uploadId: upload.id, mode: "valid-only" })).rejects.toThrow("none of the rows in this file are valid");
    expect(await importedCount(upload.id)).toBe(0);
  });

  it("checks the file again at import time: a record created since is caught and shown", async () => {
    const first = row();
    const second = row();
    const upload = await validateUpload(provider, { filename: "race.csv", content: csv([first, second]) });
    expect(upload.validRows).toBe(2);
    await insertRecord(second.ULN, std.id, { providerId: otherProviderOrg.id });

    const error = await importUpload(provider, { uploadId: upload.id, mode: "all" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^Nothing was imported: since the file was checked, 1 row has become invalid/);
    expect(await importedCount(upload.id)).toBe(0);
    // The page now shows the new problem.
    expect(await getUpload(provider, upload.id)).toMatchObject({
      status: "validated",
      validRows: 1,
      errors: [{ line: 3, column: "ULN", message: DUPLICATE_ULN }],
    });

    const result = await importUpload(provider, { uploadId: upload.id, mode: "valid-only" });
    expect(result).toMatchObject({ importedRows: 1, skippedRows: 1 });
    const rows = await db().select({ uln: apprentices.uln }).from(apprentices).where(eq(apprentices.bulkUploadId, upload.id));
    expect(rows).toEqual([{ uln: first.ULN }]);
  });

  it("refuses a second import, even two at once", async () => {
    const upload = await validateUpload(provider, { filename: "twice.csv", content: csv([row(), row()]) });
    const results = await Promise.allSettled([
      importUpload(provider, { uploadId: upload.id, mode: "all" }),
      importUpload(provider, { uploadId: upload.id, mode: "all" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(rejected.reason.message).toBe("This file has already been imported.");
    await expect(importUpload(provider, { uploadId: upload.id, mode: "valid-only" })).rejects.toBeInstanceOf(ConflictError);
    expect(await importedCount(upload.id)).toBe(2);
  });

  it.runIf(process.env.ATTAIN_TEST_DATABASE === "postgres")(
    "rolls every chunk back when another session creates a clashing record mid-import (unique index race)",
    async () => {
      const rows = Array.from({ length: 1500 }, () => row());
      const upload = await validateUpload(provider, { filename: "clash.csv", content: csv(rows) });
      expect(upload.validRows).toBe(1500);
      // Another session inserts row 1,200's ULN (second chunk) and holds its transaction open.
      const other = createDb(process.env.DATABASE_URL!, 1);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedPromise = new Promise<void>((resolve) => (inserted = resolve));
      const otherTx = other.client.begin(async (tx) => {
        await tx`insert into apprentices (uln, given_names, family_name, date_of_birth, employer_name, standard_id, standard_version, start_date, planned_end_date, provider_id, epao_id)
                 values (${rows[1199]!.ULN}, 'Other', 'Session', '2003-01-01', 'Employer', ${std.id}, '1.0', '2024-09-01', '2026-09-01', ${otherProviderOrg.id}, ${epaoOrg.id})`;
        inserted();
        await held;
      });
      await insertedPromise;
      const importing = importUpload(provider, { uploadId: upload.id, mode: "all" }).catch((e: unknown) => e);
      // Wait until the import's own INSERT is blocked on the unique index (its first chunk is already inserted);
      // other test files run in parallel on the same database, so any other lock wait does not count.
      for (let i = 0; i < 200; i++) {
        const [waiting] = await db().execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database() and query ilike 'insert into "apprentices"%'`,
        );
        if (waiting!.n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      release();
      await otherTx;
      await other.client.end();
      const error = await importing;
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).message).toMatch(/^Nothing was imported: while the file was being imported, someone else created a record/);
      expect(await importedCount(upload.id)).toBe(0);
      expect(await getUpload(provider, upload.id)).toMatchObject({ status: "validated", importedRows: null });
    },
    60_000,
  );
});

describe("discardUpload", () => {
  it("discards a checked upload, which can then not be imported", async () => {
    const upload = await validateUpload(provider, { filename: "unwanted.csv", content: csv([row()]) });
    expect(await discardUpload(providerUser, upload.id)).toMatchObject({ status: "discarded" });
    await expect(importUpload(provider, { uploadId: upload.id, mode: "all" })).rejects.toThrow("This file was discarded. Upload it again to import it.");
    await expect(discardUpload(provider, upload.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await importedCount(upload.id)).toBe(0);
  });

  it("cannot discard an imported upload", async () => {
    const upload = await validateUpload(provider, { filename: "done.csv", content: csv([row()]) });
    await importUpload(provider, { uploadId: upload.id, mode: "all" });
    await expect(discardUpload(provider, upload.id)).rejects.toThrow("This file has already been imported, so it cannot be discarded.");
  });
});

describe("access", () => {
  it("another provider cannot see, import, discard or download the upload", async () => {
    const upload = await validateUpload(provider, { filename: "private.csv", content: csv([row(), row({ ULN: "9" })]) });
    await expect(getUpload(otherProvider, upload.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(importUpload(otherProvider, { uploadId: upload.id, mode: "valid-only" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(discardUpload(otherProvider, upload.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(errorReportCsv(otherProvider, upload.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listUploads(otherProvider)).map((u) => u.id)).not.toContain(upload.id);
    expect((await listUploads(providerUser)).map((u) => u.id)).toContain(upload.id);
    expect(await getUpload(provider, upload.id)).toMatchObject({ status: "validated" });
    await expect(getUpload(provider, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getUpload(provider, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("EPAO users are forbidden", async () => {
    const upload = await validateUpload(provider, { filename: "epao.csv", content: csv([row()]) });
    await expect(validateUpload(epaoAdmin, { filename: "a.csv", content: csv([row()]) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getUpload(epaoAdmin, upload.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listUploads(epaoAdmin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importUpload(epaoAdmin, { uploadId: upload.id, mode: "all" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(discardUpload(epaoAdmin, upload.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(errorReportCsv(epaoAdmin, upload.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await importedCount(upload.id)).toBe(0);
  });
});

describe("10,000 rows", () => {
  it("validates and imports a full-size file", async () => {
    const content = csv(Array.from({ length: 10_000 }, (_, i) => row({ Standard: i % 2 ? std.reference : optStd.reference, Option: i % 2 ? "" : "Option A" })));
    let started = performance.now();
    const upload = await validateUpload(provider, { filename: "big.csv", content });
    const validateMs = performance.now() - started;
    expect(upload).toMatchObject({ totalRows: 10_000, validRows: 10_000, errorCount: 0 });
    started = performance.now();
    const result = await importUpload(provider, { uploadId: upload.id, mode: "all" });
    const importMs = performance.now() - started;
    expect(result).toMatchObject({ importedRows: 10_000, skippedRows: 0 });
    expect(await importedCount(upload.id)).toBe(10_000);
    const [events] = await db()
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "apprentice.created"),
          sql`${auditEvents.entityId} in (select id::text from apprentices where bulk_upload_id = ${upload.id})`,
        ),
      );
    expect(events!.n).toBe(10_000);
    console.log(`10,000 rows on ${process.env.ATTAIN_TEST_DATABASE}: validate ${validateMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);

    // The same file again: every row now clashes with an active record.
    const again = await validateUpload(provider, { filename: "big-again.csv", content });
    expect(again).toMatchObject({ totalRows: 10_000, validRows: 0, errorCount: 10_000 });
    expect(again.errors).toHaveLength(500);
    expect(again.errors[0]).toEqual({ line: 2, column: "ULN", message: DUPLICATE_ULN });
  }, 120_000);
});
