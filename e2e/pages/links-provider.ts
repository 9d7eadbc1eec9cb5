import { expect, type Page } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** /provider/epaos and /provider/epaos/new: the provider's links with EPAOs and the request form. */
export class ProviderEpaosPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/provider/epaos");
    await expect(this.page.getByRole("heading", { level: 1, name: "EPAOs" })).toBeVisible();
  }

  async openRequestForm() {
    await this.page.getByRole("link", { name: "Request a link" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Request a link with an EPAO" })).toBeVisible();
  }

  epaoSelect() {
    return this.page.getByLabel("End-point assessment organisation (EPAO)");
  }

  /** Picks the EPAO by its name in the list (the option reads "Name (EPA0001)"). */
  async selectEpao(name: string) {
    const option = this.epaoSelect().locator("option", { hasText: name });
    await this.epaoSelect().selectOption({ label: (await option.textContent())!.trim() });
  }

  standardCheckbox(reference: string) {
    return this.page.getByRole("checkbox", { name: new RegExp(`^${escape(reference)} `) });
  }

  async send() {
    await this.page.getByRole("button", { name: "Send request" }).click();
  }

  /** Fills in and sends the request form, and waits for the confirmation. */
  async requestLink(epaoName: string, references: string[], message?: string) {
    await this.openRequestForm();
    await this.selectEpao(epaoName);
    for (const reference of references) await this.standardCheckbox(reference).check();
    if (message) await this.page.getByLabel("Message to the EPAO (optional)").fill(message);
    await this.send();
    await expect(this.page.getByText(`Your request has been sent to ${epaoName}.`)).toBeVisible();
  }

  errorSummary() {
    return this.page.getByRole("alert").filter({ hasText: "There is a problem" });
  }

  pending() {
    return this.page.getByRole("table", { name: "Pending requests" });
  }

  activeLinks() {
    return this.page.getByRole("table", { name: "Active links" });
  }

  history() {
    return this.page.getByRole("table", { name: "Declined and ended links" });
  }
}
