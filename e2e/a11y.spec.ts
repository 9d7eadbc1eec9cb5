import { expect, test } from "./support/test";
import { LoginPage } from "./pages/login-page";
import { ROLE_CASES } from "./support/demo";
import { seriousViolations } from "./support/axe";

test("the sign-in page has no serious accessibility violations, with and without errors", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(login.errorSummary()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const c of ROLE_CASES) {
  test(`${c.role}'s home has no serious accessibility violations`, async ({ page }) => {
    await new LoginPage(page).signInAndLand(c.email, c.home);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("users and activity pages have no serious accessibility violations", async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin@meridian-epa.example", "/epao");
  for (const path of ["/organisation/users", "/organisation/users/new", "/organisation/activity", "/epao/standards"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
});
