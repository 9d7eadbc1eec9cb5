import fs from "node:fs";
import { expect, test, type Browser } from "./support/test";
import { ApprenticeFormPage, freshUln } from "./pages/apprentices";
import { LoginPage } from "./pages/login-page";

const PROVIDER = "admin@riverside-college.example";
const NORTHERN = "Northern Assessment Services (EPA0001)";
const MERIDIAN = "Meridian End-Point Assessment (EPA0002)";
const BUSINESS_ADMIN = "ST0070 Business administrator";

async function signedIn(browser: Browser, email: string, home: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(email, home);
  return { context, page };
}

test("a provider creates a record after fixing errors, puts it on a break and back, and withdraws another", async ({ page }) => {
  const tag = `Brk${Date.now().toString(36)}`;
  await new LoginPage(page).signInAndLand(PROVIDER, "/provider");
  const form = new ApprenticeFormPage(page);
  await form.open();
  await page.getByRole("button", { name: "Create record" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Select an EPAO");
  await expect(summary).toContainText("ULN must be exactly 10 digits");
  await expect(summary).toContainText("Enter the apprentice's family name");

  const recordPath = await form.create({ familyName: `${tag}Ellis`, epao: NORTHERN, standard: BUSINESS_ADMIN });
  await expect(page.getByRole("heading", { level: 1, name: `Jordan ${tag}Ellis` })).toBeVisible();
  await expect(page.getByLabel("Timeline of events, newest first")).toContainText(`Created the record for Jordan ${tag}Ellis`);

  await page.getByRole("link", { name: "Record a break in learning" }).click();
  await page.getByLabel("Break start date").fill("2026-01-05");
  await page.getByLabel("Expected return date").fill("2026-01-01");
  await page.getByRole("button", { name: "Record break in learning" }).click();
  await expect(summary).toContainText("The expected return date must be after the break start date");
  await page.getByLabel("Expected return date").fill("2026-04-06");
  await page.getByRole("button", { name: "Record break in learning" }).click();
  await expect(page.getByText("On a break in learning since 5 January 2026")).toBeVisible();

  await page.getByRole("link", { name: "Return from break" }).click();
  await page.getByRole("button", { name: "Confirm return from break" }).click();
  await page.waitForURL((url) => url.pathname === recordPath);
  await expect(page.getByText("On a break in learning since")).toHaveCount(0);
  await expect(page.getByLabel("Timeline of events, newest first")).toContainText("returned from a break in learning");

  const secondPath = await form.create({ familyName: `${tag}Ford`, epao: NORTHERN, standard: BUSINESS_ADMIN });
  await page.getByRole("link", { name: "Withdraw" }).click();
  await page.getByLabel("Date of withdrawal").fill("2026-02-02");
  await page.getByLabel("Left the employer").check();
  await page.getByRole("button", { name: "Withdraw apprentice" }).click();
  await page.waitForURL((url) => url.pathname === secondPath);
  await expect(page.getByText("Withdrawn on 2 February 2026: Left the employer.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit details" })).toHaveCount(0);
  const edit = await page.goto(`${secondPath}/edit`);
  expect(edit?.url()).toContain(secondPath);
  await expect(page.getByRole("heading", { level: 1, name: `Jordan ${tag}Ford` })).toBeVisible();
});

test("a stale edit form cannot overwrite a newer change", async ({ browser }) => {
  const a = await signedIn(browser, PROVIDER, "/provider");
  const b = await signedIn(browser, "user@riverside-college.example", "/provider");
  const recordPath = await new ApprenticeFormPage(a.page).create({ familyName: `Stale${Date.now().toString(36)}`, epao: NORTHERN, standard: BUSINESS_ADMIN });
  await a.page.goto(`${recordPath}/edit`);
  await b.page.goto(`${recordPath}/edit`);
  await b.page.getByLabel("Given names").fill("Taylor");
  await b.page.getByRole("button", { name: "Save changes" }).click();
  await expect(b.page.getByText("The record has been updated.")).toBeVisible();
  await a.page.getByLabel("Given names").fill("Morgan");
  await a.page.getByRole("button", { name: "Save changes" }).click();
  await expect(a.page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("changed by someone else");
  await b.page.goto(recordPath);
  await expect(b.page.getByRole("heading", { level: 1 })).toContainText("Taylor");
  await a.context.close();
  await b.context.close();
});

test("a provider moves a record to another EPAO, which accepts; the old EPAO loses access", async ({ browser }) => {
  const provider = await signedIn(browser, PROVIDER, "/provider");
  const family = `Move${Date.now().toString(36)}`;
  const recordPath = await new ApprenticeFormPage(provider.page).create({ familyName: family, epao: NORTHERN, standard: BUSINESS_ADMIN });
  const id = recordPath.split("/").pop()!;
  await provider.page.getByRole("link", { name: "Change EPAO" }).click();
  await provider.page.getByLabel("New EPAO").selectOption({ label: MERIDIAN });
  await provider.page.getByLabel("Reason for the change").fill("The employer moved its training to Meridian");
  await provider.page.getByRole("button", { name: "Request change of EPAO" }).click();
  await expect(provider.page.getByText("Waiting for Meridian End-Point Assessment to accept.")).toBeVisible();

  const northern = await signedIn(browser, "staff@northern-assessment.example", "/epao");
  await northern.page.goto(`/epao/apprentices/${id}`);
  await expect(northern.page.getByText("Change of EPAO requested")).toBeVisible();

  const meridian = await signedIn(browser, "admin@meridian-epa.example", "/epao");
  await meridian.page.goto("/epao/apprentices/changes");
  await meridian.page.getByRole("button", { name: `Accept Jordan ${family}` }).click();
  await expect(meridian.page.getByText("The record has moved to your organisation.")).toBeVisible();
  await meridian.page.goto(`/epao/apprentices?q=${family}`);
  await expect(meridian.page.getByRole("link", { name: `${family}, Jordan` })).toBeVisible();

  const gone = await northern.page.goto(`/epao/apprentices/${id}`);
  expect(gone?.status()).toBe(404);
  await northern.page.goto(`/epao/apprentices?q=${family}`);
  await expect(northern.page.getByText("No records match these filters")).toBeVisible();

  await provider.page.goto(recordPath);
  await expect(provider.page.getByRole("table", { name: "Change of EPAO requests" })).toContainText("accepted");
  for (const s of [provider, northern, meridian]) await s.context.close();
});

test("an EPAO assigns records in bulk from a filtered list; the assessor sees exactly those; filters survive a reload and the export matches", async ({
  browser,
}) => {
  const tag = `Asg${Date.now().toString(36)}`;
  const provider = await signedIn(browser, PROVIDER, "/provider");
  const form = new ApprenticeFormPage(provider.page);
  for (const name of ["Adams", "Baker", "Cole"]) await form.create({ familyName: `${tag}${name}`, epao: NORTHERN, standard: BUSINESS_ADMIN, uln: freshUln() });
  await provider.context.close();

  const epao = await signedIn(browser, "staff@northern-assessment.example", "/epao");
  const p = epao.page;
  await p.goto("/epao/apprentices");
  await p.getByLabel("Name or ULN").fill(tag);
  await p.getByLabel("Assessor").selectOption({ label: "Not assigned" });
  await p.getByRole("button", { name: "Apply filters" }).click();
  await expect(p).toHaveURL(new RegExp(`q=${tag}.*assessor=none|assessor=none.*q=${tag}`));
  await expect(p.getByText("Showing 1–3 of 3 records")).toBeVisible();

  // Sort by name descending through the header; state lives in the URL and survives a reload.
  await p.getByRole("link", { name: /^Name/ }).click();
  await expect(p).toHaveURL(/dir=desc/);
  await p.reload();
  await expect(p.getByLabel("Name or ULN")).toHaveValue(tag);
  const names = p.getByRole("table").locator("tbody").getByRole("link");
  await expect(names).toHaveText([`${tag}Cole, Jordan`, `${tag}Baker, Jordan`, `${tag}Adams, Jordan`]);

  const downloadPromise = p.waitForEvent("download");
  await p.getByRole("link", { name: /Export these 3 records as CSV/ }).click();
  const download = await downloadPromise;
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv).toHaveLength(4);
  expect(csv.slice(1).map((l) => l.split(",")[2])).toEqual([`${tag}Cole`, `${tag}Baker`, `${tag}Adams`]);

  await p.getByLabel("Select all records on this page").check();
  await p.getByLabel("Assign to").selectOption({ label: "Rachel Hughes" });
  await p.getByRole("button", { name: "Assign 3 selected" }).click();
  await expect(p.getByText("3 records assigned to Rachel Hughes.")).toBeVisible();
  await expect(p.getByText("No records match these filters")).toBeVisible();
  await epao.context.close();

  const assessor = await signedIn(browser, "assessor@northern-assessment.example", "/assessor");
  await assessor.page.goto(`/assessor/apprentices?q=${tag}`);
  await expect(assessor.page.getByRole("table").locator("tbody").getByRole("link")).toHaveText([
    `${tag}Adams, Jordan`,
    `${tag}Baker, Jordan`,
    `${tag}Cole, Jordan`,
  ]);
  await assessor.page.getByRole("link", { name: `${tag}Adams, Jordan` }).click();
  await expect(assessor.page.getByRole("heading", { level: 1, name: `Jordan ${tag}Adams` })).toBeVisible();
  await expect(assessor.page.getByText("Date of birth")).toHaveCount(0);
  await assessor.context.close();
});

test("another provider cannot open a record by direct URL or export it", async ({ browser }) => {
  const provider = await signedIn(browser, PROVIDER, "/provider");
  const family = `Priv${Date.now().toString(36)}`;
  const recordPath = await new ApprenticeFormPage(provider.page).create({ familyName: family, epao: NORTHERN, standard: BUSINESS_ADMIN });
  await provider.context.close();
  const other = await signedIn(browser, "admin@kestrel-training.example", "/provider");
  const response = await other.page.goto(recordPath);
  expect(response?.status()).toBe(404);
  await expect(other.page.getByText(family)).toHaveCount(0);
  const exported = await other.page.request.get(`/api/apprentices/export?q=${family}`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).not.toContain(family);
  const anonymous = await other.page.context().browser()!.newContext();
  expect((await anonymous.request.get(`http://localhost:${new URL(other.page.url()).port}/api/apprentices/export`)).status()).toBe(401);
  await anonymous.close();
  await other.context.close();
});
