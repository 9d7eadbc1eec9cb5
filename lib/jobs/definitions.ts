import { CLAIMS_JOB } from "@/lib/certification/jobs";
import { londonDate } from "@/lib/npq/declarations";
import { STATEMENTS_JOB_ACTOR, statementsPastDeadlinePayable } from "@/lib/npq/statements";
import type { JobDefinition } from "./queue";

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

/** Every job the worker runs: DfE statements (00:30) and ESFA certificate claims with status sync (06:00). */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [STATEMENTS_PAYABLE_JOB, CLAIMS_JOB];
