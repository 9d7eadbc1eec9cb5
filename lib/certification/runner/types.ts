import type { ClaimState } from "@/lib/domain";
import type { CountdownSettings } from "../countdown";
import type { Claim } from "../claims";
import type { EsfaCall, EsfaClient, EsfaError } from "@/lib/esfa/client";
import type { EsfaCreateCertificateRequest } from "@/lib/esfa/types";

/* The runner's public input and result types, and the working state of a batch of claims. */

export type EsfaClientFactory = (input: { baseUrl: string | null; subscriptionKey: string; onCall: (call: EsfaCall) => void }) => EsfaClient;

export type RunHooks = {
  /** After a batch was taken and its payloads built, before the first ESFA call. */
  beforeSend?: (info: { claimIds: string[]; apprenticeIds: string[] }) => void | Promise<void>;
  /** After ESFA answered a batch's create request, before anything about it is committed (tests crash here). */
  afterCreate?: (info: { claimIds: string[]; references: string[] }) => void | Promise<void>;
};

export type RunClaimsInput = {
  epaoId: string;
  /** The jobs row of the run (esfa_calls and the claims' run_id point at it). */
  runId: string;
  now?: Date;
  clientFactory?: EsfaClientFactory;
  hooks?: RunHooks;
  leaseMs?: number;
  batchSize?: number;
  /** Called after each committed batch (the job extends its lease with it). */
  onBatch?: () => Promise<unknown>;
};

export type RunOutcome = "completed" | "claims_off" | "key_rejected" | "unavailable";

export type RunClaimsResult = {
  epaoId: string;
  outcome: RunOutcome;
  message: string;
  today: string;
  /** Candidate records whose claim was refreshed. */
  refreshed: number;
  /** Claims taken by this run. */
  taken: number;
  claimed: number;
  /** Of those claimed, found already claimed by hand in the ESFA service. */
  claimedManually: number;
  /** Certificates this run created at ESFA. */
  created: number;
  errors: number;
  /** Claims handed back (ESFA unavailable, key rejected) or no longer due when re-checked. */
  released: number;
  /** Due claims this run did not take (left for the next run). */
  leftQueued: number;
  calls: number;
};

export type SyncStatusesResult = { epaoId: string; outcome: RunOutcome; message: string; checked: number; changed: number; failed: number; calls: number };

/** Why a run stops: ESFA rejected the key, or ESFA is unavailable after the client's retries. */
export type Stop = { kind: "auth" | "unavailable"; error: EsfaError };

/** A claim taken by the run, with its state before. */
export type Taken = { claim: Claim; previous: ClaimState };

export type Outcome =
  | { kind: "claimed"; reference: string; status: string | null; manual: boolean }
  | { kind: "error"; messages: string[]; keepMarker: boolean }
  /** Back to its state before the run took it. */
  | { kind: "release" }
  /** refreshClaim changed it (cancelled, or no longer due): back to queued if still held. */
  | { kind: "refreshed" };

export type Work = {
  claim: Claim;
  previous: ClaimState;
  /** A create was sent for this claim earlier without a recorded outcome. */
  sentBefore: boolean;
  apprenticeId: string;
  /** The record version the payload was built from. */
  version: number;
  payload: EsfaCreateCertificateRequest | null;
  larsCode: number;
  reference: string;
  grade: string;
  /** A Draft/Ready certificate at ESFA to submit. */
  draft: { reference: string; fromGet: boolean } | null;
  needsUpdate: boolean;
  created: boolean;
  outcome: Outcome | null;
};

export type Counters = Pick<RunClaimsResult, "taken" | "claimed" | "claimedManually" | "created" | "errors" | "released">;

/** What a batch runs with. */
export type BatchInput = { epaoId: string; runId: string; now: Date; today: string; settings: CountdownSettings; hooks: RunHooks };
