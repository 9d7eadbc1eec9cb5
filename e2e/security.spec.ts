import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Response } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { Portal } from "./pages/portal";
import { ROLE_CASES } from "./support/demo";
import { randomLoopback, signInOverHttp } from "./support/http";
import { expect, test, type Browser, type Page } from "./support/test";

const THROTTLED = "Too many failed sign-in attempts. Wait 15 minutes and try again.";
const INVALID = "Enter a correct email address and password.";

/** The page policy's nonce, after checking the policy has every directive it must and nothing it must not. */
function checkPagePolicy(response: Response | null, label: string): string {
  expect(response, label).not.toBeNull();
  const policy = response!.headers()["content-security-policy"] ?? "";
  expect(policy, label).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(policy, label).toContain(directive);
  expect(policy, label).not.toContain("unsafe-eval");
  expect(response!.headers()["permissions-policy"], label).toContain("camera=()");
  // Served over plain http here: no HSTS.
  expect(response!.headers()["strict-transport-security"], label).toBeUndefined();
  return /'nonce-([^']+)'/.exec(policy)![1]!;
}

/** Every script Next put in the page carries the request's nonce. */
async function expectScriptsNonced(page: Page, nonce: string, label: string) {
  const nonces = await page.evaluate(() => Array.from(document.scripts).map((s) => s.nonce));
  expect(nonces.length, label).toBeGreaterThan(0);
  expect(new Set(nonces), label).toEqual(new Set([nonce]));
}

async function visit(page: Page, url: string, label = url) {
  const response = await page.goto(url);
  const nonce = checkPagePolicy(response, label);
  await expectScriptsNonced(page, nonce, label);
  return nonce;
}

test.describe("Content-Security-Policy", () => {
  test("the sign-in page and a 404 carry the policy with a fresh nonce on every script", async ({ page }) => {
    const first = await visit(page, "/login");
    const second = await visit(page, "/login");
    expect(second).not.toBe(first);
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expectScriptsNonced(page, checkPagePolicy(missing, "404"), "404");
  });

  for (const c of ROLE_CASES) {
    test(`${c.role}'s home and a 403 page carry the policy with the nonce on every script`, async ({ page }) => {
      await new LoginPage(page).signInAndLand(c.email, c.home);
      await visit(page, c.home, c.role);
      await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
      const forbidden = await page.goto(c.forbidden);
      expect(forbidden?.status()).toBe(403);
      checkPagePolicy(forbidden, `${c.role} 403`);
    });
  }

  test("lists and record pages carry it, and the app still works under it (client navigation, forms)", async ({ page }) => {
    await new LoginPage(page).signInAndLand("admin@riverside-college.example", "/provider");
    await visit(page, "/provider/apprentices", "provider list");
    const record = page
      .locator('main a[href^="/provider/apprentices/"]')
      .filter({ hasNotText: /add|upload/i })
      .first();
    const href = await record.getAttribute("href");
    expect(href).toMatch(/^\/provider\/apprentices\/[0-9a-f-]{36}$/);
    await visit(page, href!, "provider record");
    // Client-side navigation (scripts ran) to the users list and its form.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/organisation\/users$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await visit(page, "/organisation/users/new", "form page");
  });

  test("API documentation keeps its own stricter policy; API responses get the Permissions-Policy", async ({ request }) => {
    const docs = await request.get("/api/docs");
    expect(docs.status()).toBe(200);
    const policy = docs.headers()["content-security-policy"] ?? "";
    // No scripts at all (default-src 'none', no script-src): stricter than a nonce.
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain("script-src");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(docs.headers()["permissions-policy"]).toContain("camera=()");
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(health.headers()["permissions-policy"]).toContain("microphone=()");
  });
});

test("every spec uses the shared test (with the CSP violation check)", () => {
  const dir = path.join(import.meta.dirname);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".spec.ts"))) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    expect(source, file).toMatch(/from "\.\/support\/test"/);
    expect(source, file).not.toMatch(/import \{[^}]*\btest\b[^}]*\} from "@playwright\/test"/);
  }
});

/** A provider user of their own, made by Brightpath's admin, so signing them out ends no other test's session. */
async function freshUser(browser: Browser) {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new LoginPage(admin).signInAndLand("admin@brightpath-skills.example", "/provider");
  const id = crypto.randomUUID().slice(0, 8);
  const user = { name: `Sam Okafor ${id}`, email: `sam.${id}@brightpath-skills.example`, password: `temporary-${id}-password` };
  await admin.goto("/organisation/users/new");
  await admin.getByLabel("Full name").fill(user.name);
  await admin.getByLabel("Email address").fill(user.email);
  await admin.getByLabel("Provider user").check();
  await admin.getByLabel("Temporary password").fill(user.password);
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin).toHaveURL(/\/organisation\/users\?added=/);
  return { ...user, admin, adminContext };
}

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(email, "/provider", password);
  return { context, page };
}

test.describe("sessions end on the server", () => {
  test("a copied session cookie is refused after sign-out, in another browser, with no data", async ({ browser }) => {
    const user = await freshUser(browser);
    const { context, page } = await signedIn(browser, user.email, user.password);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(cookie).toBeDefined();

    // A copy works while the session is live...
    const thief = await browser.newContext();
    await thief.addCookies([cookie!]);
    const thiefPage = await thief.newPage();
    await thiefPage.goto("/provider/apprentices");
    await expect(thiefPage.getByRole("heading", { level: 1, name: "Apprentices" })).toBeVisible();

    await new Portal(page).signOut();
    await expect(page.getByText("You are signed out on all your devices.")).toBeVisible();

    // ...and not after sign-out: a fresh browser with the copied cookie is sent to sign in, and sees nothing.
    const replay = await browser.newContext();
    await replay.addCookies([cookie!]);
    const replayPage = await replay.newPage();
    await replayPage.goto("/provider/apprentices");
    await expect(replayPage).toHaveURL(/\/login\?reason=ended/);
    await expect(replayPage.getByText("Your session has ended.")).toBeVisible();
    await expect(replayPage.getByRole("table")).toHaveCount(0);
    // Route handlers refuse it too.
    const api = await replay.request.get("/api/apprentices/export", { headers: { cookie: `${cookie!.name}=${cookie!.value}` }, maxRedirects: 0 });
    expect(api.status()).toBe(401);
    // The copy that was open in another browser is ended on its next request.
    await thiefPage.reload();
    await expect(thiefPage).toHaveURL(/\/login\?reason=ended/);

    for (const c of [context, thief, replay, user.adminContext]) await c.close();
  });

  test("an admin's Sign out everywhere ends every session of the user", async ({ browser }) => {
    const user = await freshUser(browser);
    const laptop = await signedIn(browser, user.email, user.password);
    const phone = await signedIn(browser, user.email, user.password);

    await user.admin.goto("/organisation/users");
    await user.admin.getByRole("link", { name: `Change ${user.name}` }).click();
    await user.admin.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(user.admin.getByText("Signed out on every device. They must sign in again.")).toBeVisible();

    for (const device of [laptop, phone]) {
      await device.page.reload();
      await expect(device.page).toHaveURL(/\/login\?reason=ended/);
    }
    // They can sign in again with their password.
    await new LoginPage(laptop.page).signInAndLand(user.email, "/provider", user.password);

    await user.admin.goto("/organisation/activity");
    await expect(user.admin.getByRole("table")).toContainText(`Signed ${user.name} out on every device`);
    for (const c of [laptop.context, phone.context, user.adminContext]) await c.close();
  });

  test("changing password keeps this browser signed in and ends every other session", async ({ browser }) => {
    const user = await freshUser(browser);
    const here = await signedIn(browser, user.email, user.password);
    const elsewhere = await signedIn(browser, user.email, user.password);
    const newPassword = `${user.password}-changed`;

    await here.page.getByRole("link", { name: "Change password" }).click();
    await expect(here.page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
    await here.page.getByLabel("Current password").fill(user.password);
    await here.page.getByLabel("New password", { exact: true }).fill(newPassword);
    await here.page.getByLabel("Confirm new password").fill(newPassword);
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("Your password has been changed. You have been signed out on your other devices.")).toBeVisible();

    await here.page.goto("/provider");
    await expect(here.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await elsewhere.page.reload();
    await expect(elsewhere.page).toHaveURL(/\/login\?reason=ended/);
    await new LoginPage(elsewhere.page).signInAndLand(user.email, "/provider", newPassword);
    for (const c of [here.context, elsewhere.context, user.adminContext]) await c.close();
  });
});

test("per-IP sign-in throttling counts the connection's address: 31 failures with 31 different forged X-Forwarded-For are throttled", async ({ baseURL }) => {
  const client = randomLoopback();
  const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` });
  const unknownEmail = () => `nobody.${crypto.randomUUID()}@guess.example`;
  for (let i = 0; i < 30; i++) expect(await signInOverHttp(baseURL!, client, unknownEmail(), "wrong password", forged(i)), `attempt ${i + 1}`).toBe(INVALID);
  expect(await signInOverHttp(baseURL!, client, unknownEmail(), "wrong password", forged(30))).toBe(THROTTLED);
  // Per address, not for everyone: another client is not throttled.
  expect(await signInOverHttp(baseURL!, randomLoopback(), unknownEmail(), "wrong password", forged(30))).toBe(INVALID);
});
