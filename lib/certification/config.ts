/**
 * Where the ESFA certificate API is: `ESFA_API_URL` (the real service, or a simulator). `npm start` starts the
 * local simulator and sets it when none is configured (scripts/start.ts).
 */
export function esfaBaseUrl(): string | null {
  return process.env.ESFA_API_URL?.trim() || null;
}

/** Client settings used for every EPAO's claims (timeouts, retries). */
export function esfaClientSettings() {
  return {
    timeoutMs: Number(process.env.ESFA_TIMEOUT_MS ?? 30_000),
    retries: Number(process.env.ESFA_RETRIES ?? 3),
  };
}
