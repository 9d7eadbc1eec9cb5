import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobWorkers, jobs } from "@/db/schema";
import { db } from "@/lib/db";
import { claimById, claimNext, enqueue, execute, runNow, type JobDefinition } from "./queue";
import { ensureProcessRegistered, heartbeatWorker, INTERRUPTED_MESSAGE, markGoneWorkers, processWorkerId, reapAbandoned, WORKER_STALE_MS } from "./workers";

const root = path.resolve(import.meta.dirname, "..", "..");
const kind = (name: string) => `test.workers.${name}.${randomUUID().slice(0, 8)}`;

async function jobRow(id: string) {
  const [row] = await db().select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

/** The pid of a process that has just exited on this host (so it is certainly not running). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

/** A running job held by `workerId` with a long lease, as a killed process leaves it. */
async function runningJob(k: string, workerId: string, now: Date, maxAttempts = 1) {
  const { job } = await enqueue(db(), { kind: k, runAt: now, maxAttempts });
  const claimed = await claimById(workerId, job.id, now, 30 * 60_000);
  expect(claimed?.status).toBe("running");
  return claimed!;
}

describe("job workers: a run whose process is gone is not shown running until its lease ends", () => {
  it("a killed process on this host is seen as gone at once: its run-now is failed as interrupted, and the lease no longer blocks", async () => {
    const now = new Date();
    const gone = `${hostname()}:${deadPid()}:dead`;
    await heartbeatWorker(gone, now, { pid: deadPid() });
    const def: JobDefinition = { kind: kind("killed"), title: "killed", handler: async () => ({}) };
    const job = await runningJob(def.kind, gone, now);

    // Without the worker registry, this job would stay "running" for 30 minutes (its lease).
    expect(await claimNext("someone-else", [def.kind], now)).toBeNull();

    const reaped = await reapAbandoned([def], now);
    expect(reaped.filter((j) => j.kind === def.kind).map((j) => j.id)).toEqual([job.id]);
    const after = await jobRow(job.id);
    expect(after.status).toBe("failed");
    expect(after.lastError).toBe(INTERRUPTED_MESSAGE);
    expect(after.lockedBy).toBeNull();
    const [worker] = await db().select().from(jobWorkers).where(eq(jobWorkers.id, gone));
    expect(worker?.stoppedAt).not.toBeNull();
  });

  it("a scheduled run with attempts left is queued again and runs at once; the dead worker's late finish is fenced off", async () => {
    const now = new Date();
    const gone = `${hostname()}:${deadPid()}:dead`;
    await heartbeatWorker(gone, now, { pid: deadPid() });
    let ran = 0;
    const def: JobDefinition = { kind: kind("retry"), title: "retry", maxAttempts: 3, handler: async () => ({ ran: ++ran }) };
    const job = await runningJob(def.kind, gone, now, 3);

    await reapAbandoned([def], now);
    const queued = await jobRow(job.id);
    expect(queued.status).toBe("queued");
    expect(queued.lastError).toBe(INTERRUPTED_MESSAGE);

    const again = await claimNext("w-live", [def.kind], now);
    expect(again?.id).toBe(job.id);
    const done = await execute(def, again!, "w-live", () => now);
    expect(done.status).toBe("succeeded");
    // The old holder (if it were somehow still running) cannot overwrite that outcome.
    const late = await execute(def, job, gone, () => now);
    expect(late.status).toBe("succeeded");
    expect(late.lockedBy).toBeNull();
  });

  it("a worker on another host that stops heartbeating is gone after WORKER_STALE_MS, not before", async () => {
    // The clock stays real (a clock moved forward would make every other test process's worker look stale too).
    const now = new Date();
    const remote = `elsewhere-${randomUUID().slice(0, 8)}:123:abc`;
    await heartbeatWorker(remote, new Date(now.getTime() - WORKER_STALE_MS + 5000), { hostname: "elsewhere.example", pid: 123 });
    const def: JobDefinition = { kind: kind("stale"), title: "stale", handler: async () => ({}) };
    const job = await runningJob(def.kind, remote, now);

    expect((await reapAbandoned([def], now)).filter((j) => j.kind === def.kind)).toEqual([]);
    expect((await jobRow(job.id)).status).toBe("running");
    await db()
      .update(jobWorkers)
      .set({ heartbeatAt: new Date(now.getTime() - WORKER_STALE_MS - 1000) })
      .where(eq(jobWorkers.id, remote));
    const reaped = await reapAbandoned([def], now);
    expect(reaped.filter((j) => j.kind === def.kind).map((j) => j.id)).toEqual([job.id]);
  });

  it("live workers keep their runs: this process, another live process on this host, and ids that never registered", async () => {
    const now = new Date();
    await ensureProcessRegistered();
    const def: JobDefinition = { kind: kind("live"), title: "live", handler: async () => ({}) };
    const mine = await runningJob(def.kind, processWorkerId(), now);
    const sibling = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const siblingId = `${hostname()}:${sibling.pid}:alive`;
      await heartbeatWorker(siblingId, now, { pid: sibling.pid! });
      const theirs = await runningJob(def.kind, siblingId, now);
      const unregistered = await runningJob(def.kind, `never-registered-${randomUUID()}`, now);

      expect((await reapAbandoned([def], now)).filter((j) => j.kind === def.kind)).toEqual([]);
      for (const j of [mine, theirs, unregistered]) expect((await jobRow(j.id)).status).toBe("running");
      expect(await markGoneWorkers(now)).not.toContain(siblingId);
    } finally {
      sibling.kill("SIGKILL");
    }
  });

  it("the previous incarnation of this very pid (a restart that reused the pid) is gone", async () => {
    const now = new Date();
    const previous = `${hostname()}:${process.pid}:before-restart-${randomUUID().slice(0, 4)}`;
    await heartbeatWorker(previous, now);
    expect(await markGoneWorkers(now)).toContain(previous);
  });

  it("hands back what the run held through onAbandoned", async () => {
    const now = new Date();
    const gone = `${hostname()}:${deadPid()}:dead`;
    await heartbeatWorker(gone, now, { pid: deadPid() });
    const handedBack: string[] = [];
    const def: JobDefinition = { kind: kind("hook"), title: "hook", handler: async () => ({}), onAbandoned: async (job) => void handedBack.push(job.id) };
    const job = await runningJob(def.kind, gone, now);
    await reapAbandoned([def], now);
    expect(handedBack).toEqual([job.id]);
  });

  // A second process needs a second connection: the embedded test database is one PGlite session, so Postgres only.
  it.skipIf(process.env.ATTAIN_TEST_DATABASE === "pglite")(
    "kill -9 during a run-now: a real process is killed mid-run and the next reaper says it was interrupted",
    async () => {
      const k = kind("kill9");
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "tests", "support", "run-now-hang.ts")], {
        cwd: root,
        env: { ...process.env, JOB_KIND: k },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child never started the run: ${stderr}`)), 45_000);
        child.stdout.on("data", (d: Buffer) => {
          if (d.toString().includes("RUNNING")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on("exit", (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
      });
      const [running] = await db().select().from(jobs).where(eq(jobs.kind, k));
      expect(running?.status).toBe("running");
      expect(running?.lockedBy).toContain(`:${child.pid}:`);

      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));

      const reaped = await reapAbandoned([{ kind: k }], new Date());
      expect(reaped.filter((j) => j.kind === k).map((j) => j.id)).toEqual([running!.id]);
      expect((await jobRow(running!.id)).status).toBe("failed");
    },
    60_000,
  );

  it("run-now itself first takes back an earlier run-now that a dead process left running", async () => {
    const now = new Date();
    const gone = `${hostname()}:${deadPid()}:dead`;
    await heartbeatWorker(gone, now, { pid: deadPid() });
    const def: JobDefinition = { kind: kind("runnow"), title: "runnow", handler: async () => ({ ok: true }) };
    const stuck = await runningJob(def.kind, gone, now);
    const fresh = await runNow(def, { requestedBy: "test" });
    expect(fresh.status).toBe("succeeded");
    expect((await jobRow(stuck.id)).status).toBe("failed");
  });
});
