"use server";
import "server-only";

import { action, EVERY_PAGE, idOf, serviceActions, versionOf } from "@/lib/entry/action";
import { clearApprenticePostalContact, deletePostalContact, savePostalContact, setApprenticePostalContact } from "./addresses";
import { recordCertificateConsent } from "./consent";
import { activateEsfaKey, checkEsfaKeyForActivation, recheckEsfaKey, removeEsfaKey } from "./keys";
import { updateCertificationSettings } from "./settings";

// Server actions for certification settings: the ESFA key, the countdown, postal addresses and consent.

/**
 * Step one: ESFA checks the key and nothing is stored. The admin is shown the EPAO the claims will be made under and
 * gets the confirmation for step two. The key itself never comes back to the browser.
 */
export async function checkEsfaKeyAction(input: { key: string }) {
  return action({
    run: (actor) => checkEsfaKeyForActivation(actor, { key: input?.key }),
    data: (preview) => ({
      lastFour: preview.lastFour,
      claimsUnder: preview.claimsUnder,
      confirmation: preview.confirmation,
      expiresAt: preview.expiresAt.toISOString(),
    }),
    message: (preview) => `ESFA accepted the key ending ${preview.lastFour}. Check whose claims these will be, then confirm to switch claims on.`,
    revalidate: EVERY_PAGE,
  });
}

/** Step two: the admin confirms; only now is the key stored and claims switched on. A confirmation is required. */
export async function activateEsfaKeyAction(input: { key: string; confirmation: string }) {
  // Only the status (last four) goes back to the browser, never the key.
  return action({
    run: async (actor) => {
      const status = await activateEsfaKey(actor, { key: input?.key, confirmation: typeof input?.confirmation === "string" ? input.confirmation : "" });
      return status.configured ? { lastFour: status.lastFour } : null;
    },
    message: (data) => `ESFA accepted the key ending ${data?.lastFour ?? ""}. Certificate claims can now be sent.`,
    revalidate: EVERY_PAGE,
  });
}

export async function removeEsfaKeyAction() {
  return action({
    run: (actor) => removeEsfaKey(actor),
    message: "The ESFA API key has been removed. Certificate claims are off until a new key is added.",
    revalidate: EVERY_PAGE,
  });
}

export async function recheckEsfaKeyAction() {
  return action({
    run: async (actor) => {
      const status = await recheckEsfaKey(actor);
      return status.configured ? { status: status.status } : null;
    },
    message: (data) => (data?.status === "active" ? "ESFA accepted the key." : "ESFA did not accept the key: claims are off until it is replaced."),
    revalidate: EVERY_PAGE,
  });
}

export async function setApprenticePostalContactAction(input: unknown) {
  return action({
    run: async (actor) => {
      await setApprenticePostalContact(actor, input);
    },
    message: "The apprentice's certificate address has been saved.",
    revalidate: EVERY_PAGE,
  });
}

const change = serviceActions(EVERY_PAGE);

export const updateCertificationSettingsAction = change(updateCertificationSettings, "The certification countdown has been saved.", versionOf);
export const savePostalContactAction = change(savePostalContact, "The address has been saved.", idOf);
export const deletePostalContactAction = change(deletePostalContact, "The address has been removed.");
export const clearApprenticePostalContactAction = change(
  clearApprenticePostalContact,
  "The apprentice's own address has been removed: the certificate goes to the employer's address.",
);
export const recordCertificateConsentAction = change(recordCertificateConsent, (data) =>
  data.consentAt ? "The apprentice's permission to claim their certificate has been recorded." : "The permission has been cleared.",
);
