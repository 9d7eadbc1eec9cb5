import type { Page } from "@playwright/test";

export class Portal {
  constructor(readonly page: Page) {}

  navLinks() {
    return this.page.getByRole("navigation", { name: "Main" }).getByRole("link");
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await this.page.waitForURL((url) => url.pathname === "/login");
  }
}
