import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/demo";

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
    await expect(this.page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in and waits until the role's home page has loaded. */
  async signInAndLand(email: string, home: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.signIn(email, password);
    await this.page.waitForURL((url) => url.pathname === home);
  }

  errorSummary() {
    return this.page.getByRole("alert").filter({ hasText: "There is a problem" });
  }
}
