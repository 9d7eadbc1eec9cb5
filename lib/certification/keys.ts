import { eq } from "drizzle-orm";
import { esfaApiKeys, organisations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type Tx } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createEsfaClient, EsfaAuthError, EsfaRequestError, type EsfaClient } from "@/lib/esfa/client";
import { esfaBaseUrl } from "./config";
import { seal, unseal } from "./crypto";

/**
 * The EPAO's ESFA API subscription key (DOMAIN.md "ESFA certificate API"): an EPAO admin pastes the key generated in
 * the ESFA Assessment Service, it is checked with a live authenticated call before anything is stored, then kept
 * encrypted (crypto.ts). Only its last 4 characters are ever shown or audited. EPAO staff see its status.
 */

/** EPAO admins only (policy.ts has no EPAO-admin permission of its own: organisation admins of an EPAO). */
export function assertEpaoAdmin(actor: UserActor): void {
  assertCan(actor, "users.manage");
  if (actor.organisationType !== "epao") throw new ForbiddenError();
}

/** EPAO admins and staff. */
export function assertEpaoUser(actor: UserActor): void {
  assertCan(actor, "assessment.manage");
  if (actor.organisationType !== "epao") throw new ForbiddenError();
}

export type EsfaKeyDeps = {
  /** The ESFA base URL; default `esfaBaseUrl()` (ESFA_API_URL). */
  baseUrl?: () => string | null;
  /** How a client for the key is made; default a client with one retry and a 10 s timeout. */
  client?: (baseUrl: string, key: string) => EsfaClient;
};

const defaultClient = (baseUrl: string, key: string) => createEsfaClient({ baseUrl, subscriptionKey: key, retries: 1, timeoutMs: 10_000 });

export const KEY_REJECTED_MESSAGE =
  "ESFA did not accept this key. Check you copied the whole key from the Assessment Service (Organisation details › API subscriptions).";
const KEY_FORMAT_MESSAGE =
  "That does not look like an ESFA API key: paste the whole key shown in the Assessment Service (Organisation details › API subscriptions), usually 32 letters and numbers, without spaces.";
const UNREACHABLE_MESSAGE = "Could not reach the ESFA service to check the key, so nothing was saved. Try again in a few minutes.";
const NOT_CONFIGURED_MESSAGE =
  "The ESFA service address is not configured (ESFA_API_URL), so the key cannot be checked and nothing was saved. Ask whoever runs Attain to set it.";

/** 20–128 characters of letters, digits, hyphens and underscores (ESFA's keys are 32 hex characters). */
const KEY_PATTERN = /^[A-Za-z0-9_-]{20,128}$/;

const lastFourOf = (key: string) => key.slice(-4);

type Check = { ok: true } | { ok: false; rejected: true; message: string } | { ok: false; rejected: false; message: string };

/** One live authenticated call with the key: accepted, rejected (401/403) or not checked (unreachable, other errors). */
async function checkKey(key: string, deps: EsfaKeyDeps): Promise<Check> {
  const baseUrl = (deps.baseUrl ?? esfaBaseUrl)();
  if (!baseUrl) return { ok: false, rejected: false, message: NOT_CONFIGURED_MESSAGE };
  try {
    await (deps.client ?? defaultClient)(baseUrl, key).grades();
    return { ok: true };
  } catch (error) {
    if (error instanceof EsfaAuthError) return { ok: false, rejected: true, message: error.message };
    if (error instanceof EsfaRequestError) {
      return { ok: false, rejected: false, message: `The ESFA service answered with an error (HTTP ${error.status}), so the key could not be checked and nothing was saved. Check the ESFA service address.` };
    }
    return { ok: false, rejected: false, message: UNREACHABLE_MESSAGE };
  }
}

/** Serialises key changes of one EPAO (the organisation row is the lock, as there may be no key row yet). */
async function lockEpao(tx: Tx, epaoId: string) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, epaoId)).for("update");
}

export type EsfaKeyStatus =
  | { configured: false }
  | { configured: true; lastFour: string; status: "active" | "rejected"; statusMessage: string | null; validatedAt: Date; updatedAt: Date };

/** An EPAO admin activates (or replaces) the ESFA key after ESFA has accepted it. Nothing is stored otherwise. */
export async function activateEsfaKey(actor: UserActor, input: { key?: unknown }, deps: EsfaKeyDeps = {}): Promise<EsfaKeyStatus> {
  assertEpaoAdmin(actor);
  const key = typeof input?.key === "string" ? input.key.trim() : "";
  if (!key) throw new ValidationError({ key: "Enter the ESFA API key" });
  if (!KEY_PATTERN.test(key)) throw new ValidationError({ key: KEY_FORMAT_MESSAGE });

  // The live call happens before any transaction: no lock is held while ESFA answers.
  const check = await checkKey(key, deps);
  if (!check.ok) throw new ValidationError({ key: check.rejected ? KEY_REJECTED_MESSAGE : check.message });

  const lastFour = lastFourOf(key);
  const sealed = seal(key);
  const now = new Date();
  return db().transaction(async (tx) => {
    await lockEpao(tx, actor.organisationId);
    const [existing] = await tx.select({ lastFour: esfaApiKeys.lastFour }).from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
    const values = { ...sealed, lastFour, status: "active" as const, statusMessage: null, validatedAt: now, createdBy: actor.userId, updatedAt: now };
    const [row] = await tx
      .insert(esfaApiKeys)
      .values({ epaoId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: esfaApiKeys.epaoId, set: values })
      .returning();
    await recordAudit(tx, actor, {
      action: existing ? "esfa_key.replaced" : "esfa_key.activated",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: existing
        ? `Replaced the ESFA API key ending ${existing.lastFour} with the key ending ${lastFour}`
        : `Activated the ESFA API key ending ${lastFour}: certificate claims can be sent to ESFA`,
      before: existing ? { lastFour: existing.lastFour } : null,
      after: { lastFour, status: "active" },
    });
    return statusOf(row!);
  });
}

/** An EPAO admin removes the key: claims stop until a new one is activated. */
export async function removeEsfaKey(actor: UserActor): Promise<void> {
  assertEpaoAdmin(actor);
  await db().transaction(async (tx) => {
    await lockEpao(tx, actor.organisationId);
    const [removed] = await tx.delete(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId)).returning({ lastFour: esfaApiKeys.lastFour });
    if (!removed) throw new NotFoundError("No ESFA API key is set up.");
    await recordAudit(tx, actor, {
      action: "esfa_key.removed",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: `Removed the ESFA API key ending ${removed.lastFour}: certificate claims are off until a new key is added`,
      before: { lastFour: removed.lastFour },
    });
  });
}

function statusOf(row: typeof esfaApiKeys.$inferSelect): EsfaKeyStatus {
  return { configured: true, lastFour: row.lastFour, status: row.status, statusMessage: row.statusMessage, validatedAt: row.validatedAt, updatedAt: row.updatedAt };
}

/** The own EPAO's key status for its admins and staff (never the key). */
export async function esfaKeyStatus(actor: UserActor): Promise<EsfaKeyStatus> {
  assertEpaoUser(actor);
  const [row] = await db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
  return row ? statusOf(row) : { configured: false };
}

/**
 * An EPAO admin checks the stored key again with a live call: accepted → active, 401/403 → rejected (claims off).
 * When ESFA cannot be reached the status is left as it was and the admin is told.
 */
export async function recheckEsfaKey(actor: UserActor, deps: EsfaKeyDeps = {}): Promise<EsfaKeyStatus> {
  assertEpaoAdmin(actor);
  const [stored] = await db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
  if (!stored) throw new NotFoundError("No ESFA API key is set up.");
  const check = await checkKey(unseal(stored), deps);
  if (!check.ok && !check.rejected) throw new ValidationError({ form: check.message.replace("nothing was saved", "its status is unchanged") });
  const now = new Date();
  return db().transaction(async (tx) => {
    await lockEpao(tx, actor.organisationId);
    const [current] = await tx.select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
    if (!current) throw new NotFoundError("No ESFA API key is set up.");
    // Replaced while ESFA was answering: the check was of a key that is no longer stored.
    if (current.ciphertext !== stored.ciphertext) return statusOf(current);
    const set = check.ok
      ? { status: "active" as const, statusMessage: null, validatedAt: now, updatedAt: now }
      : { status: "rejected" as const, statusMessage: `${KEY_REJECTED_MESSAGE} (ESFA said: ${check.message})`, updatedAt: now };
    const [row] = await tx.update(esfaApiKeys).set(set).where(eq(esfaApiKeys.epaoId, actor.organisationId)).returning();
    await recordAudit(tx, actor, {
      action: "esfa_key.checked",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: check.ok ? `Checked the ESFA API key ending ${row!.lastFour}: ESFA accepted it` : `Checked the ESFA API key ending ${row!.lastFour}: ESFA refused it, claims are off`,
      before: { status: current.status },
      after: { status: row!.status },
    });
    return statusOf(row!);
  });
}
