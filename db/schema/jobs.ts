import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./core";
import { JOB_STATUSES } from "../../lib/domain";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The durable job queue (lib/jobs). A worker claims a due job with FOR UPDATE SKIP LOCKED and holds a lease
 * (locked_until); a job whose worker died is claimed again once its lease has expired, so work resumes after a
 * restart. (kind, key) is unique: a daily schedule inserts one row per day whatever the number of workers.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    /** Deduplication key within the kind: the day for scheduled runs ("2026-11-26"), "manual:<uuid>" for run-now. */
    key: text("key").notNull(),
    /** The organisation the run belongs to (e.g. the EPAO of a claim run); null for platform jobs. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    runAt: ts("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedBy: text("locked_by"),
    lockedUntil: ts("locked_until"),
    /** Who asked for it: "schedule" or the user's label. */
    requestedBy: text("requested_by").notNull().default("schedule"),
    result: jsonb("result").$type<Record<string, unknown> | null>(),
    lastError: text("last_error"),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_kind_key").on(t.kind, t.key),
    check("jobs_status_check", sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`${t.status} in ('queued', 'running')`),
    index("jobs_kind_created_idx").on(t.kind, t.createdAt.desc()),
  ],
);

/**
 * The processes that run jobs (lib/jobs/workers.ts). Each registers itself and heartbeats while it lives; a running
 * job whose holder has stopped heartbeating (or whose process is gone from this host) is taken back at once rather
 * than when its lease runs out.
 */
export const jobWorkers = pgTable("job_workers", {
  id: text("id").primaryKey(),
  hostname: text("hostname").notNull(),
  pid: integer("pid").notNull(),
  startedAt: ts("started_at").notNull().defaultNow(),
  heartbeatAt: ts("heartbeat_at").notNull().defaultNow(),
  /** Set when the process stopped cleanly, or when another process found it gone. */
  stoppedAt: ts("stopped_at"),
});
