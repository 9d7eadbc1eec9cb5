import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { esfaApiKeys, organisations } from "@/db/schema";
import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { isUniqueViolation, db, type DbOrTx, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { ValidationError, oneOrNotFound } from "@/lib/errors";
import { createEsfaClient, EsfaAuthError, EsfaRequestError, type EsfaClient } from "@/lib/esfa/client";
import { esfaBaseUrl } from "./config";
import { confirmationMac, keyDigest, sameMac, seal, unseal } from "./crypto";
import type { EsfaApiKey } from "@/db/schema";

/**
 * The EPAO's ESFA API subscription key (DOMAIN.md "ESFA certificate API"): an EPAO admin pastes the key generated in
 * the ESFA Assessment Service, it is checked with a live authenticated call before anything is stored, then kept
 * encrypted (crypto.ts). Only its last 4 characters are ever shown or audited. EPAO staff see its status.
 *
 * Whose key is it? ESFA's External API does not say. Its APIM gateway maps the subscription key to the subscriber
 * and forwards the subscriber's UKPRN to the API only as request headers (`x-request-context-user-note: ukprn=…`,
 * `x-request-context-user-email`, das-assessor-service GetHeadersMiddleware); no endpoint, response field or
 * response header names the subscriber's EPAO or UKPRN back to the caller (`created.createdBy` is "API" or a
 * contact's display name; `providerUkPrn` is the training provider's). A key accepted by ESFA claims under whichever
 * EPAO generated it. So the portal itself makes sure one key serves one organisation:
 * - a keyed digest of each key (crypto.ts keyDigest) is stored beside the sealed key, unique across EPAOs: a key
 *   already saved for another EPAO is refused before it is ever sent to ESFA, and the unique index settles two EPAOs
 *   saving the same key at once; rows stored before digests existed get theirs when next read (backfillKeyDigests);
 * - activation takes two steps: checkEsfaKeyForActivation shows the admin the EPAO the claims will be made under
 *   and returns a short-lived confirmation; only activateEsfaKey with that confirmation switches claims on.
 */

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
/** A key saved in Attain for another EPAO (no detail of that organisation is given). */
export const KEY_IN_USE_MESSAGE =
  "This key is already in use in Attain for another organisation, so it cannot be used for yours. Each organisation has its own ESFA subscription: sign in to the ESFA Assessment Service as your organisation and copy the key from Organisation details › API subscriptions.";
/** A key found saved for two EPAOs (stored before digests existed): the later one is switched off. */
export const KEY_SHARED_MESSAGE =
  "This key is also saved in Attain for another organisation, so Attain has stopped using it for yours: certificates would have been claimed under the other organisation's subscription. Replace it with your organisation's own key from the ESFA Assessment Service (Organisation details › API subscriptions).";
const CONFIRMATION_MESSAGE = "The check of this key has expired or was for a different key. Check the key with ESFA again, then confirm.";
/** How long the admin has to confirm a checked key. */
export const CONFIRMATION_TTL_MS = 15 * 60_000;
const KEYS_ACTOR: SystemActor = { kind: "system", label: "ESFA key check" };

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
      return {
        ok: false,
        rejected: false,
        message: `The ESFA service answered with an error (HTTP ${error.status}), so the key could not be checked and nothing was saved. Check the ESFA service address.`,
      };
    }
    return { ok: false, rejected: false, message: UNREACHABLE_MESSAGE };
  }
}

/** Serialises key changes of one EPAO (the organisation row is the lock, as there may be no key row yet). */
async function lockEpao(tx: Tx, epaoId: string) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, epaoId)).for("update");
}

/**
 * Gives every stored key its digest (rows stored before the digest existed), the oldest check first. When the same key
 * turns out to be stored for more than one EPAO, the first keeps it and the others are switched off (rejected, with
 * KEY_SHARED_MESSAGE) and audited: claims must never run for two organisations under one subscription. Cheap when
 * every row has its digest (one query). Each row is its own savepoint, so it composes inside a transaction.
 */
export async function backfillKeyDigests(tx: DbOrTx = db()): Promise<void> {
  const legacy = await tx.select().from(esfaApiKeys).where(isNull(esfaApiKeys.keyDigest)).orderBy(asc(esfaApiKeys.validatedAt), asc(esfaApiKeys.epaoId));
  for (const row of legacy) {
    let digest: string;
    try {
      digest = keyDigest(unseal(row));
    } catch {
      continue; // Not decryptable with this secret: reading it fails loudly where it is used, as before.
    }
    const same = and(eq(esfaApiKeys.epaoId, row.epaoId), eq(esfaApiKeys.ciphertext, row.ciphertext), isNull(esfaApiKeys.keyDigest));
    try {
      await tx.transaction(async (sp) => {
        await sp.update(esfaApiKeys).set({ keyDigest: digest }).where(same);
      });
    } catch (error) {
      if (!isUniqueViolation(error, "esfa_api_keys_digest_key")) throw error;
      if (row.status === "rejected" && row.statusMessage === KEY_SHARED_MESSAGE) continue;
      await tx.transaction(async (sp) => {
        const [off] = await sp
          .update(esfaApiKeys)
          .set({ status: "rejected", statusMessage: KEY_SHARED_MESSAGE, updatedAt: new Date() })
          .where(same)
          .returning({ lastFour: esfaApiKeys.lastFour });
        if (!off) return;
        await recordAudit(sp, KEYS_ACTOR, {
          action: "esfa_key.refused",
          organisationId: row.epaoId,
          entityType: "organisation",
          entityId: row.epaoId,
          summary: `Stopped using the ESFA API key ending ${off.lastFour}: the same key is saved for another organisation, so claims are off until it is replaced`,
          before: { status: row.status },
          after: { status: "rejected" },
        });
      });
    }
  }
}

/** Refuses a key (by digest) that is stored for another EPAO, before it is sent anywhere. */
async function refuseKeyOfAnotherEpao(epaoId: string, digest: string): Promise<void> {
  await backfillKeyDigests();
  const [other] = await db()
    .select({ epaoId: esfaApiKeys.epaoId })
    .from(esfaApiKeys)
    .where(and(eq(esfaApiKeys.keyDigest, digest), ne(esfaApiKeys.epaoId, epaoId)));
  if (other) throw new ValidationError({ key: KEY_IN_USE_MESSAGE });
}

function parseKey(input: { key?: unknown }): string {
  const key = typeof input?.key === "string" ? input.key.trim() : "";
  if (!key) throw new ValidationError({ key: "Enter the ESFA API key" });
  if (!KEY_PATTERN.test(key)) throw new ValidationError({ key: KEY_FORMAT_MESSAGE });
  return key;
}

const confirmationMessage = (actor: UserActor, digest: string, expires: number) => `${actor.organisationId}|${actor.userId}|${digest}|${expires}`;

function confirmationFor(actor: UserActor, digest: string, expires: number): string {
  return `${expires}.${confirmationMac(confirmationMessage(actor, digest, expires))}`;
}

/** A confirmation from checkEsfaKeyForActivation for this admin, this EPAO and this key, not yet expired. */
function confirmationHolds(actor: UserActor, digest: string, confirmation: string, now: number): boolean {
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(confirmation.trim());
  if (!match) return false;
  const expires = Number(match[1]);
  if (!(expires > now) || expires > now + CONFIRMATION_TTL_MS) return false;
  return sameMac(match[2]!, confirmationMac(confirmationMessage(actor, digest, expires)));
}

/** The organisation claims will be made under: what the portal knows (ESFA tells the caller nothing about it). */
export type ClaimsUnder = { epaoId: string; name: string };

async function claimsUnderOf(epaoId: string): Promise<ClaimsUnder> {
  const org = await oneOrNotFound(
    db().select({ code: organisations.code, name: organisations.name }).from(organisations).where(eq(organisations.id, epaoId)),
    "Organisation not found.",
  );
  return { epaoId: org.code, name: org.name };
}

/** The EPAO id and name the own EPAO's claims are made under, for its admins and staff. */
export async function esfaClaimsUnder(actor: UserActor): Promise<ClaimsUnder> {
  assertCan(actor, "certification.read");
  return claimsUnderOf(actor.organisationId);
}

export type EsfaKeyPreview = {
  lastFour: string;
  claimsUnder: ClaimsUnder;
  /** Pass back to activateEsfaKey to switch claims on; valid for CONFIRMATION_TTL_MS, for this admin and key only. */
  confirmation: string;
  expiresAt: Date;
};

/**
 * Step one of activation: the key is checked (format, not another EPAO's, accepted by ESFA) and nothing is stored. The
 * admin is shown the EPAO id and name the claims will be made under and confirms with the returned confirmation.
 */
export async function checkEsfaKeyForActivation(actor: UserActor, input: { key?: unknown }, deps: EsfaKeyDeps = {}): Promise<EsfaKeyPreview> {
  assertCan(actor, "certification.keys");
  const key = parseKey(input);
  const digest = keyDigest(key);
  await refuseKeyOfAnotherEpao(actor.organisationId, digest);
  const check = await checkKey(key, deps);
  if (!check.ok) throw new ValidationError({ key: check.rejected ? KEY_REJECTED_MESSAGE : check.message });
  const claimsUnder = await claimsUnderOf(actor.organisationId);
  const expires = Date.now() + CONFIRMATION_TTL_MS;
  return { lastFour: lastFourOf(key), claimsUnder, confirmation: confirmationFor(actor, digest, expires), expiresAt: new Date(expires) };
}

export type EsfaKeyStatus =
  | { configured: false }
  | { configured: true; lastFour: string; status: "active" | "rejected"; statusMessage: string | null; validatedAt: Date; updatedAt: Date };

/**
 * An EPAO admin activates (or replaces) the ESFA key after ESFA has accepted it. Nothing is stored otherwise. With a
 * `confirmation` from checkEsfaKeyForActivation (what the portal's form sends: the admin has seen whose claims these
 * are) ESFA is not asked again; without one (scripts, tests) the key is checked with ESFA here. A key saved for
 * another EPAO is refused either way, and the unique digest settles two EPAOs saving the same key at once.
 */
export async function activateEsfaKey(actor: UserActor, input: { key?: unknown; confirmation?: unknown }, deps: EsfaKeyDeps = {}): Promise<EsfaKeyStatus> {
  assertCan(actor, "certification.keys");
  const key = parseKey(input);
  const digest = keyDigest(key);
  await refuseKeyOfAnotherEpao(actor.organisationId, digest);

  if (input.confirmation !== undefined) {
    if (typeof input.confirmation !== "string" || !confirmationHolds(actor, digest, input.confirmation, Date.now())) {
      throw new ValidationError({ key: CONFIRMATION_MESSAGE });
    }
  } else {
    // The live call happens before any transaction: no lock is held while ESFA answers.
    const check = await checkKey(key, deps);
    if (!check.ok) throw new ValidationError({ key: check.rejected ? KEY_REJECTED_MESSAGE : check.message });
  }

  const lastFour = lastFourOf(key);
  const sealed = seal(key);
  const now = new Date();
  const { epaoId: code } = await claimsUnderOf(actor.organisationId);
  try {
    return await db().transaction(async (tx) => {
      await lockEpao(tx, actor.organisationId);
      const [existing] = await tx.select({ lastFour: esfaApiKeys.lastFour }).from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
      const values = {
        ...sealed,
        keyDigest: digest,
        lastFour,
        status: "active" as const,
        statusMessage: null,
        validatedAt: now,
        createdBy: actor.userId,
        updatedAt: now,
      };
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
          ? `Replaced the ESFA API key ending ${existing.lastFour} with the key ending ${lastFour}: claims are made under EPAO id ${code}`
          : `Activated the ESFA API key ending ${lastFour}: certificate claims can be sent to ESFA under EPAO id ${code}`,
        before: existing ? { lastFour: existing.lastFour } : null,
        after: { lastFour, status: "active" },
      });
      return statusOf(row!);
    });
  } catch (error) {
    // Another EPAO saved the same key between our check and our insert.
    if (isUniqueViolation(error, "esfa_api_keys_digest_key")) throw new ValidationError({ key: KEY_IN_USE_MESSAGE });
    throw error;
  }
}

/** An EPAO admin removes the key: claims stop until a new one is activated. */
export async function removeEsfaKey(actor: UserActor): Promise<void> {
  assertCan(actor, "certification.keys");
  await db().transaction(async (tx) => {
    await lockEpao(tx, actor.organisationId);
    const removed = await oneOrNotFound(
      tx.delete(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId)).returning({ lastFour: esfaApiKeys.lastFour }),
      "No ESFA API key is set up.",
    );
    await recordAudit(tx, actor, {
      action: "esfa_key.removed",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: `Removed the ESFA API key ending ${removed.lastFour}: certificate claims are off until a new key is added`,
      before: { lastFour: removed.lastFour },
    });
  });
}

function statusOf(row: EsfaApiKey): EsfaKeyStatus {
  return {
    configured: true,
    lastFour: row.lastFour,
    status: row.status,
    statusMessage: row.statusMessage,
    validatedAt: row.validatedAt,
    updatedAt: row.updatedAt,
  };
}

/** The own EPAO's key status for its admins and staff (never the key). */
export async function esfaKeyStatus(actor: UserActor): Promise<EsfaKeyStatus> {
  assertCan(actor, "certification.read");
  await backfillKeyDigests();
  const [row] = await db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId));
  return row ? statusOf(row) : { configured: false };
}

/**
 * An EPAO admin checks the stored key again with a live call: accepted → active, 401/403 → rejected (claims off).
 * When ESFA cannot be reached the status is left as it was and the admin is told.
 */
export async function recheckEsfaKey(actor: UserActor, deps: EsfaKeyDeps = {}): Promise<EsfaKeyStatus> {
  assertCan(actor, "certification.keys");
  await backfillKeyDigests();
  const stored = await oneOrNotFound(db().select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId)), "No ESFA API key is set up.");
  // Still without a digest after the backfill: the same key is saved for another EPAO. It stays off, unasked.
  if (!stored.keyDigest) throw new ValidationError({ form: KEY_SHARED_MESSAGE });
  const check = await checkKey(unseal(stored), deps);
  if (!check.ok && !check.rejected) throw new ValidationError({ form: check.message.replace("nothing was saved", "its status is unchanged") });
  const now = new Date();
  return db().transaction(async (tx) => {
    await lockEpao(tx, actor.organisationId);
    const current = await oneOrNotFound(tx.select().from(esfaApiKeys).where(eq(esfaApiKeys.epaoId, actor.organisationId)), "No ESFA API key is set up.");
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
      summary: check.ok
        ? `Checked the ESFA API key ending ${row!.lastFour}: ESFA accepted it`
        : `Checked the ESFA API key ending ${row!.lastFour}: ESFA refused it, claims are off`,
      before: { status: current.status },
      after: { status: row!.status },
    });
    return statusOf(row!);
  });
}
