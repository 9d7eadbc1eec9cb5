import "server-only";
import { CLAIMS_JOB } from "@/lib/certification/jobs";
import type { JobDefinition } from "@/lib/jobs/queue";
import { STATEMENTS_PAYABLE_JOB } from "@/lib/npq/jobs";

/**
 * The composition root's job registry: every job the worker schedules and runs. Each feature owns its job
 * (DfE statements at 00:30 in lib/npq/jobs.ts; ESFA certificate claims with status sync at 06:00 in
 * lib/certification/jobs.ts); the queue in lib/jobs knows none of them.
 */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [STATEMENTS_PAYABLE_JOB, CLAIMS_JOB];
