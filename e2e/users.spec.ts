import { SIGNS_OUT, expect, test } from "./support/test";
import { LoginPage } from "./pages/login-page";

test("an organisation admin adds a user (after fixing errors), changes their role and sees it in the activity log", async ({ page, browser }) => {
  const email = `new.starter.${Date.now()}@riverside-college.example`;
  await new LoginPage(page).signInAndLand("admin@riverside-college.example", "/provider");

  await page.goto("/organisation/users");
  await page.getByRole("link", { name: "Add a user" }).click();
  await page.getByRole("button", { name: "Add user" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter the person's full name");
  await expect(summary).toContainText("Select a role");
  await expect(summary).toContainText("The temporary password must be at least 12 characters");

  await page.getByLabel("Full name").fill("Nadia Ferreira");
  await page.getByLabel("Email address").fill("admin@riverside-college.example");
  await page.getByLabel("Provider user").check();
  await page.getByLabel("Temporary password").fill("temporary-pass-123");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(summary).toContainText("A user with this email address already exists");
  await expect(page.getByLabel("Full name")).toHaveValue("Nadia Ferreira");

  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page).toHaveURL(/\/organisation\/users\?added=/);
  await expect(page.getByText("Nadia Ferreira has been added.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Nadia Ferreira/ })).toContainText("Provider user");

  // The new user can sign in with the temporary password.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await new LoginPage(otherPage).signInAndLand(email, "/provider", "temporary-pass-123");
  await expect(otherPage.getByText("Nadia Ferreira")).toBeVisible();

  // Change the role; the new user's next request sees the admin navigation.
  await page.getByRole("link", { name: "Change Nadia Ferreira" }).click();
  await page.getByLabel("Provider admin").check();
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText("Role updated.")).toBeVisible();
  await otherPage.reload();
  await expect(otherPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
  await other.close();

  await page.goto("/organisation/activity");
  await page.getByLabel("Action").selectOption("user.role_changed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=user.role_changed/);
  await expect(page.getByRole("table")).toContainText("Changed Nadia Ferreira's role from Provider user to Provider admin");
  await page.getByLabel("Search").fill("zzz-no-such-thing");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No activity matches these filters.")).toBeVisible();
});

test("an admin cannot open another organisation's user by direct URL", { tag: SIGNS_OUT }, async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin@meridian-epa.example", "/epao");
  await page.goto("/organisation/users");
  const href = await page.getByRole("link", { name: "Change Aisha Begum" }).getAttribute("href");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await new LoginPage(page).signInAndLand("admin@northern-assessment.example", "/epao");
  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Aisha Begum")).toHaveCount(0);
});

test("health reports the app and database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", app: { status: "ok" }, database: { status: "ok" } });
});
