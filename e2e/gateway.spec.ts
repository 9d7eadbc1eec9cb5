import { expect, test, type Browser, type Page } from "./support/test";
import { ApprenticeFormPage } from "./pages/apprentices";
import { LoginPage } from "./pages/login-page";
import { seriousViolations } from "./support/axe";

/**
 * Gateway end to end: a provider uploads evidence and submits, the EPAO rejects one item with a reason, the provider
 * sees it, replaces the file and resubmits, the EPAO approves and the record enters EPA. Files are only readable by
 * the organisations working on the record (direct URL from another provider: 404).
 */

const PROVIDER = "admin@riverside-college.example";
const OTHER_PROVIDER = "admin@kestrel-training.example";
const EPAO_STAFF = "staff@northern-assessment.example";
const NORTHERN = "Northern Assessment Services (EPA0001)";
const BUSINESS_ADMIN = "ST0070 Business administrator";

async function signedIn(browser: Browser, email: string, home: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAndLand(email, home);
  page.on("dialog", (dialog) => void dialog.accept());
  return { context, page };
}

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

async function upload(page: Page, item: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const panel = page.getByRole("region", { name: "Upload evidence" });
  await panel.getByLabel("Checklist item").selectOption({ label: item });
  await panel.getByLabel("Files", { exact: true }).setInputFiles(files);
  await panel.getByRole("button", { name: "Upload evidence" }).click();
}

test("gateway: upload, submit, rejected item with a reason, fix and resubmit, approve; files stay private", async ({ browser }) => {
  test.slow();
  const tag = `Gw${Date.now().toString(36)}`;
  const provider = await signedIn(browser, PROVIDER, "/provider");
  const p = provider.page;
  const recordPath = await new ApprenticeFormPage(p).create({ familyName: `${tag}Moss`, epao: NORTHERN, standard: BUSINESS_ADMIN });
  const gatewayPath = `${recordPath}/gateway`;

  await p.getByRole("navigation", { name: "Apprentice record sections" }).getByRole("link", { name: "Gateway and evidence" }).click();
  await p.waitForURL((url) => url.pathname === gatewayPath);
  await expect(p.getByRole("region", { name: "Submit the gateway" })).toContainText("English and maths");

  // A wrong file type is refused with a clear message, and nothing is listed.
  await upload(p, "English and maths", [{ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") }]);
  await expect(p.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "must be a PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG file",
  );

  await upload(p, "English and maths", [{ name: "maths-certificate.pdf", mimeType: "application/pdf", buffer: pdf("maths") }]);
  await expect(p.getByRole("status").filter({ hasText: "The evidence has been uploaded." })).toBeVisible();
  await upload(p, "Portfolio of evidence", [{ name: "portfolio.pdf", mimeType: "application/pdf", buffer: pdf("portfolio v1") }]);
  await expect(p.getByRole("link", { name: "portfolio.pdf" })).toBeVisible();
  await upload(p, "Employer gateway declaration", [{ name: "employer.pdf", mimeType: "application/pdf", buffer: pdf("employer") }]);
  await expect(p.getByRole("link", { name: "employer.pdf" })).toBeVisible();

  const submit = p.getByRole("region", { name: "Submit the gateway" });
  await submit.getByRole("button", { name: "Submit gateway to the EPAO" }).click();
  await expect(submit.getByText("Confirm that the apprentice and employer agree").first()).toBeVisible();
  await submit.getByLabel("The apprentice and the employer agree the apprentice is ready for end-point assessment").check();
  await submit.getByRole("button", { name: "Submit gateway to the EPAO" }).click();
  await expect(p.getByText("Gateway round 1 is waiting for the EPAO's review")).toBeVisible();
  const fileHref = await p.getByRole("link", { name: "maths-certificate.pdf" }).first().getAttribute("href");

  // Another provider cannot open the file by its URL.
  const other = await signedIn(browser, OTHER_PROVIDER, "/provider");
  expect((await other.page.request.get(fileHref!)).status()).toBe(404);
  expect((await other.page.goto(gatewayPath))?.status()).toBe(404);
  await other.context.close();
  // The provider can.
  const own = await p.request.get(fileHref!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/pdf");
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");

  // The EPAO rejects the portfolio with a reason.
  const epao = await signedIn(browser, EPAO_STAFF, "/epao");
  const e = epao.page;
  await e.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assessment" }).click();
  await e.getByRole("link", { name: `Jordan ${tag}Moss` }).click();
  await e.waitForURL((url) => url.pathname.endsWith("/gateway"));
  const review = e.getByRole("region", { name: "Review gateway round 1" });
  await review.getByLabel("Reject: the provider needs to fix some evidence").check();
  await review.getByRole("button", { name: "Record decision" }).click();
  await expect(review.getByRole("alert")).toContainText("Choose at least one item to reject and say why");
  await review.getByLabel("Portfolio of evidence (1 file)").check();
  await review.getByLabel('Why is "Portfolio of evidence" rejected?').fill("The portfolio is not mapped to the KSBs");
  await review.getByRole("button", { name: "Record decision" }).click();
  await expect(e.getByRole("heading", { name: /Round 1/ })).toContainText("Rejected");

  // The provider sees the rejection, replaces the portfolio and resubmits.
  await p.reload();
  await expect(p.getByText("Gateway round 1 was rejected")).toBeVisible();
  await expect(p.getByText("The portfolio is not mapped to the KSBs").first()).toBeVisible();
  await p.getByRole("button", { name: "Remove portfolio.pdf" }).click();
  await expect(p.getByRole("button", { name: "Remove portfolio.pdf" })).toHaveCount(0);
  await upload(p, "Portfolio of evidence", [{ name: "portfolio-mapped.pdf", mimeType: "application/pdf", buffer: pdf("portfolio v2") }]);
  await expect(p.getByRole("link", { name: "portfolio-mapped.pdf" })).toBeVisible();
  await p.getByLabel("The apprentice and the employer agree the apprentice is ready for end-point assessment").check();
  await p.getByRole("button", { name: "Submit gateway to the EPAO" }).click();
  await expect(p.getByText("Gateway round 2 is waiting for the EPAO's review")).toBeVisible();

  // The EPAO approves round 2: the record is in EPA, both rounds are kept.
  await e.reload();
  const second = e.getByRole("region", { name: "Review gateway round 2" });
  await second.getByLabel("Approve: the apprentice is ready for end-point assessment").check();
  await second.getByRole("button", { name: "Record decision" }).click();
  await expect(e.getByRole("heading", { name: /Round 2/ })).toContainText("Approved");
  await expect(e.getByRole("heading", { name: /Round 1/ })).toContainText("Rejected");
  expect(await seriousViolations(e)).toEqual([]);
  await e.goto(recordPath.replace("/provider/", "/epao/"));
  await expect(e.getByText("In EPA").first()).toBeVisible();
  await expect(e.getByRole("list", { name: "Timeline of events, newest first" })).toContainText("Approved gateway round 2");

  expect(await seriousViolations(p)).toEqual([]);
  await epao.context.close();
  await provider.context.close();
});

test("an EPAO asks for more evidence, the provider answers with a file, and shared documents reach linked providers", async ({ browser }) => {
  test.slow();
  const tag = `Ev${Date.now().toString(36)}`;
  const provider = await signedIn(browser, PROVIDER, "/provider");
  const recordPath = await new ApprenticeFormPage(provider.page).create({ familyName: `${tag}Reed`, epao: NORTHERN, standard: BUSINESS_ADMIN });

  const epao = await signedIn(browser, EPAO_STAFF, "/epao");
  const e = epao.page;
  await e.goto(`${recordPath.replace("/provider/", "/epao/")}/gateway`);
  const ask = e.getByRole("region", { name: "Request more evidence" });
  await ask.getByRole("button", { name: "Request evidence" }).click();
  await expect(ask.getByRole("alert")).toContainText("Say what evidence you need");
  await ask.getByLabel("What evidence do you need?").fill(`Please send the signed witness statement ${tag}`);
  await ask.getByLabel("Due date").fill("2099-01-31");
  await ask.getByRole("button", { name: "Request evidence" }).click();
  await expect(e.getByText(`Please send the signed witness statement ${tag}`).first()).toBeVisible();

  // Documents: share one for ST0070.
  await e.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
  const share = e.getByRole("region", { name: "Share a document" });
  await share.getByLabel("Standard").selectOption({ label: "ST0070 Business administrator" });
  await share.getByLabel("Title").fill(`Assessment plan ${tag}`);
  await share.getByLabel("File", { exact: true }).setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: pdf("plan") });
  await share.getByRole("button", { name: "Share document" }).click();
  await expect(e.getByRole("link", { name: `Assessment plan ${tag}` })).toBeVisible();

  // The provider finds the request on its Gateway page, answers it, and sees the shared document.
  const p = provider.page;
  await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gateway" }).click();
  await expect(p.getByRole("row", { name: new RegExp(`${tag}Reed`) })).toContainText("signed witness statement");
  await p
    .getByRole("link", { name: `Jordan ${tag}Reed` })
    .first()
    .click();
  const answer = p.locator("section").filter({ hasText: `Please send the signed witness statement ${tag}` });
  await answer.getByLabel("Files", { exact: true }).setInputFiles({ name: "witness.pdf", mimeType: "application/pdf", buffer: pdf("witness") });
  await answer.getByRole("button", { name: "Send evidence" }).click();
  await expect(p.getByRole("link", { name: "witness.pdf" })).toBeVisible();
  await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
  const docLink = p.getByRole("link", { name: `Assessment plan ${tag}` });
  await expect(docLink).toBeVisible();
  expect((await p.request.get((await docLink.getAttribute("href"))!)).status()).toBe(200);
  expect(await seriousViolations(p)).toEqual([]);

  // The EPAO sees the answer and closes the request.
  await e.goto(`${recordPath.replace("/provider/", "/epao/")}/gateway`);
  await expect(e.getByRole("link", { name: "witness.pdf" })).toBeVisible();
  await e.getByRole("button", { name: "Close request" }).click();
  await expect(e.getByText("Closed").first()).toBeVisible();
  await epao.context.close();
  await provider.context.close();
});
