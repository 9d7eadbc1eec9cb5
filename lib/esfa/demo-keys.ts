import "server-only";
import crypto from "node:crypto";

/** The demo ESFA subscription key of an EPAO for the embedded simulator (32 hex characters, like the real ones). */
export function demoEsfaKey(epaoCode: string): string {
  return crypto.createHash("sha256").update(`attain-demo-esfa-key:${epaoCode}`).digest("hex").slice(0, 32);
}
