import { expect, test } from "./support/test";
import { EpaoProvidersPage, EpaoStandardsPage } from "./pages/links-epao";
import { ProviderEpaosPage } from "./pages/links-provider";
import { LoginPage } from "./pages/login-page";

// Each test uses its own provider and EPAO pair, so the two can run in parallel with the other specs.

test("an EPAO chooses its standards, a provider requests a link for one of them, and the EPAO accepts it", async ({ page, browser }) => {
  const epaoContext = await browser.newContext();
  const epaoPage = await epaoContext.newPage();
  await new LoginPage(epaoPage).signInAndLand("admin@meridian-epa.example", "/epao");

  // Meridian chooses the standards it assesses and assigns one to its assessor.
  const standards = new EpaoStandardsPage(epaoPage);
  await standards.goto();
  await standards.choose(["ST0070", "ST0384"]);
  await expect(standards.assessedTable()).toContainText("ST0070");
  await expect(standards.assessedTable()).toContainText("ST0384");
  await standards.assign("Gareth Price", ["ST0070"]);
  await expect(standards.assignmentsTable().getByRole("row", { name: /Gareth Price/ })).toContainText("ST0070");

  // Brightpath asks Meridian for a link, after fixing the errors.
  await new LoginPage(page).signInAndLand("admin@brightpath-skills.example", "/provider");
  const epaos = new ProviderEpaosPage(page);
  await epaos.goto();
  await epaos.openRequestForm();
  await epaos.send();
  await expect(epaos.errorSummary()).toContainText("Select an EPAO");
  await epaos.selectEpao("Meridian End-Point Assessment");
  await expect(epaos.standardCheckbox("ST0070")).toBeVisible();
  await expect(epaos.standardCheckbox("ST0384")).toBeVisible();
  await epaos.send();
  await expect(epaos.errorSummary()).toContainText("Select at least one standard");
  await epaos.standardCheckbox("ST0070").check();
  await page.getByLabel("Message to the EPAO (optional)").fill("We expect around ten business administration apprentices this year.");
  await epaos.send();
  await expect(page).toHaveURL(/\/provider\/epaos\?requested=/);
  await expect(page.getByText("Your request has been sent to Meridian End-Point Assessment.")).toBeVisible();
  await expect(epaos.pending().getByRole("row", { name: /Meridian End-Point Assessment/ })).toContainText("ST0070");

  // Meridian sees the request with its message and accepts it.
  const providers = new EpaoProvidersPage(epaoPage);
  await providers.goto();
  const request = providers.request("Brightpath Skills");
  await expect(request).toContainText("ST0070");
  await expect(request).toContainText("We expect around ten business administration apprentices this year.");
  await providers.accept("Brightpath Skills");
  await expect(providers.request("Brightpath Skills")).toHaveCount(0);
  await expect(providers.activeLinks().getByRole("row", { name: /Brightpath Skills/ })).toContainText("ST0070");

  // Brightpath now sees an active link, and cannot ask Meridian again while it lasts.
  await epaos.goto();
  await expect(epaos.activeLinks().getByRole("row", { name: /Meridian End-Point Assessment/ })).toContainText("ST0070");
  await expect(epaos.pending()).not.toContainText("Meridian End-Point Assessment");
  await epaos.openRequestForm();
  await expect(epaos.epaoSelect().locator("option", { hasText: "Meridian End-Point Assessment" })).toBeDisabled();

  await epaoContext.close();
});

test("an EPAO declines a request with a reason, which the provider sees; the provider asks again and cancels", async ({ page, browser }) => {
  const epaoContext = await browser.newContext();
  const epaoPage = await epaoContext.newPage();
  await new LoginPage(epaoPage).signInAndLand("admin@northern-assessment.example", "/epao");
  const standards = new EpaoStandardsPage(epaoPage);
  await standards.goto();
  await standards.choose(["ST0119"]);
  await expect(standards.assessedTable()).toContainText("ST0119");

  // EPAO staff see the standards but cannot change them.
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await new LoginPage(staffPage).signInAndLand("staff@northern-assessment.example", "/epao");
  const staffView = new EpaoStandardsPage(staffPage);
  await staffView.goto();
  await expect(staffView.assessedTable()).toContainText("ST0119");
  await expect(staffPage.getByRole("button", { name: "Save standards" })).toHaveCount(0);
  await expect(staffPage.getByRole("link", { name: /^Change standards for/ })).toHaveCount(0);
  await staffContext.close();

  await new LoginPage(page).signInAndLand("admin@kestrel-training.example", "/provider");
  const epaos = new ProviderEpaosPage(page);
  await epaos.goto();
  await epaos.requestLink("Northern Assessment Services", ["ST0119"]);
  await expect(epaos.pending().getByRole("row", { name: /Northern Assessment Services/ })).toContainText("ST0119");

  // Declining needs a reason.
  const providers = new EpaoProvidersPage(epaoPage);
  await providers.goto();
  await providers.decline("Kestrel Training Ltd");
  await expect(providers.errorSummary()).toContainText("Enter the reason for declining the request");
  await providers.decline("Kestrel Training Ltd", "We are not taking on new providers for this standard until spring.");
  await expect(epaoPage.getByText("You have declined the request from Kestrel Training Ltd.")).toBeVisible();
  await expect(providers.history().getByRole("row", { name: /Kestrel Training Ltd/ })).toContainText("Declined");

  // Kestrel sees the decline and the reason, asks again, then cancels the new request.
  await epaos.goto();
  const declined = epaos.history().getByRole("row", { name: /Northern Assessment Services/ });
  await expect(declined).toContainText("Declined");
  await expect(declined).toContainText("We are not taking on new providers for this standard until spring.");
  await epaos.requestLink("Northern Assessment Services", ["ST0119"]);
  await epaos.pending().getByRole("button", { name: "Cancel request with Northern Assessment Services" }).click();
  await page.getByRole("button", { name: "Yes, cancel request" }).click();
  await expect(page.getByText("Your request to Northern Assessment Services has been cancelled.")).toBeVisible();
  await expect(epaos.pending()).not.toContainText("Northern Assessment Services");
  await expect(epaos.history().getByRole("row", { name: /Northern Assessment Services/ })).toHaveCount(2);

  await epaoContext.close();
});
