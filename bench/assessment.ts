import { sql } from "drizzle-orm";
import { LARGE_EPAO_ADMIN, LARGE_EPAO_CODE } from "../seeds/large";
import { confirmOverallGrades } from "../lib/assessment/grading";
import { assessorWorklist } from "../lib/assessment/queues";
import { loadActor } from "../lib/session/sign-in";
import { db, type Db } from "../lib/db";
import { measure, report, type Measurement } from "./harness";

/**
 * Issue #6 benchmarks on the 100,000-record set:
 *   1. confirming 1,000 provisional grades in one bulk action, against hand-written SQL doing the same writes;
 *   2. the assessor worklist (each view, 25 a page) against hand-written SQL for the same page and count.
 * 2,000 of the bench EPAO's assigned records are put in EPA with every component graded Pass (ready to confirm) and
 * 600 graded this month.
 */

export const BULK_CONFIRM_SIZE = 1000;

export async function prepareAssessment(database: Db) {
  await database.transaction(async (tx) => {
    // The large seed puts the bench EPAO's records in training or on a break: move 2,000 of its assigned records
    // into EPA and 600 to graded, so the worklist and the bulk confirm have assessment data to work on.
    await tx.execute(sql`
      with picked as (
        select r.id, row_number() over (order by r.id) as n
          from apprentices r join organisations o on o.id = r.epao_id
         where o.code = ${LARGE_EPAO_CODE} and r.assessor_id is not null and r.status = 'in_training'
         limit 2600)
      update apprentices r set status = case when p.n <= 2000 then 'epa' else 'graded' end
        from picked p where p.id = r.id`);
    await tx.execute(sql`
      insert into assessment_attempts (apprentice_id, number, kind, overall_grade, achievement_date, confirmed_at, version)
      select a.id, 1, 'first',
             case when a.status = 'epa' then null else 'Pass' end,
             case when a.status = 'epa' then null else current_date - 1 end,
             case when a.status = 'epa' then null else now() end,
             1
        from apprentices a join organisations o on o.id = a.epao_id
       where o.code = ${LARGE_EPAO_CODE} and a.status in ('epa', 'graded', 'certificated')
      on conflict do nothing`);
    await tx.execute(sql`
      insert into component_grades (attempt_id, component_id, grade, assessed_on, locked)
      select t.id, c.id, 'Pass', current_date - 2, t.overall_grade is not null
        from assessment_attempts t
        join apprentices a on a.id = t.apprentice_id
        join organisations o on o.id = a.epao_id
        join assessment_components c on c.standard_id = a.standard_id
       where o.code = ${LARGE_EPAO_CODE}
      on conflict do nothing`);
  });
  await database.execute(sql`analyze assessment_attempts`);
  await database.execute(sql`analyze component_grades`);
}

/** Puts the benchmark's 1,000 attempts back to provisional (outside the timed part). */
async function resetAttempts(ids: string[]) {
  await db().transaction(async (tx) => {
    const list = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    await tx.execute(
      sql`update assessment_attempts set overall_grade = null, achievement_date = null, confirmed_by = null, confirmed_at = null where id in (${list})`,
    );
    await tx.execute(sql`update component_grades set locked = false where attempt_id in (${list})`);
    await tx.execute(sql`update apprentices set status = 'epa' where id in (select apprentice_id from assessment_attempts where id in (${list}))`);
  });
}

function stats(name: string, times: number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { name, runs: times.length, p50: at(50), p95: at(95), mean: times.reduce((a, b) => a + b, 0) / times.length, min: sorted[0]! };
}

export async function benchBulkConfirm(runs = 7) {
  const [admin] = await db().execute<{ id: string }>(sql`select id from users where email = ${LARGE_EPAO_ADMIN}`);
  const actor = (await loadActor(admin!.id))!;
  const targets = await db().execute<{ id: string; apprentice_id: string }>(sql`
    select t.id, t.apprentice_id from assessment_attempts t join apprentices a on a.id = t.apprentice_id
     where a.epao_id = ${actor.organisationId} and a.status = 'epa' and t.overall_grade is null
     order by t.id limit ${BULK_CONFIRM_SIZE}`);
  if (targets.length < BULK_CONFIRM_SIZE) throw new Error(`Only ${targets.length} records are ready to confirm`);
  const ids = targets.map((t) => t.id);

  const service: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    await resetAttempts(ids);
    const versions = await db().execute<{ id: string; version: number }>(
      sql`select id, version from assessment_attempts where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    let started = performance.now();
    const results = await confirmOverallGrades(actor, { items: versions.map((v) => ({ attemptId: v.id, version: v.version })) });
    const elapsed = performance.now() - started;
    const ok = results.filter((r) => r.ok).length;
    if (ok !== BULK_CONFIRM_SIZE) throw new Error(`Bulk confirm confirmed ${ok} of ${BULK_CONFIRM_SIZE}: ${results.find((r) => !r.ok)?.problem}`);
    if (run > 0) service.push(elapsed);

    // The same writes by hand: lock, set the grade (every component Pass → Pass), lock the components, status, audit.
    await resetAttempts(ids);
    started = performance.now();
    await db().transaction(async (tx) => {
      const list = sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      await tx.execute(
        sql`select a.id from assessment_attempts t join apprentices a on a.id = t.apprentice_id where t.id in (${list}) order by a.id for update`,
      );
      await tx.execute(sql`select attempt_id, component_id, grade, assessed_on from component_grades where attempt_id in (${list})`);
      await tx.execute(
        sql`update assessment_attempts set overall_grade = 'Pass', achievement_date = current_date - 2, confirmed_by = ${actor.userId}, confirmed_at = now(), version = version + 1 where id in (${list})`,
      );
      await tx.execute(sql`update component_grades set locked = true where attempt_id in (${list})`);
      await tx.execute(
        sql`update apprentices set status = 'graded', version = version + 1, updated_at = now() where id in (select apprentice_id from assessment_attempts where id in (${list}))`,
      );
      await tx.execute(sql`
        insert into audit_events (organisation_id, actor_user_id, actor_organisation_id, actor_label, action, entity_type, entity_id, summary, after)
        select ${actor.organisationId}::uuid, ${actor.userId}::uuid, ${actor.organisationId}::uuid, 'bench', 'assessment.grade_confirmed', 'apprentice', apprentice_id::text, 'Confirmed Pass', '{"overallGrade":"Pass"}'::jsonb
          from assessment_attempts where id in (${list})`);
    });
    if (run > 0) baseline.push(performance.now() - started);
  }
  const base = stats("hand-written SQL, same writes", baseline);
  report(
    `Confirming ${BULK_CONFIRM_SIZE.toLocaleString("en-GB")} provisional grades in one bulk action (100,000 records)`,
    [stats(`confirmOverallGrades, ${BULK_CONFIRM_SIZE} records`, service)],
    base,
  );
}

export async function benchWorklist(runs: number, warmup: number) {
  // The bench assessor with the most records in EPA.
  const [row] = await db().execute<{ id: string }>(sql`
    select u.id from users u join apprentices a on a.assessor_id = u.id
     where u.role = 'assessor' and u.email like '%@bench-epao-01.example' and a.status = 'epa'
     group by u.id order by count(*) desc limit 1`);
  const actor = (await loadActor(row!.id))!;
  const now = new Date();
  const rows: Measurement[] = [];
  for (const view of ["assigned", "awaiting", "graded-this-month"] as const) {
    const page = view === "assigned" ? 10 : 1;
    rows.push(
      await measure(
        `assessorWorklist "${view}" page ${page}`,
        async () => {
          const result = await assessorWorklist(actor, { view, page, perPage: 25 }, now);
          if (result.rows.length === 0) throw new Error(`The ${view} view is empty`);
        },
        { runs, warmup },
      ),
    );
  }
  // Hand-written: the "assigned" page 10 with the names the screen shows, and its count.
  const baseline = await measure(
    "hand-written SQL (assigned page 10 + count)",
    async () => {
      await Promise.all([
        db().execute(sql`
        select a.id, a.uln, a.given_names, a.family_name, a.status, s.reference, s.title, p.name
          from apprentices a join standards s on s.id = a.standard_id join organisations p on p.id = a.provider_id
         where a.assessor_id = ${actor.userId} and a.epao_id = ${actor.organisationId} and a.status <> 'withdrawn'
         order by lower(a.family_name), a.id limit 25 offset 225`),
        db().execute(
          sql`select count(*)::int from apprentices where assessor_id = ${actor.userId} and epao_id = ${actor.organisationId} and status <> 'withdrawn'`,
        ),
      ]);
    },
    { runs, warmup },
  );
  const [counts] = await db().execute<{ assigned: number; epa: number }>(sql`
    select count(*) filter (where status <> 'withdrawn')::int as assigned, count(*) filter (where status = 'epa')::int as epa from apprentices where assessor_id = ${actor.userId}`);
  report(
    `Assessor worklist at 100,000 records (this assessor: ${counts!.assigned} assigned, ${counts!.epa} in EPA; the service also counts all three views and summarises each row's attempt)`,
    rows,
    baseline,
  );
}
