import crypto from "node:crypto";

/**
 * AES-256-GCM for secrets at rest (the EPAOs' ESFA keys). The key comes from configuration: `ATTAIN_ENCRYPTION_KEY`
 * (32 bytes, base64), else it is derived from `AUTH_SECRET` with HKDF, so the embedded demo needs no extra setting.
 * Each value gets a fresh 12-byte IV; the auth tag makes any tampering fail to decrypt.
 */

function encryptionKey(): Buffer {
  const configured = process.env.ATTAIN_ENCRYPTION_KEY?.trim();
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("ATTAIN_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
    return key;
  }
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("Set ATTAIN_ENCRYPTION_KEY (or AUTH_SECRET) to store ESFA keys");
  return Buffer.from(crypto.hkdfSync("sha256", secret, "attain", "esfa-api-key-encryption", 32));
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
