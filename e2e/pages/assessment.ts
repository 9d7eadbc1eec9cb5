import { expect, type Browser, type Page } from "@playwright/test";
import { ApprenticeFormPage } from "./apprentices";
import { LoginPage } from "./login-page";

/** Shared steps of the assessment and certification journeys (ST0070 at Northern Assessment Services). */

export const PROVIDER = "admin@riverside-college.example";
export const EPAO_STAFF = "staff@northern-assessment.example";
export const EPAO_ADMIN = "admin@northern-assessment.example";
export const ASSESSOR = "assessor@northern-assessment.example";
export const NORTHERN = "Northern Assessment Services (EPA0001)";
export const BUSINESS_ADMIN = "ST0070 Business administrator";
export const COMPONENTS = ["Knowledge test", "Portfolio-based interview", "Project presentation"] as const;

export type Session = { page: Page; close: () => Promise<void> };

export async function signedIn(browser: Browser, email: string, home: string): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(email, home);
  page.on("dialog", (dialog) => void dialog.accept());
  return { page, close: () => context.close() };
}

export const pdf = (text: string) => ({ name: `${text}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`) });

/** A new ST0070 record taken through gateway to EPA and assigned to the Northern assessor; returns its EPAO path. */
export async function recordInEpa(provider: Page, epao: Page, family: string): Promise<string> {
  const recordPath = await new ApprenticeFormPage(provider).create({ familyName: family, epao: NORTHERN, standard: BUSINESS_ADMIN });
  await provider.goto(`${recordPath}/gateway`);
  const upload = provider.getByRole("region", { name: "Upload evidence" });
  for (const item of ["English and maths", "Portfolio of evidence", "Employer gateway declaration"]) {
    await upload.getByLabel("Checklist item").selectOption({ label: item });
    await upload.getByLabel("Files", { exact: true }).setInputFiles(pdf(item.replace(/\W+/g, "-")));
    await upload.getByRole("button", { name: "Upload evidence" }).click();
    await expect(provider.getByRole("status").filter({ hasText: "The evidence has been uploaded." })).toBeVisible();
  }
  await expect(provider.getByRole("button", { name: "Submit gateway to the EPAO" })).toBeVisible();
  await provider.getByLabel("The apprentice and the employer agree the apprentice is ready for end-point assessment").check();
  await provider.getByRole("button", { name: "Submit gateway to the EPAO" }).click();
  await expect(provider.getByText("Gateway round 1 is waiting for the EPAO's review")).toBeVisible();

  const epaoPath = recordPath.replace("/provider/", "/epao/");
  await epao.goto(`${epaoPath}/gateway`);
  await epao.getByLabel("Approve: the apprentice is ready for end-point assessment").check();
  await epao.getByRole("button", { name: "Record decision" }).click();
  await expect(epao.getByRole("heading", { name: /Round 1/ })).toContainText("Approved");
  await epao.goto(epaoPath);
  await epao.getByLabel("Assessor").selectOption({ label: "Rachel Hughes" });
  await epao.getByRole("button", { name: "Save assessor" }).click();
  await expect(epao.getByRole("button", { name: "Save assessor" })).toBeDisabled();
  return epaoPath;
}

/** The current attempt's overall grade line (provisional or confirmed): the first on the page. */
export const overall = (page: Page) =>
  page
    .locator("p")
    .filter({ hasText: /^(Provisional overall grade|Overall grade):/ })
    .first();

export async function grade(page: Page, component: string, value: string, date: string) {
  const form = page.getByRole("form", { name: `Grade for ${component}` });
  await form.getByLabel("Grade").selectOption(value);
  await form.getByLabel("Assessed on").fill(date);
  await form.getByRole("button", { name: /Save grade|Change grade/ }).click();
  // Saved when the row's "Assessed" cell shows this date (the grade select lists every grade, so its text proves nothing).
  const shown = new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  await expect(
    page
      .getByRole("row", { name: new RegExp(component) })
      .getByRole("cell")
      .last(),
  ).toContainText(`${shown}, recorded by`);
  await expect(form.getByRole("button", { name: "Change grade" })).toBeEnabled();
}
