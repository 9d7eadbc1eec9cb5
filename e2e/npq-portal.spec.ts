import { expect, test, type Browser, type Page } from "./support/test";
import { LoginPage } from "./pages/login-page";
import { seriousViolations } from "./support/axe";

/**
 * The lead provider portal manages NPQ applications, participants, declarations and statements through the same
 * services as the DfE API. Each test makes its own applications and statements (other specs share the server).
 */

const PLATFORM_ADMIN = "platform.admin@attain.example";
const NORTHSTAR_ADMIN = "admin@northstar-td.example";
const CRESCENT_ADMIN = "admin@crescent-education.example";
const NORTHSTAR = "Northstar Teacher Development";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

async function signedIn(browser: Browser, email: string, home: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(email, home);
  // Confirmation dialogs (reject, void, payment step, mark as paid) are accepted.
  page.on("dialog", (dialog) => void dialog.accept());
  return { context, page };
}

/** Fills the platform admin's "Add a statement" form on /admin/npq/statements and waits for the confirmation. */
async function addStatement(page: Page, s: { cohort: string; month: number; year: number; deadline: string; payment: string }) {
  const form = page.getByRole("region", { name: "Add a statement" });
  await form.getByLabel("Lead provider").selectOption({ label: NORTHSTAR });
  await form.getByLabel("Cohort").selectOption(s.cohort);
  await form.getByLabel("Month").selectOption({ label: MONTHS[s.month - 1]! });
  await form.getByLabel("Year").fill(String(s.year));
  await form.getByLabel("Deadline for declarations").fill(s.deadline);
  await form.getByLabel("Payment date").fill(s.payment);
  await form.getByRole("button", { name: "Add statement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The statement has been added." })).toBeVisible();
}

test("a lead provider bulk-accepts applications, declares for a participant, finds the declaration on its statement and voids it; the other provider's competing application is rejected and the participant stays private", async ({
  browser,
}) => {
  test.slow(); // three organisations' sessions and a long journey
  const tag = `Np${Date.now().toString(36)}`;
  const ada = `Ada ${tag}quill`;
  const ben = `Ben ${tag}quill`;
  const email = (name: string) => `${tag.toLowerCase()}.${name}@school.example`;

  // The DfE (platform admin) sends the applications: Ada applied to Northstar and to Crescent for the same course.
  const platform = await signedIn(browser, PLATFORM_ADMIN, "/admin");
  await platform.page.goto("/admin/npq");
  const header =
    "lead_provider,full_name,email,trn,course_identifier,cohort,eligible_for_funding,funding_choice,headteacher_status,works_in_school,school_urn,employer_name,employment_role";
  const csv = [
    header,
    `NORTHSTAR,${ada},${email("ada")},,npq-headship,2024,yes,,no,yes,123456,,`,
    `CRESCENT,${ada},${email("ada")},,npq-headship,2024,yes,,no,yes,123456,,`,
    `NORTHSTAR,${ben},${email("ben")},,npq-senco,2024,yes,,no,yes,123457,,`,
  ].join("\n");
  await platform.page.locator("input#file").setInputFiles({ name: "applications.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await platform.page.getByRole("button", { name: "Upload applications" }).click();
  await expect(platform.page.getByText("3 applications loaded")).toBeVisible();
  // An open 2024 statement far ahead, so that declarations have a statement whatever today's date.
  await platform.page.getByRole("link", { name: "NPQ statements" }).click();
  await platform.page.waitForURL((url) => url.pathname === "/admin/npq/statements");
  const spare = 2040 + (Date.now() % 10);
  await addStatement(platform.page, {
    cohort: "2024",
    month: 1 + (Math.floor(Date.now() / 10) % 12),
    year: spare,
    deadline: `${spare}-12-31`,
    payment: `${spare + 1}-01-25`,
  });
  await platform.context.close();

  // Northstar accepts both at once.
  const northstar = await signedIn(browser, NORTHSTAR_ADMIN, "/lead-provider");
  const lp = northstar.page;
  await lp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await lp.getByLabel("Name, email or id").fill(tag);
  await lp.getByRole("button", { name: "Apply filters" }).click();
  await expect(lp.getByText("Showing 1–2 of 2 applications")).toBeVisible();
  await lp.getByRole("button", { name: "Accept selected" }).click();
  await expect(lp.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select the pending applications to accept");
  await lp.getByLabel("Select all pending applications on this page").check();
  await expect(lp.getByText("2 selected")).toBeVisible();
  await lp.getByRole("button", { name: "Accept selected" }).click();
  const results = lp.getByRole("region", { name: "2 of 2 applications accepted" });
  await expect(results).toBeVisible();
  await expect(results.getByRole("row", { name: new RegExp(ada) })).toContainText("Accepted");
  await expect(results.getByRole("row", { name: new RegExp(ben) })).toContainText("Accepted");
  await expect(lp.getByRole("region", { name: "Applications: page 1 of 1" }).getByRole("row", { name: new RegExp(ada) })).toContainText("Accepted");
  expect(await seriousViolations(lp)).toEqual([]);

  // Crescent's competing application was rejected when Northstar accepted.
  const crescent = await signedIn(browser, CRESCENT_ADMIN, "/lead-provider");
  await crescent.page.goto(`/lead-provider/applications?q=${tag}`);
  await expect(crescent.page.getByRole("row", { name: new RegExp(ada) })).toContainText("Rejected");
  await crescent.page.getByRole("link", { name: ada }).click();
  await expect(crescent.page.getByText("Another application for this course and cohort was accepted")).toBeVisible();

  // Northstar opens the participant from the application.
  await results.getByRole("link", { name: ada }).click();
  await lp.waitForURL(/\/lead-provider\/applications\/[0-9a-f-]{36}$/);
  const applicationPath = new URL(lp.url()).pathname;
  await lp.getByRole("link", { name: "View participant" }).click();
  await lp.waitForURL(/\/lead-provider\/participants\/[0-9a-f-]{36}$/);
  const participantPath = new URL(lp.url()).pathname;
  await expect(lp.getByRole("heading", { level: 1, name: ada })).toBeVisible();
  expect((await crescent.page.goto(participantPath))?.status()).toBe(404);
  expect((await crescent.page.goto(applicationPath))?.status()).toBe(404);
  await crescent.context.close();

  // A started declaration: checked first, then refused by DfE's date rule, then accepted.
  const form = lp.getByRole("region", { name: "Submit a declaration" });
  await form.getByRole("button", { name: "Submit declaration" }).click();
  await expect(form.getByRole("alert")).toContainText("Select the declaration type");
  await form.getByLabel("Declaration type").selectOption("started");
  await form.getByLabel("Declaration date").fill("2099-03-03");
  await form.getByLabel("Delivery partner", { exact: true }).selectOption({ label: "Coastal Schools Partnership" });
  await form.getByRole("button", { name: "Submit declaration" }).click();
  await expect(form.getByRole("alert")).toContainText("cannot be a future date");
  await form.getByLabel("Declaration date").fill("2025-03-03");
  await form.getByRole("button", { name: "Submit declaration" }).click();
  await expect(lp.getByRole("alert").filter({ hasText: "The declaration has been submitted." })).toBeVisible();
  const declaration = lp.getByRole("row").filter({ hasText: "Started" }).filter({ hasText: "3 March 2025" });
  await expect(declaration).toContainText("Eligible");
  await expect(declaration).toContainText("Coastal Schools Partnership");
  expect(await seriousViolations(lp)).toEqual([]);

  // It is on a statement, eligible.
  await declaration.getByRole("link").first().click();
  await lp.waitForURL(/\/lead-provider\/statements\/[0-9a-f-]{36}/);
  await expect(lp.getByRole("table", { name: "Declarations by type and state" })).toBeVisible();
  const line = lp.getByRole("row", { name: new RegExp(ada) });
  await expect(line).toContainText("Started");
  await expect(line).toContainText("Eligible");
  expect(await seriousViolations(lp)).toEqual([]);

  // Voided from the participant's page.
  await line.getByRole("link", { name: ada }).click();
  await lp.waitForURL((url) => url.pathname === participantPath);
  await declaration.getByRole("button", { name: /Void/ }).click();
  await expect(lp.getByRole("alert").filter({ hasText: "The declaration has been voided." })).toBeVisible();
  await expect(declaration).toContainText("Voided");
  await expect(declaration.getByRole("button", { name: /Void/ })).toHaveCount(0);
  await northstar.context.close();
});

test("a platform admin adds a statement, runs the payment step once its deadline has passed and marks it paid", async ({ browser }) => {
  const { context, page } = await signedIn(browser, PLATFORM_ADMIN, "/admin");
  await page.goto("/admin/npq");
  await page.getByRole("link", { name: "NPQ statements" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/npq/statements");

  const add = page.getByRole("region", { name: "Add a statement" });
  await add.getByRole("button", { name: "Add statement" }).click();
  await expect(add.getByRole("alert")).toContainText("Choose a lead provider");

  // Cohort 2023 has no demo statements, so this one is the only Northstar 2023 statement.
  const year = 2020 + (Date.now() % 31);
  const month = 1 + (Math.floor(Date.now() / 31) % 12);
  await addStatement(page, { cohort: "2023", month, year, deadline: "2023-06-30", payment: "2023-07-25" });

  const filters = page.getByRole("form", { name: "Filter statements" });
  await filters.getByLabel("Lead provider").selectOption({ label: NORTHSTAR });
  await filters.getByLabel("Cohort").selectOption("2023");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByRole("row", { name: new RegExp(`${MONTHS[month - 1]} ${year}`) });
  await expect(row).toContainText("Open");
  await expect(row.getByRole("button", { name: /Mark as paid/ })).toHaveCount(0);

  const step = page.getByRole("region", { name: "Payment step" });
  await step.getByLabel("Lead provider").selectOption({ label: NORTHSTAR });
  await step.getByRole("button", { name: "Run the payment step for statements whose deadline has passed" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Payment step run" })).toContainText("now payable");
  await expect(row).toContainText("Payable");
  // The run is in the job's history next to the daily scheduled runs the server's worker makes.
  const runs = page.getByRole("region", { name: /Latest runs of the payment step/ });
  await expect(runs.getByRole("row").filter({ hasText: "(Platform admin)" }).first()).toContainText(`Done`);
  await expect(runs.getByRole("row").filter({ hasText: "Daily schedule" }).first()).toContainText("Done");

  await row.getByRole("button", { name: /Mark as paid/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Statement paid" })).toBeVisible();
  await expect(row).toContainText("Paid");
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
