import { expect, type Page } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** /epao/standards: the standards the EPAO assesses, the admin's form to choose them, and assignments. */
export class EpaoStandardsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/epao/standards");
    await expect(this.page.getByRole("heading", { level: 1, name: "Standards" })).toBeVisible();
  }

  /** Ticks the given standards (by reference, e.g. "ST0070") without unticking others, and saves. */
  async choose(references: string[]) {
    for (const reference of references) await this.standardCheckbox(reference).check();
    await this.page.getByRole("button", { name: "Save standards" }).click();
    await expect(this.page.getByText("Standards saved.")).toBeVisible();
  }

  standardCheckbox(reference: string) {
    return this.page.getByRole("checkbox", { name: new RegExp(`^${escape(reference)} `) });
  }

  assessedTable() {
    return this.page.getByRole("table", { name: /assessed by/ });
  }

  assignmentsTable() {
    return this.page.getByRole("table", { name: "Assessors and staff" });
  }

  /** Opens a person's assignment page, ticks the standards and saves. */
  async assign(personName: string, references: string[]) {
    await this.page.getByRole("link", { name: `Change standards for ${personName}` }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: personName })).toBeVisible();
    for (const reference of references) await this.standardCheckbox(reference).check();
    await this.page.getByRole("button", { name: "Save assigned standards" }).click();
    await expect(this.page.getByText(`The standards assigned to ${personName} have been saved.`)).toBeVisible();
  }
}

/** /epao/providers: pending requests to answer, active links, history. */
export class EpaoProvidersPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/epao/providers");
    await expect(this.page.getByRole("heading", { level: 1, name: "Training providers" })).toBeVisible();
  }

  /** The panel of one provider's pending request. */
  request(providerName: string) {
    return this.page.getByRole("region", { name: providerName, exact: true });
  }

  async accept(providerName: string) {
    const panel = this.request(providerName);
    await panel.getByRole("radio", { name: "Accept" }).check();
    await panel.getByRole("button", { name: "Send response" }).click();
    await expect(this.page.getByText(`You have accepted the request from ${providerName}.`)).toBeVisible();
  }

  /** Chooses "Decline" and sends; pass no reason to see the error. */
  async decline(providerName: string, reason?: string) {
    const panel = this.request(providerName);
    await panel.getByRole("radio", { name: "Decline" }).check();
    if (reason !== undefined) await panel.getByLabel("Reason for declining").fill(reason);
    await panel.getByRole("button", { name: "Send response" }).click();
  }

  errorSummary() {
    return this.page.getByRole("alert").filter({ hasText: "There is a problem" });
  }

  activeLinks() {
    return this.page.getByRole("table", { name: "Active links" });
  }

  history() {
    return this.page.getByRole("table", { name: "Declined and ended links" });
  }
}
