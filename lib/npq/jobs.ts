import "server-only";
import type { UserActor } from "@/lib/auth/actor";
import { actorWithRole } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { londonDate } from "@/lib/calendar/london";
import { ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { recentRuns, runNow, type JobDefinition, type JobRow } from "@/lib/jobs/queue";
import { STATEMENTS_JOB_ACTOR, statementsPastDeadlinePayable } from "@/lib/dfe/statements";

/** DfE: statements move open → payable once their deadline has passed, with their eligible declarations (NPQ and ECF). */
export const STATEMENTS_PAYABLE_JOB: JobDefinition = {
  kind: "dfe.statements-payable",
  title: "Statements past their deadline become payable",
  dailyAt: "00:30",
  handler: async ({ job, now }) => {
    const today = londonDate(now);
    const leadProviderId = typeof job.payload.leadProviderId === "string" ? job.payload.leadProviderId : undefined;
    // Audited as the job; a run-now says who asked for it.
    const actor =
      job.requestedBy === "schedule"
        ? STATEMENTS_JOB_ACTOR
        : { ...STATEMENTS_JOB_ACTOR, label: `${STATEMENTS_JOB_ACTOR.label}, run now by ${job.requestedBy}` };
    return { today, ...(leadProviderId ? { leadProviderId } : {}), ...(await statementsPastDeadlinePayable(actor, today, { leadProviderId })) };
  },
};

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
