import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { loadReferenceData } from "@/lib/dfe/schedules";
import { DEMO_PASSWORD } from "./demo";

export const LARGE_NPQ = { participants: 100_000, spare: 5_000 } as const;
export const LARGE_NPQ_LP_CODE = "BENCHLP";
export const LARGE_NPQ_ADMIN = "admin@bench-lead-provider.example";

/**
 * The NPQ benchmark set: one lead provider with 100,000 participants on an accepted senior leadership course
 * (cohort 2024, npq-leadership-autumn), each with a started declaration and half with retained-1, plus 5,000
 * more accepted participants without declarations for the declaration-create benchmark. Generated in SQL.
 * Idempotent: nothing happens when the benchmark lead provider exists.
 */
export async function seedLargeNpq(db: Db): Promise<{ created: boolean }> {
  await loadReferenceData(db);
  const [exists] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from organisations where type = 'lead_provider' and code = ${LARGE_NPQ_LP_CODE}`,
  );
  if ((exists?.n ?? 0) > 0) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const total = LARGE_NPQ.participants + LARGE_NPQ.spare;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into organisations (type, name, code) values ('lead_provider', 'Bench Lead Provider', ${LARGE_NPQ_LP_CODE})`);
    await tx.execute(sql`
      insert into users (organisation_id, email, name, role, password_hash)
      select id, ${LARGE_NPQ_ADMIN}, 'Bench LP admin', 'lead_provider_admin', ${passwordHash} from organisations where code = ${LARGE_NPQ_LP_CODE}`);
    // Declarations from cohort 2024 carry a delivery partner from the lead provider's partnerships.
    await tx.execute(
      sql`insert into delivery_partners (id, name) values (md5('bench-delivery-partner')::uuid, 'Bench Delivery Partner') on conflict do nothing`,
    );
    await tx.execute(sql`
      insert into partnerships (delivery_partner_id, lead_provider_id, cohort)
      select md5('bench-delivery-partner')::uuid, id, 2024 from organisations where code = ${LARGE_NPQ_LP_CODE}`);
    await tx.execute(sql`
      insert into statements (lead_provider_id, cohort, year, month, deadline_date, payment_date, output_fee)
      select o.id, 2024, extract(year from m)::int, extract(month from m)::int, (m + interval '1 month - 1 day')::date, (m + interval '1 month 24 days')::date, true
      from organisations o, generate_series(date '2024-10-01', date '2026-12-01', interval '1 month') m where o.code = ${LARGE_NPQ_LP_CODE}`);
    await tx.execute(sql`
      insert into participants (id, full_name, email, trn, trn_validated, created_at, updated_at)
      select md5('bench-participant-' || g)::uuid, 'Bench Teacher ' || g, 'bench' || g || '@school.example', (3000000 + g)::text, true,
             timestamp '2024-09-01' + (g || ' seconds')::interval, timestamp '2024-09-01' + (g || ' seconds')::interval
      from generate_series(1, ${total}) g`);
    await tx.execute(sql`
      insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, cohort, status, eligible_for_funding, funded_place, headteacher_status,
                                    school_urn, works_in_school, schedule_id, training_status, accepted_at, created_at, updated_at)
      select md5('bench-application-' || g)::uuid, md5('bench-participant-' || g)::uuid, o.id, 'npq-senior-leadership', 2024, 'accepted', true, true, 'no',
             lpad((100000 + g % 20000)::text, 6, '0'), true, s.id, 'active',
             timestamp '2024-10-01' + (g || ' seconds')::interval, timestamp '2024-09-01' + (g || ' seconds')::interval, timestamp '2024-10-01' + (g || ' seconds')::interval
      from generate_series(1, ${total}) g, organisations o, schedules s
      where o.code = ${LARGE_NPQ_LP_CODE} and s.identifier = 'npq-leadership-autumn' and s.cohort = 2024`);
    await tx.execute(sql`
      with st as (select id from statements where lead_provider_id = (select id from organisations where code = ${LARGE_NPQ_LP_CODE}) and year = 2024 and month = 11)
      insert into declarations (participant_id, application_id, lead_provider_id, course_identifier, cohort, declaration_type, declaration_date, state, statement_id, created_at, updated_at)
      select md5('bench-participant-' || g)::uuid, md5('bench-application-' || g)::uuid, o.id, 'npq-senior-leadership', 2024, t.type,
             case t.type when 'started' then timestamp '2024-10-15' else timestamp '2025-01-20' end + ((g % 86400) || ' seconds')::interval,
             'eligible', st.id,
             timestamp '2024-11-01' + (g || ' seconds')::interval + case t.type when 'started' then interval '0' else interval '90 days' end,
             timestamp '2024-11-01' + (g || ' seconds')::interval + case t.type when 'started' then interval '0' else interval '90 days' end
      from generate_series(1, ${LARGE_NPQ.participants}) g
      cross join (values ('started'), ('retained-1')) t(type)
      cross join organisations o cross join st
      where o.code = ${LARGE_NPQ_LP_CODE} and (t.type = 'started' or g % 2 = 0)`);
  });
  await db.execute(sql`analyze participants`);
  await db.execute(sql`analyze npq_applications`);
  await db.execute(sql`analyze declarations`);
  return { created: true };
}
