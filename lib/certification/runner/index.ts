import "server-only";
/**
 * The certificate claim runner (issue #7): for one EPAO, claims from ESFA the certificates whose claim date has come.
 *
 * 1. Claims are off without an ESFA key, or when ESFA rejected it (the result says "Claims are off: …").
 * 2. Every candidate record's claim is refreshed (claims.ts `refreshClaim`).
 * 3. Due claims (claim date today or earlier; queued, or error — errors are retried on every run — or in_flight with
 *    an expired lease) are taken 25 at a time with FOR UPDATE SKIP LOCKED and marked in_flight with the run id and a
 *    lease, so two runners never hold the same claim. Each batch is then worked through and committed on its own: a
 *    crash loses at most the batch in flight, whose lease then expires and the next run takes it again.
 * 4. For each claim the record is re-read (the current row, never the claim's snapshot): consent and a postal contact
 *    are required (else an error, without calling ESFA); a record changed since the claim was built is rebuilt first.
 * 5. ESFA is first asked whether it already holds a certificate (GET certificate, one per record, paced by the
 *    client). If it does, its reference and status are pulled onto the claim (claimed; `claimedManually` unless we
 *    sent a create for this claim before, see SENT_MARKER); a Draft of ours left by a crash is updated and submitted.
 *    Otherwise the certificates are created in batches of 25 and the created ones submitted; reference and status
 *    are stored. "Certificate already exists: {ref}" is answered like a found certificate. Per-item validation errors
 *    put the claim in error with ESFA's messages.
 * 6. The record is locked (FOR SHARE) from the last check until the submit is committed, so an edit made while the
 *    claim is in flight waits for the commit, and a change made since the payload was built is sent first (PUT, the
 *    certificate is still a Draft): a certificate is never submitted with stale data.
 * 7. 401/403 marks the key rejected and stops the run; ESFA unavailable after the client's retries stops it too. In
 *    both cases the claims of the batch go back to their previous state (queued, or error) and nothing is lost.
 *
 * Every ESFA call is logged to esfa_calls with the route template (no ULN or name), status, time, attempt and items.
 *
 * This is the one module the rest of the app imports. Inside: client.ts (opening the ESFA client), call-log.ts,
 * leases.ts (taking and releasing claims, 1 and 3), payload.ts (the create request, 4), batch.ts (a batch's state
 * and preparation, 4), esfa-calls.ts (GET and create, 5), submit.ts (locked submit and commit, 6), outcome.ts
 * (recording each claim's outcome), run.ts (the run loop, `runClaims`) and sync.ts (status sync, `syncStatuses`).
 */

export { defaultClientFactory } from "./client";
export { CLAIM_BATCH_SIZE, CLAIM_LEASE_MS, releaseRun } from "./leases";
export { runClaims } from "./run";
export { syncStatuses } from "./sync";
export type { EsfaClientFactory, RunClaimsInput, RunClaimsResult, RunHooks, RunOutcome, SyncStatusesResult } from "./types";
