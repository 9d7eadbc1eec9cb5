"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { clearApprenticePostalContact, deletePostalContact, savePostalContact, setApprenticePostalContact } from "./addresses";
import { recordCertificateConsent } from "./consent";
import { activateEsfaKey, checkEsfaKeyForActivation, recheckEsfaKey, removeEsfaKey } from "./keys";
import { updateCertificationSettings } from "./settings";

/** Server actions for certification settings: the ESFA key, the countdown, postal addresses and consent. */
async function run<T>(fn: (actor: UserActor) => Promise<T>, message: string | ((data: T) => string)): Promise<ActionResult<T>> {
  const actor = await requireActor();
  try {
    const data = await fn(actor);
    revalidatePath("/", "layout");
    return { ok: true, data, message: typeof message === "function" ? message(data) : message };
  } catch (error) {
    return toActionError(error);
  }
}

/**
 * Step one: ESFA checks the key and nothing is stored. The admin is shown the EPAO the claims will be made under and
 * gets the confirmation for step two. The key itself never comes back to the browser.
 */
export async function checkEsfaKeyAction(input: { key: string }) {
  return run(
    async (actor) => {
      const preview = await checkEsfaKeyForActivation(actor, { key: input?.key });
      return { lastFour: preview.lastFour, claimsUnder: preview.claimsUnder, confirmation: preview.confirmation, expiresAt: preview.expiresAt.toISOString() };
    },
    (data) => `ESFA accepted the key ending ${data.lastFour}. Check whose claims these will be, then confirm to switch claims on.`,
  );
}

/** Step two: the admin confirms; only now is the key stored and claims switched on. A confirmation is required. */
export async function activateEsfaKeyAction(input: { key: string; confirmation: string }) {
  // Only the status (last four) goes back to the browser, never the key.
  return run(
    async (actor) => {
      const status = await activateEsfaKey(actor, { key: input?.key, confirmation: typeof input?.confirmation === "string" ? input.confirmation : "" });
      return status.configured ? { lastFour: status.lastFour } : null;
    },
    (data) => `ESFA accepted the key ending ${data?.lastFour ?? ""}. Certificate claims can now be sent.`,
  );
}

export async function removeEsfaKeyAction() {
  return run((actor) => removeEsfaKey(actor), "The ESFA API key has been removed. Certificate claims are off until a new key is added.");
}

export async function recheckEsfaKeyAction() {
  return run(
    async (actor) => {
      const status = await recheckEsfaKey(actor);
      return status.configured ? { status: status.status } : null;
    },
    (data) => (data?.status === "active" ? "ESFA accepted the key." : "ESFA did not accept the key: claims are off until it is replaced."),
  );
}

export async function updateCertificationSettingsAction(input: unknown) {
  return run(async (actor) => ({ version: (await updateCertificationSettings(actor, input)).version }), "The certification countdown has been saved.");
}

export async function savePostalContactAction(input: unknown) {
  return run(async (actor) => ({ id: (await savePostalContact(actor, input)).id }), "The address has been saved.");
}

export async function deletePostalContactAction(input: { id: string }) {
  return run((actor) => deletePostalContact(actor, input), "The address has been removed.");
}

export async function setApprenticePostalContactAction(input: unknown) {
  return run(async (actor) => {
    await setApprenticePostalContact(actor, input);
  }, "The apprentice's certificate address has been saved.");
}

export async function clearApprenticePostalContactAction(input: { apprenticeId: string }) {
  return run(
    (actor) => clearApprenticePostalContact(actor, input),
    "The apprentice's own address has been removed: the certificate goes to the employer's address.",
  );
}

export async function recordCertificateConsentAction(input: { apprenticeId: string; consent: boolean }) {
  return run(
    (actor) => recordCertificateConsent(actor, input),
    (data) => (data.consentAt ? "The apprentice's permission to claim their certificate has been recorded." : "The permission has been cleared."),
  );
}
