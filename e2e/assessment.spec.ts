import { expect, test } from "./support/test";
import { COMPONENTS, EPAO_ADMIN, EPAO_STAFF, ASSESSOR, PROVIDER, grade, overall, recordInEpa, signedIn } from "./pages/assessment";
import { seriousViolations } from "./support/axe";

/**
 * Grading end to end on ST0070 (knowledge test, portfolio-based interview, project presentation; Fail/Pass/Distinction):
 * the assigned assessor records component grades to a provisional grade, an EPAO user confirms it, an EPAO admin
 * unlocks it; a fail followed by an approved resit; an appeal upheld with a changed grade.
 */

test("assessor grades to a provisional Distinction, EPAO staff confirm it, an EPAO admin unlocks it with a reason", async ({ browser }) => {
  test.slow();
  const tag = `Gr${Date.now().toString(36)}`;
  const [provider, epao, assessor] = [
    await signedIn(browser, PROVIDER, "/provider"),
    await signedIn(browser, EPAO_STAFF, "/epao"),
    await signedIn(browser, ASSESSOR, "/assessor"),
  ];
  const epaoPath = await recordInEpa(provider.page, epao.page, `${tag}Lane`);
  const assessorPath = epaoPath.replace("/epao/", "/assessor/");

  // The assessor finds the apprentice awaiting grades and records them.
  const a = assessor.page;
  await a.goto("/assessor?view=awaiting");
  await a.getByRole("link", { name: `${tag}Lane, Jordan` }).click();
  await a.waitForURL((url) => url.pathname === `${assessorPath}/assessment`);
  // A date in the future is refused.
  const kt = a.getByRole("form", { name: "Grade for Knowledge test" });
  await kt.getByLabel("Grade").selectOption("Distinction");
  await kt.getByLabel("Assessed on").fill("2099-01-01");
  await kt.getByRole("button", { name: "Save grade" }).click();
  await expect(kt).toContainText("cannot be in the future");
  for (const c of COMPONENTS) await grade(a, c, "Distinction", "2026-11-02");
  await expect(overall(a)).toContainText("Distinction");
  expect(await seriousViolations(a)).toEqual([]);

  // EPAO staff confirm from the queue.
  const e = epao.page;
  await e.goto("/epao/assessment");
  await e.getByLabel(`Select Jordan ${tag}Lane`).check();
  await e.getByRole("button", { name: "Confirm 1 selected" }).click();
  await expect(e.getByRole("status")).toContainText("1 grade confirmed.");
  await e.goto(`${epaoPath}/assessment`);
  await expect(overall(e)).toContainText(/^Overall grade:\s*Distinction/);
  await expect(e.getByRole("region", { name: "Unlock a grade" })).toHaveCount(0); // staff cannot unlock

  // The assessor can no longer change a grade.
  await a.reload();
  await expect(a.getByRole("form", { name: "Grade for Knowledge test" })).toHaveCount(0);

  // An EPAO admin unlocks the project presentation with a reason; the assessor changes it.
  const admin = await signedIn(browser, EPAO_ADMIN, "/epao");
  await admin.page.goto(`${epaoPath}/assessment`);
  const unlock = admin.page.getByRole("region", { name: "Unlock a grade" });
  await unlock.getByLabel("What to unlock").selectOption({ label: "Project presentation only" });
  await unlock.getByRole("button", { name: "Unlock grade" }).click();
  await expect(unlock.getByRole("alert")).toContainText("Enter the reason for unlocking the grade");
  await unlock.getByLabel("Reason for unlocking").fill("The presentation was marked against the wrong criteria");
  await unlock.getByRole("button", { name: "Unlock grade" }).click();
  await expect(overall(admin.page)).toContainText(/^Provisional overall grade/);
  await a.reload();
  await grade(a, "Project presentation", "Pass", "2026-11-03");
  await expect(overall(a)).toContainText("Pass");
  await admin.page.goto(epaoPath);
  await expect(admin.page.getByRole("list", { name: "Timeline of events, newest first" })).toContainText(
    "The presentation was marked against the wrong criteria",
  );
  await Promise.all([provider.close(), epao.close(), assessor.close(), admin.close()]);
});

test("a fail, an approved resit of the failed component, a pass; then an appeal upheld with a changed grade", async ({ browser }) => {
  test.slow();
  const tag = `Rs${Date.now().toString(36)}`;
  const [provider, epao, assessor] = [
    await signedIn(browser, PROVIDER, "/provider"),
    await signedIn(browser, EPAO_STAFF, "/epao"),
    await signedIn(browser, ASSESSOR, "/assessor"),
  ];
  const epaoPath = await recordInEpa(provider.page, epao.page, `${tag}Hart`);
  const assessorPath = epaoPath.replace("/epao/", "/assessor/");
  const providerPath = epaoPath.replace("/epao/", "/provider/");
  const a = assessor.page;
  const e = epao.page;
  const p = provider.page;

  await a.goto(`${assessorPath}/assessment`);
  await grade(a, "Knowledge test", "Pass", "2026-11-02");
  await grade(a, "Portfolio-based interview", "Fail", "2026-11-02");
  await grade(a, "Project presentation", "Pass", "2026-11-02");
  await expect(overall(a)).toContainText("Fail");

  await e.goto(`${epaoPath}/assessment`);
  await e.getByRole("button", { name: "Confirm Fail as the overall grade" }).click();
  await expect(overall(e)).toContainText(/^Overall grade:\s*Fail/);

  // The provider requests a resit of the failed component.
  await p.goto(`${providerPath}/assessment`);
  const resit = p.getByRole("region", { name: "Request a resit or retake" });
  await resit.getByRole("button", { name: "Request resit or retake" }).click();
  await expect(resit.getByRole("alert")).toContainText("Choose a resit (no further learning) or a retake (further learning)");
  await resit.getByLabel("Resit").check();
  await resit.getByLabel("Reason for the request").fill("The apprentice was unwell on the day of the interview");
  await resit.getByRole("button", { name: "Request resit or retake" }).click();
  await expect(p.getByText("A resit has been requested")).toBeVisible();

  // The EPAO approves it from its queue: attempt 2 starts with the passed grades carried over.
  await e.goto("/epao/assessment");
  await e.locator("#resits").scrollIntoViewIfNeeded();
  await e
    .getByRole("link", { name: `Jordan ${tag}Hart` })
    .last()
    .click();
  await e.getByLabel("Approve: start a new attempt for these components").check();
  await e.getByRole("button", { name: "Record decision" }).click();
  await expect(e.getByRole("heading", { name: "Attempt 2: Resit" })).toBeVisible();
  await expect(e.getByRole("row", { name: /Knowledge test/ })).toContainText("Carried over");

  await a.reload();
  await expect(a.getByRole("form", { name: "Grade for Knowledge test" })).toHaveCount(0);
  await grade(a, "Portfolio-based interview", "Pass", "2026-11-20");
  await expect(overall(a)).toContainText("Pass");
  await e.reload();
  await e.getByRole("button", { name: "Confirm Pass as the overall grade" }).click();
  await expect(overall(e)).toContainText(/^Overall grade:\s*Pass/);
  await expect(e.getByRole("region", { name: "Attempt 1: First attempt" })).toContainText("Fail");

  // The provider appeals the Pass; the EPAO upholds it with a Distinction.
  await p.reload();
  const appeal = p.getByRole("region", { name: "Lodge an appeal" });
  await expect(appeal).toContainText("The appeal window closes on");
  await appeal.getByLabel("Grounds for the appeal").fill("The portfolio evidence met every distinction criterion but was not considered.");
  await appeal.getByLabel("Lodged on behalf of the apprentice").check();
  await appeal.getByRole("button", { name: "Lodge appeal" }).click();
  await expect(p.getByRole("heading", { name: "An appeal is open" })).toBeVisible();
  await expect(p.getByText("Certification is paused until the EPAO decides.")).toBeVisible();

  await e.reload();
  await e.getByRole("radio", { name: "Upheld", exact: true }).check();
  await e.getByLabel("New overall grade (optional)").selectOption("Distinction");
  await e.getByLabel("Notes on the decision").fill("Upheld after a review of the portfolio evidence.");
  await e.getByRole("button", { name: "Record decision" }).click();
  await expect(e.getByText("The overall grade changed from Pass to Distinction.")).toBeVisible();
  await expect(overall(e)).toContainText(/^Overall grade:\s*Distinction/);
  expect(await seriousViolations(e)).toEqual([]);
  await p.reload();
  await expect(overall(p)).toContainText(/^Overall grade:\s*Distinction/);
  await Promise.all([provider.close(), epao.close(), assessor.close()]);
});
