import { sql } from "drizzle-orm";
import { LARGE_EPAO_ADMIN } from "../seeds/large";
import { parseListQuery, listApprentices } from "../lib/apprentices/list";
import { loadActor } from "../lib/session/sign-in";
import { db } from "../lib/db";
import { measure, report } from "./harness";

/** The EPAO list query of the issue: filter by standard and status, sort by family name, page 50 of 50-row pages. */
export async function listBenchTarget() {
  const [row] = await db().execute<{ user_id: string; standard_id: string }>(sql`
    select u.id as user_id, (select id from standards where reference = 'ST0070') as standard_id
    from users u where u.email = ${LARGE_EPAO_ADMIN}`);
  if (!row) throw new Error("Run the large seed first (npm run seed:large)");
  return { userId: row.user_id, standardId: row.standard_id, status: "in_training" as const, page: 50, perPage: 50 };
}

export async function benchListQuery(runs: number, warmup: number) {
  const target = await listBenchTarget();
  const actor = (await loadActor(target.userId))!;
  const query = parseListQuery({ standard: target.standardId, status: target.status, page: String(target.page), perPage: String(target.perPage) });
  const offset = (target.page - 1) * target.perPage;

  const service = await measure(
    "listApprentices (service, drizzle)",
    async () => {
      const result = await listApprentices(actor, query);
      if (result.rows.length !== target.perPage) throw new Error(`expected a full page, got ${result.rows.length}`);
    },
    { runs, warmup },
  );

  // The same two statements written by hand: the page (with the joins the screen shows) and the count.
  const baseline = await measure(
    "hand-written SQL, same indexes",
    async () => {
      await Promise.all([
        db().execute(sql`
        select a.id, a.uln, a.given_names, a.family_name, a.status, a.start_date, a.planned_end_date, a.updated_at, a.standard_version,
               s.reference, s.title, p.name as provider_name, e.name as epao_name, a.assessor_id, u.name as assessor_name
        from apprentices a
        join standards s on s.id = a.standard_id
        join organisations p on p.id = a.provider_id
        join organisations e on e.id = a.epao_id
        left join users u on u.id = a.assessor_id
        where a.epao_id = ${actor.organisationId} and a.standard_id = ${target.standardId} and a.status = ${target.status}
        order by lower(a.family_name), a.id
        limit ${target.perPage} offset ${offset}`),
        db().execute(
          sql`select count(*)::int from apprentices a where a.epao_id = ${actor.organisationId} and a.standard_id = ${target.standardId} and a.status = ${target.status}`,
        ),
      ]);
    },
    { runs, warmup },
  );

  report("EPAO list query at 100,000 records (ST0070, in training, by family name, page 50 of 50)", [service], baseline);
  return { service, baseline };
}
