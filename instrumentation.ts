/**
 * Next runs this once when the server starts (Node.js runtime): first the peer-address hook (lib/http/client-ip.ts:
 * the client IP that per-IP limits count, from the socket, since Next passes a client's own X-Forwarded-For on) and a
 * check of TRUSTED_PROXIES, then the ESFA simulator when no ESFA_API_URL is configured (lib/esfa/embedded.ts;
 * ATTAIN_ESFA_SIMULATOR=off disables it), then the job worker (lib/jobs) with the registry of server/jobs.ts (ATTAIN_JOBS=off).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHook, parseTrustedProxies } = await import("./lib/http/client-ip");
  installPeerAddressHook();
  // A malformed TRUSTED_PROXIES stops the server with a clear message rather than trusting nothing or everything.
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
  if (!process.env.ESFA_API_URL && process.env.ATTAIN_ESFA_SIMULATOR !== "off") {
    const { startEmbeddedEsfa } = await import("./lib/esfa/embedded");
    await startEmbeddedEsfa().catch((error: unknown) => console.error("Could not start the ESFA simulator:", error instanceof Error ? error.message : error));
  }
  if (process.env.ATTAIN_JOBS === "off") return;
  const [{ startWorker }, { JOB_DEFINITIONS }] = await Promise.all([import("./lib/jobs/worker"), import("./server/jobs")]);
  startWorker(JOB_DEFINITIONS);
}
