import { expect, type Page } from "@playwright/test";

/**
 * An EPAO admin on Certification settings activates an ESFA key in its two steps: ESFA checks it, the page shows the
 * EPAO id the claims will be made under (`claimsUnder`, e.g. "EPA0001 (Northern Assessment Services)"), the admin
 * confirms and claims are on.
 */
export async function activateEsfaKey(page: Page, key: string, claimsUnder: string) {
  await page.goto("/epao/certification/settings");
  await submitEsfaKey(page, key);
  const confirm = page.getByRole("region", { name: "Confirm whose claims these will be" });
  await expect(confirm).toContainText(`ESFA accepted the key ending …${key.slice(-4)}.`);
  await expect(confirm).toContainText(`Claims will be made under EPAO id ${claimsUnder}.`);
  await confirm.getByRole("button", { name: "Confirm and switch claims on" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `ESFA accepted the key ending ${key.slice(-4)}. Certificate claims can now be sent.` }),
  ).toBeVisible();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText(`Key ending …${key.slice(-4)}`).first()).toBeVisible();
  await expect(page.getByText("Active: claims are on")).toBeVisible();
}

/** Fills the key form (opening it with "Replace key" when a key is already there) and asks ESFA to check it. */
export async function submitEsfaKey(page: Page, key: string) {
  const replace = page.getByRole("button", { name: "Replace key" });
  if (await replace.isVisible()) await replace.click();
  await page.locator("#esfa-key").fill(key);
  await page.getByRole("button", { name: /^Check (new )?key$/ }).click();
}
