import "server-only";
import crypto from "node:crypto";

/**
 * AES-256-GCM for secrets at rest (the EPAOs' ESFA keys). The key comes from configuration: `ATTAIN_ENCRYPTION_KEY`
 * (32 bytes, base64), else it is derived from `AUTH_SECRET` with HKDF, so the embedded demo needs no extra setting.
 * Each value gets a fresh 12-byte IV; the auth tag makes any tampering fail to decrypt.
 *
 * From the same secret, HKDF also derives separate HMAC-SHA256 keys: one for the keyed digest of an ESFA key (stored
 * beside the sealed key, unique across EPAOs, so one ESFA subscription is active for one organisation only, and
 * comparable without decrypting every row), one for the short-lived confirmation of a checked key (keys.ts).
 */

function rootSecret(): { material: Buffer | string; info: (purpose: string) => string } {
  const configured = process.env.ATTAIN_ENCRYPTION_KEY?.trim();
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("ATTAIN_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
    return { material: key, info: (purpose) => `esfa-api-key-${purpose}` };
  }
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("Set ATTAIN_ENCRYPTION_KEY (or AUTH_SECRET) to store ESFA keys");
  return { material: secret, info: (purpose) => `esfa-api-key-${purpose}` };
}

function encryptionKey(): Buffer {
  const root = rootSecret();
  // The configured key is used as it is; only the AUTH_SECRET fallback is derived (as before digests existed).
  if (Buffer.isBuffer(root.material)) return root.material;
  return Buffer.from(crypto.hkdfSync("sha256", root.material, "attain", root.info("encryption"), 32));
}

function derivedKey(purpose: "digest" | "confirmation"): Buffer {
  const root = rootSecret();
  return Buffer.from(crypto.hkdfSync("sha256", root.material, "attain", root.info(purpose), 32));
}

/** HMAC-SHA256 of the ESFA key under a key derived from the portal's secret, base64url: equal keys, equal digests. */
export function keyDigest(plain: string): string {
  return crypto.createHmac("sha256", derivedKey("digest")).update(plain, "utf8").digest("base64url");
}

/** HMAC-SHA256 (base64url) of `message` under the confirmation key: binds a checked key to one admin and a deadline. */
export function confirmationMac(message: string): string {
  return crypto.createHmac("sha256", derivedKey("confirmation")).update(message, "utf8").digest("base64url");
}

/** Constant-time comparison of two base64url MACs. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export type Sealed = { ciphertext: string; iv: string; authTag: string };

export function seal(plain: string): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return { ciphertext: ciphertext.toString("base64"), iv: iv.toString("base64"), authTag: cipher.getAuthTag().toString("base64") };
}

export function unseal(sealed: Sealed): string {
  const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(sealed.iv, "base64"));
  decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
}
