import { expect, type Page } from "@playwright/test";

let counter = 0;
/** A ULN unique to this run (10 digits). */
export function freshUln(): string {
  counter++;
  return `7${String(Date.now()).slice(-6)}${String(process.pid % 100).padStart(2, "0")}${counter % 10}`;
}

export type NewRecord = { familyName: string; givenNames?: string; epao: string; standard: string; uln?: string };

export class ApprenticeFormPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/provider/apprentices/new");
    await expect(this.page.getByRole("heading", { level: 1, name: "Add an apprentice" })).toBeVisible();
  }

  /** Fills and submits the create form, then waits for the new record's page. Returns the record URL. */
  async create(record: NewRecord): Promise<string> {
    await this.open();
    const p = this.page;
    await p.getByLabel("End-point assessment organisation").selectOption({ label: record.epao });
    await p.getByLabel("Standard", { exact: true }).selectOption({ label: record.standard });
    await p.getByLabel("Version").selectOption({ index: 1 });
    const option = p.getByLabel("Option", { exact: true });
    if (await option.count()) await option.selectOption({ index: 1 });
    await p.getByLabel("Start date").fill("2025-09-01");
    await p.getByLabel("Planned end date").fill("2027-03-31");
    await p.getByLabel("Unique learner number (ULN)").fill(record.uln ?? freshUln());
    await p.getByLabel("Given names").fill(record.givenNames ?? "Jordan");
    await p.getByLabel("Family name").fill(record.familyName);
    await p.getByLabel("Date of birth").fill("2001-05-17");
    await p.getByLabel("Employer name").fill("Harbour Logistics Ltd");
    await p.getByLabel("Postcode (optional)").fill("HU1 3DZ");
    await p.getByRole("button", { name: "Create record" }).click();
    await p.waitForURL(/\/provider\/apprentices\/[0-9a-f-]{36}\?done=created/);
    await expect(p.getByText("The apprentice record has been created.")).toBeVisible();
    return new URL(p.url()).pathname;
  }
}
