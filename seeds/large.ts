import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "./demo";

export const LARGE = { apprentices: 100_000, epaos: 20, providers: 200, assessors: 10 } as const;
/** The busiest benchmark EPAO's admin (signs in with the demo password). */
export const LARGE_EPAO_ADMIN = "admin@bench-epao-01.example";
export const LARGE_EPAO_CODE = "EPA9001";

/**
 * The benchmark data set: 100,000 apprentices across 20 EPAOs and 200 training providers, generated in SQL
 * (generate_series) so it loads in seconds. Skewed like the real market: the first EPAO holds about a third
 * of all records, ST0070 is the most common standard and most records are in training. Idempotent: does
 * nothing when the benchmark EPAOs already exist. Needs the demo seed (standards) first.
 */
export async function seedLarge(db: Db): Promise<{ created: boolean; apprentices: number }> {
  const [existing] = await db.execute<{ n: number }>(sql`select count(*)::int as n from organisations where type = 'epao' and code = ${LARGE_EPAO_CODE}`);
  if ((existing?.n ?? 0) > 0) {
    const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n from apprentices where uln like '5%'`);
    return { created: false, apprentices: count?.n ?? 0 };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into organisations (type, name, code)
      select 'epao', 'Bench EPAO ' || lpad(i::text, 2, '0'), 'EPA' || (9000 + i)::text from generate_series(1, ${LARGE.epaos}) i`);
    await tx.execute(sql`
      insert into organisations (type, name, code)
      select 'training_provider', 'Bench Provider ' || lpad(i::text, 3, '0'), (19000000 + i)::text from generate_series(1, ${LARGE.providers}) i`);
    await tx.execute(sql`
      insert into users (organisation_id, email, name, role, password_hash)
      select o.id, 'admin@bench-epao-' || lpad((o.code::text)::int::text, 2, '0') || '.example', 'Bench admin', 'epao_admin', ${passwordHash}
      from (select id, (substr(code, 4)::int - 9000) as code from organisations where type = 'epao' and code like 'EPA90%') o`);
    await tx.execute(sql`
      insert into users (organisation_id, email, name, role, password_hash)
      select o.id, 'assessor' || a || '@bench-epao-01.example', 'Bench Assessor ' || a, 'assessor', ${passwordHash}
      from organisations o, generate_series(1, ${LARGE.assessors}) a where o.code = ${LARGE_EPAO_CODE}`);
    await tx.execute(sql`
      insert into epao_standards (epao_id, standard_id)
      select o.id, s.id from organisations o cross join standards s where o.code like 'EPA90%' and o.type = 'epao' on conflict do nothing`);
    // Each provider is linked with EPAO 01 and with its "home" EPAO, for every standard.
    await tx.execute(sql`
      with p as (select id, (code::int - 19000000) as i from organisations where type = 'training_provider' and code like '190%'),
           e as (select id, (substr(code, 4)::int - 9000) as i from organisations where type = 'epao' and code like 'EPA90%'),
           pairs as (
             select p.id as provider_id, e.id as epao_id from p join e on e.i = 1
             union select p.id, e.id from p join e on e.i = 2 + ((p.i - 1) % 19)
           ),
           links as (insert into provider_links (provider_id, epao_id, status, responded_at) select provider_id, epao_id, 'active', now() from pairs returning id)
      insert into provider_link_standards (link_id, standard_id) select l.id, s.id from links l cross join standards s`);
    await tx.execute(sql`
      with s as (select array_agg(id order by (reference = 'ST0070') desc, reference) as ids, array_agg(versions[1] order by (reference = 'ST0070') desc, reference) as versions, count(*)::int as n from standards),
           e as (select array_agg(id order by code) as ids from organisations where type = 'epao' and code like 'EPA90%'),
           p as (select array_agg(id order by code) as ids from organisations where type = 'training_provider' and code like '190%'),
           a as (select array_agg(u.id order by u.email) as ids from users u join organisations o on o.id = u.organisation_id where o.code = ${LARGE_EPAO_CODE} and u.role = 'assessor'),
           names as (select array['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Robinson','Wright','Thompson','Evans','Walker','White','Roberts','Green','Hall','Thomas','Clarke','Jackson','Wood','Harris','Edwards','Turner','Martin','Cooper','Hill','Ward','Hughes','Moore','Clark','King','Harrison','Lewis','Baker','Lee','Allen','Morris','Khan','Scott','Watson','Davis','Parker','James','Bennett','Young','Phillips','Richardson','Mitchell','Bailey','Carter','Cook','Singh','Shaw','Bell','Collins','Morgan','Kelly','Begum','Miller','Cox','Hussain','Marshall','Simpson','Price','Anderson','Adams','Wilkinson','Ali','Ahmed','Foster','Ellis','Murphy','Chapman','Mason','Gray','Richards','Webb','Griffiths','Hunt','Palmer','Campbell','Holmes','Mills','Rogers','Barnes','Knight','Matthews','Barker','Powell','Stevens','Kaur','Fisher','Butler','Dixon','Russell','Harvey','Pearson','Graham'] as family,
                            array['Oliver','Amelia','George','Isla','Noah','Ava','Arthur','Mia','Leo','Ivy','Harry','Lily','Oscar','Freya','Muhammad','Grace','Theo','Sophia','Jack','Florence'] as given),
           g as (select x, (x % 10) as bucket, (x % 20) as st from generate_series(1, ${LARGE.apprentices}) x)
      insert into apprentices (uln, given_names, family_name, date_of_birth, employer_name, employer_postcode, standard_id, standard_version, start_date, planned_end_date,
                               provider_id, epao_id, assessor_id, status, status_before_break, break_start_date, break_expected_return_date, withdrawn_date, withdrawal_reason)
      select (5000000000 + g.x)::text,
             names.given[1 + (g.x * 13) % 20],
             names.family[1 + ((g.x * 7919) % 100)],
             (date '1990-01-01' + ((g.x * 37) % 6000))::date,
             'Employer ' || (g.x % 3000),
             'LS1 4AP',
             s.ids[case when g.x % 5 < 2 then 1 else 1 + (g.x % s.n) end],
             s.versions[case when g.x % 5 < 2 then 1 else 1 + (g.x % s.n) end],
             (date '2023-01-01' + (g.x % 1000))::date,
             (date '2023-01-01' + (g.x % 1000) + 540)::date,
             case when g.bucket < 3 then p.ids[1 + (g.x % 200)] else p.ids[1 + (g.x % 19) + 19 * ((g.x / 19) % 10)] end,
             case when g.bucket < 3 then e.ids[1] else e.ids[2 + (g.x % 19)] end,
             case when g.bucket < 3 and g.x % 3 = 0 and g.st not in (18, 19) then a.ids[1 + (g.x % 10)] end,
             case when g.st < 12 then 'in_training' when g.st < 14 then 'on_break' when g.st = 14 then 'gateway' when g.st = 15 then 'epa' when g.st = 16 then 'graded' when g.st = 17 then 'certificated' else 'withdrawn' end,
             case when g.st in (12, 13) then 'in_training' end,
             case when g.st in (12, 13) then date '2026-06-01' end,
             case when g.st in (12, 13) then date '2026-12-01' end,
             case when g.st >= 18 then date '2026-03-31' end,
             case when g.st >= 18 then 'Left the employer' end
      from g, s, e, p, a, names`);
  });
  await db.execute(sql`analyze apprentices`);
  return { created: true, apprentices: LARGE.apprentices };
}
