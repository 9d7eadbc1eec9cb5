import { SIGNS_OUT, expect, test } from "./support/test";
import { LoginPage } from "./pages/login-page";
import { Portal } from "./pages/portal";
import { ROLE_CASES } from "./support/demo";

test.describe("role-based sign-in", () => {
  for (const c of ROLE_CASES) {
    test(
      `${c.role} signs in, lands on their home, sees only their navigation, is refused another role's page and signs out`,
      { tag: SIGNS_OUT },
      async ({ page }) => {
        const login = new LoginPage(page);
        const portal = new Portal(page);
        await login.signInAndLand(c.email, c.home);
        await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
        await expect(portal.navLinks()).toHaveText(c.nav);

        const response = await page.goto(c.forbidden);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();

        await portal.signOut();
        await expect(page.getByText("You have signed out.")).toBeVisible();
        await page.goto(c.home);
        await expect(page).toHaveURL(/\/login/);
      },
    );
  }
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/epao");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/organisation/users");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password shows a clear error and keeps the email", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn("admin@meridian-epa.example", "not the password");
  await expect(login.errorSummary()).toContainText("Enter a correct email address and password.");
  await expect(page.getByLabel("Email address")).toHaveValue("admin@meridian-epa.example");
  await expect(page).toHaveURL(/\/login/);
});

test("empty fields are reported before anything is sent", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(login.errorSummary()).toContainText("Enter your email address");
  await expect(login.errorSummary()).toContainText("Enter your password");
  await login.errorSummary().getByRole("link", { name: "Enter your password" }).click();
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("repeated failed sign-ins are throttled, even with the right password afterwards", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  for (let i = 0; i < 5; i++) {
    await login.signIn("user@brightpath-skills.example", `wrong-${i}`);
    await expect(login.errorSummary()).toContainText("Enter a correct email address and password.");
  }
  await login.signIn("user@brightpath-skills.example", "Attain-demo-2026");
  await expect(login.errorSummary()).toContainText("Too many failed sign-in attempts. Wait 15 minutes and try again.");
  await expect(page).toHaveURL(/\/login/);
});

test("a disabled user loses access on their next request and cannot sign in again", async ({ browser }) => {
  const userContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const userPage = await userContext.newPage();
  const adminPage = await adminContext.newPage();

  await new LoginPage(userPage).signInAndLand("user@kestrel-training.example", "/provider");
  await new LoginPage(adminPage).signInAndLand("admin@kestrel-training.example", "/provider");

  await adminPage.goto("/organisation/users");
  await adminPage.getByRole("link", { name: "Change Liam Murphy" }).click();
  await adminPage.getByRole("button", { name: "Disable account" }).click();
  await expect(adminPage.getByText("User disabled. They are signed out on their next request.")).toBeVisible();
  await adminPage.goto("/organisation/users");
  await expect(adminPage.getByRole("row", { name: /Liam Murphy/ })).toContainText("Disabled");

  await userPage.reload();
  await expect(userPage).toHaveURL(/\/login\?reason=ended/);
  await expect(userPage.getByText("Your session has ended.")).toBeVisible();
  await userPage.goto("/provider");
  await expect(userPage).toHaveURL(/\/login/);

  const login = new LoginPage(userPage);
  await login.goto();
  await login.signIn("user@kestrel-training.example");
  await expect(login.errorSummary()).toContainText("Your account has been disabled.");

  await userContext.close();
  await adminContext.close();
});
