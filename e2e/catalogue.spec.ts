import { expect, test } from "./support/test";
import { LoginPage } from "./pages/login-page";

test("a platform admin adds a standard to the catalogue after fixing errors, then edits it", async ({ page }) => {
  // ST9xxx: a range no real or seeded standard uses.
  const reference = `ST9${String(Date.now()).slice(-3)}`;
  const lars = String(700_000 + (Date.now() % 100_000));
  await new LoginPage(page).signInAndLand("platform.admin@attain.example", "/admin");
  await page.goto("/admin/standards");
  await page.getByRole("link", { name: "Add a standard" }).click();
  await page.getByLabel("Reference").fill("ABC");
  await page.getByLabel("Assessment components").fill("PRJ Project");
  await page.getByRole("button", { name: "Save standard" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter the reference in the format ST0123");

  await page.getByLabel("Reference").fill(reference);
  await page.getByLabel("LARS code").fill(lars);
  await page.getByLabel("Level").selectOption("Level 3");
  await page.getByLabel("Title", { exact: true }).fill("Widget technician");
  await page
    .getByLabel("Assessment components")
    .fill("OBS | Observation with questions | Fail, Pass, Distinction\nPD | Professional discussion | Fail, Pass, Distinction");
  await page.getByLabel("Overall grade combinations (optional)").fill("OBS=Distinction, PD=Pass => Merit\nOBS=Pass, PD=Distinction => Merit");
  await page.getByRole("button", { name: "Save standard" }).click();
  await expect(page.getByText(`${reference} has been saved.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("Widget technician");
  await expect(row).toContainText("Observation with questions (Fail / Pass / Distinction)");

  await row.getByRole("link", { name: `${reference} (edit)` }).click();
  await page.getByLabel("Versions").fill("1.0, 1.1");
  await page.getByRole("button", { name: "Save standard" }).click();
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toContainText("1.0, 1.1");

  // The new standard starts with the default gateway checklist; the admin adds an item of its own.
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link", { name: `${reference} (edit)` })
    .click();
  await expect(page.getByRole("form", { name: "Edit Portfolio of evidence" })).toBeVisible();
  const add = page.getByRole("form", { name: "Add a checklist item" });
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(add.getByRole("alert")).toContainText("Enter the item's title");
  await add.getByLabel("Title").fill("Log book of observed tasks");
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByRole("form", { name: "Edit Log book of observed tasks" })).toBeVisible();
});

test("nobody but a platform admin can open the catalogue editor", async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin@meridian-epa.example", "/epao");
  const response = await page.goto("/admin/standards/new");
  expect(response?.status()).toBe(403);
});
