import "server-only";
import { eq } from "drizzle-orm";
import { esfaApiKeys, organisations } from "@/db/schema";
import { actorWithRole, type UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { londonDate } from "@/lib/calendar/london";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { runNow, type JobDefinition, type JobRow } from "@/lib/jobs/queue";
import { releaseRun, runClaims, syncStatuses, type EsfaClientFactory, type RunClaimsResult, type SyncStatusesResult } from "./runner";

/**
 * The daily certificate claim job (kind "esfa.claims", 06:00 in England): for each EPAO with an active ESFA key, claim
 * the certificates that are due (runner.ts `runClaims`), then re-read the status of claimed certificates not yet
 * delivered (`syncStatuses`). A run-now (payload `{ epaoId }`) does the same for one EPAO. The job's result holds each
 * EPAO's counts under `epaos[epaoId]`, which is how an EPAO finds its part of a scheduled run (queries.ts claimRuns).
 */

export const CLAIMS_JOB_KIND = "esfa.claims";

export type ClaimsJobEpaoResult = { code: string | null; claims: RunClaimsResult | null; statuses: SyncStatusesResult | null; error?: string };
export type ClaimsJobResult = { today: string; epaos: Record<string, ClaimsJobEpaoResult> };

/** The job, with a client factory of its own for tests (default: a client for ESFA_API_URL). */
export function claimsJobDefinition(options: { clientFactory?: EsfaClientFactory } = {}): JobDefinition {
  return {
    kind: CLAIMS_JOB_KIND,
    title: "Claim certificates from ESFA",
    dailyAt: "06:00",
    maxAttempts: 3,
    leaseMs: 30 * 60_000,
    onAbandoned: async (job, now) => {
      await releaseRun(job.id, now);
    },
    handler: async ({ job, now, heartbeat }) => {
      const requested = typeof job.payload.epaoId === "string" ? job.payload.epaoId : null;
      const epaoIds = requested
        ? [requested]
        : (await db().select({ epaoId: esfaApiKeys.epaoId }).from(esfaApiKeys).where(eq(esfaApiKeys.status, "active")).orderBy(esfaApiKeys.epaoId)).map(
            (r) => r.epaoId,
          );
      const result: ClaimsJobResult = { today: londonDate(now), epaos: {} };
      for (const epaoId of epaoIds) {
        const [org] = await db().select({ code: organisations.code }).from(organisations).where(eq(organisations.id, epaoId));
        try {
          const claims = await runClaims({ epaoId, runId: job.id, now, clientFactory: options.clientFactory, onBatch: heartbeat });
          // Statuses only when the claims could talk to ESFA (not off, not rejected, not unavailable).
          const statuses = claims.outcome === "completed" ? await syncStatuses({ epaoId, runId: job.id, now, clientFactory: options.clientFactory }) : null;
          result.epaos[epaoId] = { code: org?.code ?? null, claims, statuses };
        } catch (error) {
          // One EPAO's failure does not stop the others; its claims were handed back and the next run retries them.
          result.epaos[epaoId] = { code: org?.code ?? null, claims: null, statuses: null, error: error instanceof Error ? error.message : String(error) };
        }
        await heartbeat();
      }
      return result;
    },
  };
}

/** Listed in JOB_DEFINITIONS (server/jobs.ts) so the worker schedules and runs it. */
export const CLAIMS_JOB: JobDefinition = claimsJobDefinition();

/**
 * EPAO admins and staff: run their EPAO's claims now (then status sync), as a job run of its own whose history shows
 * who asked. Answers the finished (or failed) job row.
 */
export async function runClaimsNow(actor: UserActor, options: { clientFactory?: EsfaClientFactory; now?: () => Date } = {}): Promise<JobRow> {
  assertCan(actor, "certification.claims");
  const definition = options.clientFactory ? claimsJobDefinition({ clientFactory: options.clientFactory }) : CLAIMS_JOB;
  const requestedBy = actorWithRole(actor);
  await recordAudit(db(), actor, {
    action: "certificate.run_now",
    entityType: "organisation",
    entityId: actor.organisationId,
    summary: "Ran the certificate claims now",
  });
  return runNow(definition, { requestedBy, payload: { epaoId: actor.organisationId }, organisationId: actor.organisationId }, options.now);
}
