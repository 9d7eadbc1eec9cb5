import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { db, type DbOrTx } from "@/lib/db";
import { londonDate, londonParts } from "@/lib/calendar/london";
import { ensureProcessRegistered, newWorkerId, processWorkerId, reapAbandoned } from "./workers";
import type { Job as JobRow } from "@/db/schema";
export type { JobRow };

export { newWorkerId };

/**
 * A small durable job queue on Postgres. Hand-written rather than pg-boss or graphile-worker: both bring their own
 * `pg` pools, LISTEN connections and schemas, and the embedded database (PGlite behind one socket) only takes one
 * connection at a time, which this queue shares with the rest of the app through `db()`.
 *
 * - A job is claimed with `FOR UPDATE SKIP LOCKED`, so two workers never run the same job at once.
 * - The claim is a lease (`locked_until`): a worker that dies leaves its job `running` with an expiring lease, and
 *   the next worker to look claims it again once the lease is over (resumable after a restart). Long jobs extend
 *   their lease with `heartbeat`.
 * - Finishing is fenced on the lease holder: a worker whose lease was taken over cannot overwrite the new run's
 *   outcome. Handlers must be idempotent (a job can run again after a crash part-way through).
 * - Failures retry with exponential backoff and jitter up to `max_attempts`, then the job is `failed`.
 * - `(kind, key)` is unique: a daily schedule inserts one row per day however many workers race to insert it.
 */

export type JobContext = {
  job: JobRow;
  /** The clock the run uses (injected in tests). */
  now: Date;
  /** Extends the lease; call it between batches of a long job. Returns false when the lease was lost. */
  heartbeat(): Promise<boolean>;
};

export type JobDefinition = {
  kind: string;
  /** Shown in run histories. */
  title: string;
  /** Runs once a day at this time in England ("HH:MM", Europe/London). */
  dailyAt?: string;
  maxAttempts?: number;
  /** How long a claim lasts without a heartbeat (default 5 minutes). */
  leaseMs?: number;
  handler(ctx: JobContext): Promise<Record<string, unknown>>;
  /**
   * Called when a run is taken back because the process running it is gone (workers.ts reapAbandoned), to hand back
   * what the run held (e.g. the certificate claims it had leased) so the next run can take them at once.
   */
  onAbandoned?(job: JobRow, now: Date): Promise<void>;
};

export const DEFAULT_LEASE_MS = 5 * 60_000;

export type EnqueueInput = {
  kind: string;
  key?: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  organisationId?: string | null;
  requestedBy?: string;
  maxAttempts?: number;
};

/** Adds a job unless one with the same kind and key exists; returns the job (new or existing) and whether it is new. */
export async function enqueue(tx: DbOrTx, input: EnqueueInput): Promise<{ job: JobRow; created: boolean }> {
  const key = input.key ?? `manual:${randomUUID()}`;
  const [created] = await tx
    .insert(jobs)
    .values({
      kind: input.kind,
      key,
      payload: input.payload ?? {},
      runAt: input.runAt ?? new Date(),
      organisationId: input.organisationId ?? null,
      requestedBy: input.requestedBy ?? "schedule",
      maxAttempts: input.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: [jobs.kind, jobs.key] })
    .returning();
  if (created) return { job: created, created: true };
  const [existing] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, input.kind), eq(jobs.key, key)));
  return { job: existing!, created: false };
}

/** The day and minute in England of an instant: { date: "2026-11-26", minutes: 570 }. */
export function londonClock(at: Date): { date: string; minutes: number } {
  const p = londonParts(at);
  return { date: londonDate(at), minutes: p.hour * 60 + p.minute };
}

/** The instant of a wall-clock time in England on a day (handles GMT and BST). */
export function londonInstant(date: string, hhmm: string): Date {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const guess = new Date(`${date}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);
  // England is UTC or UTC+1: the offset at the guessed instant gives the answer (ambiguous hours take the first).
  const offset = londonClock(guess).minutes - (h * 60 + m);
  const normalised = ((offset % 1440) + 1440) % 1440;
  return new Date(guess.getTime() - (normalised > 720 ? normalised - 1440 : normalised) * 60_000);
}

/** Inserts today's run of every daily job (idempotent: one row per kind and day, whoever inserts it first). */
export async function ensureScheduled(definitions: readonly JobDefinition[], now: Date): Promise<number> {
  const today = londonClock(now).date;
  let created = 0;
  for (const definition of definitions) {
    if (!definition.dailyAt) continue;
    const result = await enqueue(db(), {
      kind: definition.kind,
      key: today,
      runAt: londonInstant(today, definition.dailyAt),
      requestedBy: "schedule",
      maxAttempts: definition.maxAttempts,
    });
    if (result.created) created++;
  }
  return created;
}

const claimColumns = (workerId: string, now: Date, leaseMs: number) => ({
  status: "running" as const,
  lockedBy: workerId,
  lockedUntil: new Date(now.getTime() + leaseMs),
  attempts: sql`${jobs.attempts} + 1`,
  startedAt: now,
  updatedAt: now,
});

/**
 * Claims the next due job of the given kinds: queued with run_at passed, or running with an expired lease (its
 * worker died). SKIP LOCKED lets concurrent workers each take a different job.
 */
export async function claimNext(workerId: string, kinds: readonly string[], now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const [claimed] = await db()
    .update(jobs)
    .set(claimColumns(workerId, now, leaseMs))
    .where(
      sql`${jobs.id} = (
        select id from jobs
        where kind in (${kindList})
          and ((status = 'queued' and run_at <= ${now.toISOString()}::timestamptz) or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz))
        order by run_at, created_at
        limit 1
        for update skip locked
      )`,
    )
    .returning();
  return claimed ?? null;
}

/** Claims one particular job if it is due or abandoned (run-now). */
export async function claimById(workerId: string, id: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<JobRow | null> {
  const [claimed] = await db()
    .update(jobs)
    .set(claimColumns(workerId, now, leaseMs))
    .where(
      sql`${jobs.id} = (
        select id from jobs where id = ${id}
          and ((status = 'queued' and run_at <= ${now.toISOString()}::timestamptz) or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz))
        for update skip locked
      )`,
    )
    .returning();
  return claimed ?? null;
}

const held = (job: JobRow, workerId: string) => and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running"));

export async function extendLease(job: JobRow, workerId: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const rows = await db()
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
    .where(held(job, workerId))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Seconds to wait before attempt n+1: 30 s doubling, at most an hour, with ±20% jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Runs a claimed job's handler and records the outcome (only if this worker still holds the lease). */
export async function execute(definition: JobDefinition, job: JobRow, workerId: string, clock: () => Date = () => new Date()): Promise<JobRow> {
  const leaseMs = definition.leaseMs ?? DEFAULT_LEASE_MS;
  const ctx: JobContext = { job, now: clock(), heartbeat: () => extendLease(job, workerId, clock(), leaseMs) };
  let outcome: Partial<typeof jobs.$inferInsert>;
  try {
    const result = await definition.handler(ctx);
    const finished = clock();
    outcome = { status: "succeeded", result, lastError: null, finishedAt: finished, lockedBy: null, lockedUntil: null, updatedAt: finished };
  } catch (error) {
    const finished = clock();
    const message = error instanceof Error ? error.message : String(error);
    const retry = job.attempts < job.maxAttempts;
    outcome = retry
      ? {
          status: "queued",
          lastError: message,
          runAt: new Date(finished.getTime() + retryDelayMs(job.attempts)),
          lockedBy: null,
          lockedUntil: null,
          updatedAt: finished,
        }
      : { status: "failed", lastError: message, finishedAt: finished, lockedBy: null, lockedUntil: null, updatedAt: finished };
  }
  const [saved] = await db().update(jobs).set(outcome).where(held(job, workerId)).returning();
  // Lost the lease (another worker took the job over): its outcome stands.
  return saved ?? (await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]!;
}

/** Claims and runs due jobs of the given definitions until none is due; returns how many ran. */
export async function runDue(definitions: readonly JobDefinition[], options: { workerId: string; now?: () => Date; limit?: number }): Promise<number> {
  const clock = options.now ?? (() => new Date());
  const byKind = new Map(definitions.map((d) => [d.kind, d]));
  let ran = 0;
  while (ran < (options.limit ?? 100)) {
    const job = await claimNext(options.workerId, [...byKind.keys()], clock());
    if (!job) break;
    await execute(byKind.get(job.kind)!, job, options.workerId, clock);
    ran++;
  }
  return ran;
}

/**
 * "Run now": queues a run and runs it straight away in this process; returns the finished (or retrying) job. The run
 * is held under this process's registered worker id, so if the process dies mid-run the next process to start (or any
 * other worker, once the heartbeat is stale) says so at once instead of showing it running until the lease ends.
 */
export async function runNow(
  definition: JobDefinition,
  input: { requestedBy: string; payload?: Record<string, unknown>; organisationId?: string | null },
  clock: () => Date = () => new Date(),
): Promise<JobRow> {
  await ensureProcessRegistered();
  await reapAbandoned([definition], clock());
  const { job } = await enqueue(db(), {
    kind: definition.kind,
    payload: input.payload,
    organisationId: input.organisationId,
    requestedBy: input.requestedBy,
    runAt: clock(),
    maxAttempts: 1,
  });
  const workerId = processWorkerId();
  const claimed = await claimById(workerId, job.id, clock(), definition.leaseMs);
  if (!claimed) return job;
  return execute(definition, claimed, workerId, clock);
}

/** The latest runs of a kind (newest first). */
export async function recentRuns(kind: string, limit = 20, organisationId?: string): Promise<JobRow[]> {
  return db()
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), organisationId === undefined ? undefined : eq(jobs.organisationId, organisationId)))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}
