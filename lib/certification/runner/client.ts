import "server-only";
import { db } from "@/lib/db";
import { createEsfaClient, createPacer, EsfaAuthError, EsfaUnavailableError, type EsfaClient } from "@/lib/esfa/client";
import { esfaBaseUrl, esfaClientSettings } from "../config";
import { esfaKeyFor } from "../seams";
import type { CallLog } from "./call-log";
import type { EsfaClientFactory, Stop } from "./types";

/* Opening the ESFA client for an EPAO (its key, the service address, the shared pacer), and the errors that stop a run. */

/** One pacer for the process: ESFA's limit (120 calls a minute) is per caller IP, whichever EPAO's key is used. */
const sharedPacer = createPacer({ marginMs: 500 });

export const defaultClientFactory: EsfaClientFactory = ({ baseUrl, subscriptionKey, onCall }) => {
  if (!baseUrl) throw new Error("ESFA_API_URL is not configured");
  return createEsfaClient({ baseUrl, subscriptionKey, ...esfaClientSettings(), pace: sharedPacer, onCall });
};

/** Why the EPAO's claims cannot run, or the key and client to run them with. */
export async function openClient(epaoId: string, factory: EsfaClientFactory | undefined, log: CallLog): Promise<{ off: string } | { client: EsfaClient }> {
  const key = await esfaKeyFor(db(), epaoId);
  if (!key) return { off: "Claims are off: no ESFA API key has been entered for this EPAO." };
  if (key.status === "rejected")
    return {
      off: `Claims are off: ESFA rejected the API key ending ${key.lastFour}${key.statusMessage ? ` (${key.statusMessage})` : ""}. An EPAO admin must enter a new key.`,
    };
  const baseUrl = esfaBaseUrl();
  if (!factory && !baseUrl) return { off: "Claims are off: the ESFA service address (ESFA_API_URL) is not configured." };
  return { client: (factory ?? defaultClientFactory)({ baseUrl, subscriptionKey: key.key, onCall: log.push }) };
}

/** 401/403 (the key is rejected) and ESFA unavailable stop a run; any other error does not. */
export function stopFor(error: unknown): Stop | null {
  if (error instanceof EsfaAuthError) return { kind: "auth", error };
  if (error instanceof EsfaUnavailableError) return { kind: "unavailable", error };
  return null;
}
