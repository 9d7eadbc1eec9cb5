import "server-only";
import { ensureScheduled, runDue, type JobDefinition } from "./queue";
import { ensureProcessRegistered, processWorkerId, reapAbandoned, stopProcessWorker } from "./workers";

type Worker = { stop(): Promise<void>; workerId: string };
const globalForWorker = globalThis as unknown as { __attainWorker?: Worker };

/**
 * The in-process worker `npm start` runs inside the Next server (instrumentation.ts): every `pollMs` it inserts
 * today's scheduled runs and runs whatever is due. In-process because the embedded database takes one connection;
 * on a real Postgres several servers can run it side by side (SKIP LOCKED and the daily key keep runs single).
 * Off when ATTAIN_JOBS=off. The definitions come from the composition root (server/jobs.ts).
 */
export function startWorker(definitions: readonly JobDefinition[], options: { pollMs?: number } = {}): Worker {
  if (globalForWorker.__attainWorker) return globalForWorker.__attainWorker;
  const pollMs = options.pollMs ?? Number(process.env.ATTAIN_JOBS_POLL_MS ?? 30_000);
  const workerId = processWorkerId();
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let stopped = false;

  const tick = async () => {
    try {
      await ensureProcessRegistered();
      // Runs whose process is gone (killed, restarted) are retried or marked interrupted before anything else.
      await reapAbandoned(definitions, new Date());
      await ensureScheduled(definitions, new Date());
      await runDue(definitions, { workerId });
    } catch (error) {
      console.error("Job worker:", error instanceof Error ? error.message : error);
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      current = null;
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  loop();

  const worker: Worker = {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await stopProcessWorker().catch(() => {});
      globalForWorker.__attainWorker = undefined;
    },
  };
  globalForWorker.__attainWorker = worker;
  return worker;
}
