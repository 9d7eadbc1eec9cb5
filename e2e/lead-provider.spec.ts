import { expect, test } from "./support/test";
import { LoginPage } from "./pages/login-page";

test("a platform admin loads an NPQ application; the lead provider's system reads it through the API with a new token, until it is revoked", async ({
  browser,
}) => {
  const email = `e2e.${Date.now()}@school.example`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new LoginPage(admin).signInAndLand("platform.admin@attain.example", "/admin");
  await admin.goto("/admin/npq");
  // DfE's file stops at 2024 for NPQ; the demo opened 2025 from 2024's pattern, so its applications can be accepted.
  const schedules = admin.getByRole("region", { name: "NPQ schedules by cohort" });
  await expect(schedules.getByRole("row", { name: /^2025/ })).toContainText("Can be accepted");
  await expect(admin.getByText("Every cohort has NPQ schedules.")).toBeVisible();
  await admin.getByRole("button", { name: "Load application", exact: true }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select the lead provider");
  await admin.locator("select#leadProviderId").selectOption({ label: "Northstar Teacher Development" });
  await admin.getByLabel("Participant's full name").fill("Rosalind Franklin");
  await admin.getByLabel("Email address", { exact: true }).fill(email);
  await admin.getByLabel("Course", { exact: true }).selectOption("npq-headship");
  await admin.getByLabel("Cohort", { exact: true }).selectOption("2025");
  await admin.getByRole("group", { name: "Eligible for DfE funding?" }).getByLabel("Yes").check();
  await admin.getByRole("group", { name: "Works in a school?" }).getByLabel("Yes").check();
  await admin.getByLabel("School URN").fill("135790");
  await admin.getByRole("button", { name: "Load application", exact: true }).click();
  await expect(admin.getByText("The application has been loaded.")).toBeVisible();
  await adminContext.close();

  const lpContext = await browser.newContext();
  const lp = await lpContext.newPage();
  await new LoginPage(lp).signInAndLand("admin@northstar-td.example", "/lead-provider");
  await lp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await lp.getByLabel("What is this token for?").fill("E2E student record system");
  await lp.getByRole("button", { name: "Create token" }).click();
  const token = (await lp.getByLabel("New API token", { exact: true }).textContent())!.trim();
  expect(token).toMatch(/^attain_/);
  await lp.reload();
  await expect(lp.getByLabel("New API token", { exact: true })).toHaveCount(0);
  await expect(lp.getByRole("row", { name: /E2E student record system/ })).toContainText("Active");

  const api = await lp.request.get("/api/v3/npq-applications?page[per_page]=3000", { headers: { Authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { data: { attributes: { email: string; course_identifier: string; status: string } }[] };
  expect(body.data.find((a) => a.attributes.email === email)).toMatchObject({ attributes: { course_identifier: "npq-headship", status: "pending" } });

  lp.once("dialog", (dialog) => void dialog.accept());
  await lp
    .getByRole("row", { name: /E2E student record system/ })
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(lp.getByRole("row", { name: /E2E student record system/ })).toContainText("Revoked");
  const refused = await lp.request.get("/api/v3/npq-applications", { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: "HTTP Token: Access denied" });

  const other = await browser.newContext();
  const crescent = await other.newPage();
  await new LoginPage(crescent).signInAndLand("user@crescent-education.example", "/lead-provider");
  expect((await crescent.goto("/lead-provider/api-tokens"))?.status()).toBe(403);
  await other.close();
  await lpContext.close();
});
