import type { UserActor } from "@/lib/auth/actor";
import { actorWithRole } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { isUuid } from "@/lib/dfe/http";
import { ValidationError } from "@/lib/errors";
import { STATEMENTS_PAYABLE_JOB } from "./definitions";
import { recentRuns, runNow, type JobRow } from "./queue";

/** Platform admins: run the daily statements job now, for every lead provider or one. Fails with the job's error. */
export async function runStatementsJobNow(admin: UserActor, input: { leadProviderId?: string } = {}): Promise<JobRow> {
  assertCan(admin, "npq.admin");
  const leadProviderId = input.leadProviderId || undefined;
  if (leadProviderId !== undefined && !isUuid(leadProviderId)) throw new ValidationError({ leadProviderId: "Choose a lead provider" });
  const job = await runNow(STATEMENTS_PAYABLE_JOB, { requestedBy: actorWithRole(admin), payload: leadProviderId ? { leadProviderId } : {} });
  if (job.status !== "succeeded") throw new ValidationError({ job: `The job did not finish: ${job.lastError ?? "unknown error"}` });
  return job;
}

/** Platform admins: the daily statements job's latest runs, scheduled and run-now, newest first. */
export async function statementsJobRuns(admin: UserActor, limit = 10): Promise<JobRow[]> {
  assertCan(admin, "npq.admin");
  return recentRuns(STATEMENTS_PAYABLE_JOB.kind, limit);
}
