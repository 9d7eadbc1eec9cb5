import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, inArray, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
import { jobWorkers, jobs } from "@/db/schema";
import { db } from "@/lib/db";
import type { Job as JobRow } from "@/db/schema";

/** What reaping needs of a job definition (queue.ts JobDefinition has these). */
type Reapable = { kind: string; onAbandoned?(job: JobRow, now: Date): Promise<void> };

/**
 * Which processes are alive to run jobs. A job's lease (`locked_until`) is long for long jobs (a claims run holds 30
 * minutes), so a process killed mid-run used to leave its job "running" until the lease ran out. Now every process that
 * runs jobs registers itself in `job_workers` and heartbeats every few seconds; a running job whose holder has stopped,
 * has not heartbeaten for WORKER_STALE_MS, or whose process is no longer on this host (the usual case: `npm start` was
 * killed and started again) is taken back at once by `reapAbandoned`: retried if it has attempts left, otherwise failed
 * with a message that says the server stopped. Jobs held by ids that never registered keep the lease-only behaviour.
 */

export const WORKER_HEARTBEAT_MS = Number(process.env.ATTAIN_WORKER_HEARTBEAT_MS ?? 10_000);
/** A worker that has not heartbeaten for this long is taken to be gone (several missed beats, not one slow one). */
export const WORKER_STALE_MS = Number(process.env.ATTAIN_WORKER_STALE_MS ?? 60_000);

export const INTERRUPTED_MESSAGE = "Interrupted: the server running this stopped before it finished.";

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

type Presence = { id: string; registered: Promise<void> | null; timer: NodeJS.Timeout | null };
const globalForPresence = globalThis as unknown as { __attainWorkerPresence?: Presence };

function presence(): Presence {
  globalForPresence.__attainWorkerPresence ??= { id: newWorkerId(), registered: null, timer: null };
  return globalForPresence.__attainWorkerPresence;
}

/** This process's worker id: the one id under which it holds job leases (the worker loop and run-now alike). */
export function processWorkerId(): string {
  return presence().id;
}

/** Records a worker as alive now (insert or heartbeat). */
export async function heartbeatWorker(id: string, now = new Date(), info: { hostname?: string; pid?: number } = {}): Promise<void> {
  await db()
    .insert(jobWorkers)
    .values({ id, hostname: info.hostname ?? hostname(), pid: info.pid ?? process.pid, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: jobWorkers.id, set: { heartbeatAt: now, stoppedAt: null } });
}

/**
 * Registers this process once and keeps its heartbeat going (an unref'd timer, so it never keeps a process alive).
 * Safe to call often: the first call registers, later calls wait for that.
 */
export function ensureProcessRegistered(): Promise<void> {
  const p = presence();
  if (!p.registered) {
    p.registered = heartbeatWorker(p.id).catch((error: unknown) => {
      p.registered = null;
      throw error;
    });
    p.timer = setInterval(() => {
      heartbeatWorker(p.id).catch(() => {
        // The database may be briefly unavailable; a missed beat or two is what WORKER_STALE_MS allows for.
      });
    }, WORKER_HEARTBEAT_MS);
    p.timer.unref();
  }
  return p.registered;
}

/** Marks this process's worker as stopped (clean shutdown) and stops its heartbeat. */
export async function stopProcessWorker(now = new Date()): Promise<void> {
  const p = globalForPresence.__attainWorkerPresence;
  if (!p) return;
  if (p.timer) clearInterval(p.timer);
  globalForPresence.__attainWorkerPresence = undefined;
  if (p.registered) await db().update(jobWorkers).set({ stoppedAt: now }).where(eq(jobWorkers.id, p.id));
}

/** Whether a process id is alive on this host (EPERM means it exists but is someone else's). */
function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Marks as stopped the workers that are gone: on this host, a process id that no longer runs (or that is this very
 * process under an older worker id: the previous incarnation after a restart); anywhere, a heartbeat older than
 * WORKER_STALE_MS. Returns the ids newly marked.
 */
export async function markGoneWorkers(now = new Date(), selfId = processWorkerId()): Promise<string[]> {
  const live = await db()
    .select({ id: jobWorkers.id, hostname: jobWorkers.hostname, pid: jobWorkers.pid, heartbeatAt: jobWorkers.heartbeatAt })
    .from(jobWorkers)
    .where(and(isNull(jobWorkers.stoppedAt), ne(jobWorkers.id, selfId)));
  const host = hostname();
  const gone = live
    .filter((w) => {
      if (w.heartbeatAt.getTime() < now.getTime() - WORKER_STALE_MS) return true;
      if (w.hostname !== host) return false;
      return w.pid === process.pid || !pidAlive(w.pid);
    })
    .map((w) => w.id);
  if (gone.length > 0)
    await db()
      .update(jobWorkers)
      .set({ stoppedAt: now })
      .where(and(inArray(jobWorkers.id, gone), isNull(jobWorkers.stoppedAt)));
  return gone;
}

/**
 * Takes back running jobs whose worker is gone: each is queued again (attempts left) or failed with INTERRUPTED_MESSAGE,
 * fenced on the holder so a job another worker has just claimed is left alone, and its definition's `onAbandoned` hands
 * back whatever the run held. Returns the jobs taken back.
 */
export async function reapAbandoned(definitions: readonly Reapable[], now = new Date(), selfId = processWorkerId()): Promise<JobRow[]> {
  await markGoneWorkers(now, selfId);
  const abandoned = await db()
    .select({ job: jobs })
    .from(jobs)
    .innerJoin(jobWorkers, eq(jobWorkers.id, jobs.lockedBy))
    .where(
      and(
        eq(jobs.status, "running"),
        ne(jobWorkers.id, selfId),
        or(isNotNull(jobWorkers.stoppedAt), lt(jobWorkers.heartbeatAt, new Date(now.getTime() - WORKER_STALE_MS))),
      ),
    );
  const byKind = new Map(definitions.map((d) => [d.kind, d]));
  const reaped: JobRow[] = [];
  for (const { job } of abandoned) {
    const retry = job.attempts < job.maxAttempts;
    const [saved] = await db()
      .update(jobs)
      .set(
        retry
          ? { status: "queued", runAt: now, lastError: INTERRUPTED_MESSAGE, lockedBy: null, lockedUntil: null, updatedAt: now }
          : { status: "failed", lastError: INTERRUPTED_MESSAGE, finishedAt: now, lockedBy: null, lockedUntil: null, updatedAt: now },
      )
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, job.lockedBy!)))
      .returning();
    if (!saved) continue;
    await byKind.get(job.kind)?.onAbandoned?.(saved, now);
    reaped.push(saved);
  }
  return reaped;
}
