import { expect, test, type Locator, type Page } from "./support/test";
import { LoginPage } from "./pages/login-page";
import { seriousViolations } from "./support/axe";

const saved = (page: Page) => page.getByRole("alert").filter({ hasText: "Your notification settings have been saved." });

async function setAndSave(page: Page, box: Locator, checked: boolean) {
  await box.setChecked(checked);
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(saved(page)).toBeVisible();
}

test("EPAO staff turn an email notification off, and it stays off after a reload", async ({ page }) => {
  await new LoginPage(page).signInAndLand("staff@meridian-epa.example", "/epao");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(/\/epao\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("Attain does not send emails yet.")).toBeVisible();
  await expect(page.getByRole("group", { name: "Email me when" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const withdrawals = page.getByRole("checkbox", { name: "Withdrawals" });
  const links = page.getByRole("checkbox", { name: "Link requests from training providers" });
  // EPAO staff get every event by default.
  await expect(withdrawals).toBeChecked();
  await expect(links).toBeChecked();

  await setAndSave(page, withdrawals, false);
  expect(await seriousViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(withdrawals).not.toBeChecked();
  await expect(links).toBeChecked();
  await expect(saved(page)).toHaveCount(0);

  // Put it back as it was.
  await setAndSave(page, withdrawals, true);
  await page.reload();
  await expect(withdrawals).toBeChecked();
});

test("an assessor sees their own defaults and can save their notification settings", async ({ page }) => {
  await new LoginPage(page).signInAndLand("assessor@meridian-epa.example", "/assessor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(/\/assessor\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Assessors start with only records assigned and gateway submissions switched on.
  await expect(page.getByRole("checkbox", { name: "Records assigned to assessors" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Gateway submissions" })).toBeChecked();
  const created = page.getByRole("checkbox", { name: "New apprentice records" });
  await expect(created).not.toBeChecked();
  await expect(page.getByText("An apprentice record is assigned to you, or moved from you to another assessor.")).toBeVisible();

  await setAndSave(page, created, true);
  await page.reload();
  await expect(created).toBeChecked();

  await setAndSave(page, created, false);
  await page.reload();
  await expect(created).not.toBeChecked();
});

test("notification settings are not open to training providers", async ({ page }) => {
  await new LoginPage(page).signInAndLand("user@riverside-college.example", "/provider");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toHaveCount(0);
  const response = await page.goto("/epao/notifications");
  expect(response?.status()).toBe(403);
});
