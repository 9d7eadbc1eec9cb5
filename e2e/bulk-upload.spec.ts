import fs from "node:fs";
import { expect, test, type Download, type Page } from "./support/test";
import { EpaoProvidersPage, EpaoStandardsPage } from "./pages/links-epao";
import { ProviderEpaosPage } from "./pages/links-provider";
import { LoginPage } from "./pages/login-page";
import { seriousViolations } from "./support/axe";

// Brightpath Skills links with Northern Assessment Services (EPA0001) for ST0070 here; links.spec links Brightpath with
// Meridian and Kestrel with Northern, so this pair is this spec's own and the specs can run in parallel.
const PROVIDER = "admin@brightpath-skills.example";
const EPAO_ADMIN = "admin@northern-assessment.example";
const EPAO_NAME = "Northern Assessment Services";
const HEADER =
  "ULN,Given names,Family name,Date of birth,Email,Employer name,Employer contact name,Employer contact email,Employer address line 1,Employer address line 2,Employer town,Employer postcode,Standard,Version,Option,Start date,Planned end date,EPAO ID";
const RESULTS_URL = /\/provider\/apprentices\/upload\/[0-9a-f-]{36}$/;

const stamp = String(Date.now()).slice(-7);
let sequence = 0;
/** A ULN unique to this run: 8, the run's stamp, a two-digit sequence. */
const uln = () => `8${stamp}${String(sequence++ % 100).padStart(2, "0")}`;

type Row = { uln?: string; given?: string; family: string; dob?: string; standard?: string; start?: string; end?: string; postcode?: string };
function csvLine(r: Row) {
  return [
    r.uln ?? uln(),
    r.given ?? "Casey",
    r.family,
    r.dob ?? "2003-06-14",
    "",
    "Harbour Logistics Ltd",
    "",
    "",
    "12 Dock Street",
    "",
    "Hull",
    r.postcode ?? "HU1 3DZ",
    r.standard ?? "ST0070",
    "1.0",
    "",
    r.start ?? "2025-09-01",
    r.end ?? "2027-03-31",
    "EPA0001",
  ].join(",");
}
const csv = (rows: Row[]) => `${[HEADER, ...rows.map(csvLine)].join("\r\n")}\r\n`;

async function text(download: Download) {
  return fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
}

async function upload(page: Page, name: string, content: string) {
  await page.getByLabel("Upload a file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Upload and check file" }).click();
  await page.waitForURL(RESULTS_URL);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a provider uploads a CSV, sees the problems by line and column, downloads the report, then imports a clean file", async ({ page, browser }) => {
  // The link, through the UI: Northern assesses ST0070 (the demo data already has it chosen), Brightpath asks, Northern accepts.
  const epaoContext = await browser.newContext();
  const epaoPage = await epaoContext.newPage();
  await new LoginPage(epaoPage).signInAndLand(EPAO_ADMIN, "/epao");
  const standards = new EpaoStandardsPage(epaoPage);
  await standards.goto();
  if (!(await standards.standardCheckbox("ST0070").isChecked())) await standards.choose(["ST0070"]);
  await new LoginPage(page).signInAndLand(PROVIDER, "/provider");
  const epaos = new ProviderEpaosPage(page);
  await epaos.goto();
  await epaos.requestLink(EPAO_NAME, ["ST0070"]);
  const providers = new EpaoProvidersPage(epaoPage);
  await providers.goto();
  await providers.accept("Brightpath Skills");
  await epaoContext.close();

  await page.goto("/provider/apprentices");
  await page.getByRole("link", { name: "Bulk upload" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk upload" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your EPAO links" })).toContainText(`EPA0001 ${EPAO_NAME}: ST0070`);
  expect(await seriousViolations(page)).toEqual([]);

  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the CSV template" }).click();
  const template = (await text(await templateDownload)).split("\r\n");
  expect(template[0]).toBe(HEADER);
  expect(template[1]).toContain(",ST0070,1.0,");

  // Nothing chosen yet.
  await page.getByRole("button", { name: "Upload and check file" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select a CSV file to upload");

  // A file with problems: every one is listed by line and column.
  const tag = `Bulk${Date.now().toString(36)}`;
  await upload(
    page,
    "cohort-with-problems.csv",
    csv([
      { family: `${tag}Valid` }, // line 2
      { family: `${tag}Uln`, uln: "12345" }, // 3
      { family: `${tag}Dates`, dob: "14/06/2003", start: "01/09/2025", end: "31/03/2027" }, // 4: valid, DD/MM/YYYY
      { family: `${tag}Unlinked`, standard: "ST0384" }, // 5
      { family: `${tag}End`, start: "2025-09-01", end: "2025-08-01" }, // 6
      { family: `${tag}Postcode`, postcode: "NOT A POSTCODE" }, // 7
    ]),
  );
  await expect(page.getByText("Rows with problems")).toBeVisible();
  const problems = page.getByRole("table", { name: "4 problems by line and column" });
  await expect(problems.getByRole("row")).toHaveCount(5);
  await expect(problems.getByRole("row", { name: "3 ULN ULN must be exactly 10 digits" })).toBeVisible();
  await expect(problems.getByRole("row", { name: `5 EPAO ID Not linked with ${EPAO_NAME} for ST0384` })).toBeVisible();
  await expect(problems.getByRole("row", { name: "6 Planned end date The planned end date must be after the start date" })).toBeVisible();
  await expect(problems.getByRole("row", { name: "7 Employer postcode Enter a real UK postcode, like SW1A 1AA" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import all/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import the 2 valid rows" })).toBeVisible();
  await expect(page.getByText("4 rows have problems and will not be imported")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const reportDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the problems report (CSV)" }).click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toBe("cohort-with-problems-problems.csv");
  const reportLines = (await text(report)).trimEnd().split("\r\n");
  expect(reportLines[0]).toBe(`Line,Column,Problem,${HEADER}`);
  expect(reportLines).toHaveLength(5);
  expect(reportLines[1]).toMatch(new RegExp(`^3,ULN,ULN must be exactly 10 digits,12345,Casey,${tag}Uln,`));
  expect(reportLines[4]).toContain(`7,Employer postcode,"Enter a real UK postcode, like SW1A 1AA"`);

  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByText("cohort-with-problems.csv was discarded. Nothing was imported.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent uploads" }).getByRole("row", { name: /cohort-with-problems\.csv/ })).toContainText("Discarded");

  // A clean file: import every record.
  await upload(page, "cohort.csv", csv([{ family: `${tag}Adams` }, { family: `${tag}Baker`, dob: "02/11/2004" }]));
  await expect(page.getByRole("table", { name: /problems by line and column/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Import all 2 records" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "2 apprentice records imported" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import all 2 records" })).toHaveCount(0);
  await page.getByRole("link", { name: "View your apprentices" }).click();
  await page.waitForURL((url) => url.pathname === "/provider/apprentices");
  await page.getByLabel("Name or ULN").fill(tag);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Showing 1–2 of 2 records")).toBeVisible();
  await expect(page.getByRole("table")).toContainText(`${tag}Adams`);
  await expect(page.getByRole("table")).toContainText(`${tag}Baker`);
});

test("another provider cannot open an upload or its report", async ({ page, browser }) => {
  await new LoginPage(page).signInAndLand(PROVIDER, "/provider");
  await page.goto("/provider/apprentices/upload");
  await upload(page, "private.csv", csv([{ family: "Private", uln: "1" }]));
  const resultsPath = new URL(page.url()).pathname;

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await new LoginPage(otherPage).signInAndLand("admin@kestrel-training.example", "/provider");
  expect((await otherPage.goto(resultsPath))?.status()).toBe(404);
  expect((await otherPage.request.get(`${resultsPath}/errors`)).status()).toBe(404);
  await other.close();

  const epao = await browser.newContext();
  const epaoPage = await epao.newPage();
  await new LoginPage(epaoPage).signInAndLand(EPAO_ADMIN, "/epao");
  expect((await epaoPage.request.get(`${resultsPath}/errors`)).status()).toBe(403);
  expect((await epaoPage.request.get("/provider/apprentices/upload/template")).status()).toBe(403);
  await epao.close();

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get("/provider/apprentices/upload/template")).status()).toBe(401);
  expect(
    (
      await anonymous.request.post("/provider/apprentices/upload/validate", {
        multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from(HEADER) } },
      })
    ).status(),
  ).toBe(401);
  await anonymous.close();
});
