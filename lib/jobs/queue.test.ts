import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, declarations, jobs, statements } from "@/db/schema";
import { db } from "@/lib/db";
import { createEcfParticipant, ecfStatements, insertEcfDeclaration } from "@/tests/support/ecf";
import { createLeadProvider } from "@/tests/support/npq";
import { STATEMENTS_PAYABLE_JOB } from "@/lib/npq/jobs";
import {
  claimById,
  claimNext,
  enqueue,
  ensureScheduled,
  execute,
  londonClock,
  londonInstant,
  newWorkerId,
  retryDelayMs,
  runDue,
  runNow,
  type JobDefinition,
} from "./queue";

/** Every test uses its own job kinds, so runs of other test files (and of other tests) never mix in. */
function kind(name: string) {
  return `test.${name}.${randomUUID().slice(0, 8)}`;
}

function definition(name: string, handler: JobDefinition["handler"], extra: Partial<JobDefinition> = {}): JobDefinition {
  return { kind: kind(name), title: name, handler, ...extra };
}

const at = (iso: string) => new Date(iso);

async function jobRow(id: string) {
  const [row] = await db().select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

describe("England's clock", () => {
  it("turns a wall-clock time in England into an instant in GMT and in BST", () => {
    expect(londonInstant("2026-01-15", "00:30").toISOString()).toBe("2026-01-15T00:30:00.000Z");
    expect(londonInstant("2026-07-15", "00:30").toISOString()).toBe("2026-07-14T23:30:00.000Z");
    expect(londonInstant("2026-03-29", "09:00").toISOString()).toBe("2026-03-29T08:00:00.000Z"); // the day the clocks go forward
    expect(londonInstant("2026-10-25", "09:00").toISOString()).toBe("2026-10-25T09:00:00.000Z"); // and back
    expect(londonClock(at("2026-07-14T23:30:00Z"))).toEqual({ date: "2026-07-15", minutes: 30 });
  });

  it("backs off exponentially with jitter, capped at an hour", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
  });
});

describe("the job queue", () => {
  it("keeps one job per kind and key, and one scheduled run per day however often the schedule is checked", async () => {
    const daily = definition("daily", async () => ({}), { dailyAt: "00:30" });
    const first = await enqueue(db(), { kind: daily.kind, key: "2026-11-26" });
    const again = await enqueue(db(), { kind: daily.kind, key: "2026-11-26", payload: { ignored: true } });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id, payload: {} } });

    const other = definition("other-daily", async () => ({}), { dailyAt: "06:00" });
    const now = at("2026-07-01T12:00:00Z");
    await Promise.all([ensureScheduled([other], now), ensureScheduled([other], now), ensureScheduled([other], now)]);
    const rows = await db().select().from(jobs).where(eq(jobs.kind, other.kind));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: "2026-07-01", status: "queued", requestedBy: "schedule" });
    expect(rows[0]!.runAt.toISOString()).toBe("2026-07-01T05:00:00.000Z");
  });

  it("runs a job only when due, records its result, and never hands one job to two workers", async () => {
    const seen: string[] = [];
    const job = definition("once", async (ctx) => {
      seen.push(ctx.job.id);
      return { done: true };
    });
    const { job: row } = await enqueue(db(), { kind: job.kind, key: "k", runAt: at("2026-01-01T10:00:00Z") });
    expect(await runDue([job], { workerId: "w-early", now: () => at("2026-01-01T09:59:59Z") })).toBe(0);

    // Five workers race for it: exactly one claims it.
    const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => claimNext(`w${i}`, [job.kind], at("2026-01-01T10:00:00Z"))));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ id: row.id, status: "running", attempts: 1 });

    const finished = await execute(job, winners[0]!, winners[0]!.lockedBy!, () => at("2026-01-01T10:00:05Z"));
    expect(finished).toMatchObject({ status: "succeeded", result: { done: true }, lockedBy: null, lastError: null });
    expect(finished.finishedAt?.toISOString()).toBe("2026-01-01T10:00:05.000Z");
    expect(seen).toEqual([row.id]);
    expect(await runDue([job], { workerId: "w-late", now: () => at("2026-01-02T00:00:00Z") })).toBe(0);
  });

  it("retries a failing job with backoff, then marks it failed with the last error", async () => {
    let calls = 0;
    const flaky = definition("flaky", async () => {
      calls++;
      throw new Error(`ESFA unavailable (${calls})`);
    });
    const { job } = await enqueue(db(), { kind: flaky.kind, key: "k", runAt: at("2026-01-01T10:00:00Z"), maxAttempts: 3 });
    let now = at("2026-01-01T10:00:00Z");
    expect(await runDue([flaky], { workerId: "w", now: () => now })).toBe(1);
    let row = await jobRow(job.id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, lastError: "ESFA unavailable (1)" });
    expect(row.runAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(24_000);
    expect(row.runAt.getTime() - now.getTime()).toBeLessThanOrEqual(36_000);

    // Not again before the backoff is over.
    expect(await runDue([flaky], { workerId: "w", now: () => new Date(now.getTime() + 20_000) })).toBe(0);
    now = new Date(row.runAt.getTime());
    await runDue([flaky], { workerId: "w", now: () => now });
    row = await jobRow(job.id);
    now = new Date(row.runAt.getTime());
    await runDue([flaky], { workerId: "w", now: () => now });
    row = await jobRow(job.id);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "ESFA unavailable (3)" });
    expect(calls).toBe(3);
    expect(await runDue([flaky], { workerId: "w", now: () => at("2027-01-01T00:00:00Z") })).toBe(0);
  });

  it("resumes a job whose worker died once its lease is over, and the dead worker cannot overwrite the new outcome", async () => {
    let runs = 0;
    const job = definition("resumable", async () => ({ run: ++runs }), { leaseMs: 60_000 });
    const { job: row } = await enqueue(db(), { kind: job.kind, key: "k", runAt: at("2026-01-01T10:00:00Z") });
    const dead = await claimNext("dead-worker", [job.kind], at("2026-01-01T10:00:00Z"), 60_000);
    expect(dead).not.toBeNull();

    // While the lease lasts nobody else takes it.
    expect(await claimNext("w2", [job.kind], at("2026-01-01T10:00:59Z"))).toBeNull();
    // After it, another worker does (second attempt) and finishes it.
    expect(await runDue([job], { workerId: "w2", now: () => at("2026-01-01T10:01:01Z") })).toBe(1);
    expect(await jobRow(row.id)).toMatchObject({ status: "succeeded", attempts: 2, result: { run: 1 } });

    // The "dead" worker wakes up and finishes too: fenced out, the recorded run stands.
    const late = await execute(job, dead!, "dead-worker", () => at("2026-01-01T10:02:00Z"));
    expect(late).toMatchObject({ status: "succeeded", result: { run: 1 } });
    expect(runs).toBe(2);
  });

  it("extends the lease on heartbeat, and reports a lost lease", async () => {
    const heartbeats: boolean[] = [];
    let clock = at("2026-01-01T10:00:00Z");
    const long = definition(
      "long",
      async (ctx) => {
        clock = at("2026-01-01T10:00:50Z");
        heartbeats.push(await ctx.heartbeat());
        // Past the original lease, but the heartbeat moved it on: nobody else can take it.
        expect(await claimNext("thief", [ctx.job.kind], at("2026-01-01T10:01:30Z"), 60_000)).toBeNull();
        return {};
      },
      { leaseMs: 60_000 },
    );
    await enqueue(db(), { kind: long.kind, key: "k", runAt: clock });
    await runDue([long], { workerId: "w", now: () => clock });
    expect(heartbeats).toEqual([true]);

    const { job } = await enqueue(db(), { kind: long.kind, key: "k2", runAt: at("2026-01-01T10:00:00Z") });
    const claimed = await claimById("slow", job.id, at("2026-01-01T10:00:00Z"), 1_000);
    await claimById("fast", job.id, at("2026-01-01T10:00:05Z"), 60_000);
    expect(
      await execute({ ...long, handler: async (ctx) => ({ held: await ctx.heartbeat() }) }, claimed!, "slow", () => at("2026-01-01T10:00:06Z")),
    ).toMatchObject({
      status: "running",
      lockedBy: "fast",
    });
  });

  it("runs now: queues a manual run and finishes it in the same call", async () => {
    const manual = definition("manual", async (ctx) => ({ payload: ctx.job.payload }));
    const done = await runNow(manual, { requestedBy: "Pat Admin (Platform admin)", payload: { scope: "all" } });
    expect(done).toMatchObject({ status: "succeeded", requestedBy: "Pat Admin (Platform admin)", result: { payload: { scope: "all" } }, attempts: 1 });
    expect(done.key).toMatch(/^manual:/);
    expect(newWorkerId()).not.toBe(newWorkerId());
  });
});

describe("the daily statements job", () => {
  it("makes open statements past their deadline payable with their eligible declarations, once, as the job", async () => {
    // Deadlines in January and February 2019: earlier than any other test's statements, so the job (which covers
    // every lead provider) only finds these.
    const lp = await createLeadProvider();
    const [january, february] = await ecfStatements(lp.org.id, 2024, { year: 2019, month: 1 }, 2);
    const { profile } = await createEcfParticipant(lp.org.id);
    const eligible = await insertEcfDeclaration(profile, { statementId: january!.id, state: "eligible" });
    const submitted = await insertEcfDeclaration(profile, { statementId: null, state: "submitted", declarationType: "retained-1" });

    const now = at("2019-02-01T00:30:00Z"); // the scheduled time on 1 February: January's deadline (31st) has passed
    const { job } = await enqueue(db(), { kind: STATEMENTS_PAYABLE_JOB.kind, key: `test-${randomUUID()}`, runAt: now });
    const claimed = await claimById("w", job.id, now);
    const done = await execute(STATEMENTS_PAYABLE_JOB, claimed!, "w", () => now);
    expect(done).toMatchObject({ status: "succeeded", result: { today: "2019-02-01", statements: 1, declarations: 1 } });

    const states = await db().select({ id: statements.id, state: statements.state }).from(statements).where(eq(statements.leadProviderId, lp.org.id));
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [january!.id]: "payable", [february!.id]: "open" });
    const [after] = await db().select({ state: declarations.state }).from(declarations).where(eq(declarations.id, eligible.id));
    expect(after!.state).toBe("payable");
    const [untouched] = await db().select({ state: declarations.state }).from(declarations).where(eq(declarations.id, submitted.id));
    expect(untouched!.state).toBe("submitted");
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, january!.id), eq(auditEvents.action, "npq_statement.payable")));
    expect(audit).toMatchObject({ actorLabel: "Daily statements job", actorUserId: null, organisationId: lp.org.id });

    // Idempotent: the same day again changes nothing.
    const rerun = await claimById("w", (await enqueue(db(), { kind: STATEMENTS_PAYABLE_JOB.kind, key: `test-${randomUUID()}`, runAt: now })).job.id, now);
    expect(await execute(STATEMENTS_PAYABLE_JOB, rerun!, "w", () => now)).toMatchObject({ result: { statements: 0, declarations: 0 } });
  });
});
