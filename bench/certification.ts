import { sql } from "drizzle-orm";
import { esfaApiKeys } from "../db/schema";
import { LARGE_EPAO_CODE } from "../seeds/large";
import { seal } from "../lib/certification/crypto";
import { runClaims } from "../lib/certification/runner";
import { db, type Db } from "../lib/db";
import { createEsfaClient } from "../lib/esfa/client";
import { startEsfaSimulator, type EsfaRegisterLearner } from "../simulators/esfa";
import { enqueue } from "../lib/jobs/queue";

/**
 * Issue #7 benchmark: 5,000 certificates due at the bench EPAO, claimed by one run against the simulator over real
 * HTTP (pacing off: ESFA's real limit of 120 calls a minute would make any 5,000-claim run take about 45 minutes). It
 * reports the total time, the requests sent by endpoint (the runner checks each learner first, one GET each since ESFA
 * has no batch lookup, then creates and submits in batches of 25) and the runner's overhead over the time spent waiting
 * for HTTP answers.
 */

export const CLAIM_BENCH_SIZE = 5000;
const BENCH_KEY = "bench0000000000000000000000000001";

export async function prepareCertification(database: Db): Promise<void> {
  await database.transaction(async (tx) => {
    // 5,000 of the bench EPAO's unassigned records in training become graded (Pass, confirmed 60 days ago), with the
    // apprentice's permission, so every one of them is due.
    await tx.execute(sql`
      with picked as (
        select r.id from apprentices r join organisations o on o.id = r.epao_id
         where o.code = ${LARGE_EPAO_CODE} and r.assessor_id is null and r.status = 'in_training'
         order by r.id limit ${CLAIM_BENCH_SIZE})
      update apprentices r set status = 'graded', certificate_consent_at = now(),
             standard_option = (select s.options[1] from standards s where s.id = r.standard_id)
        from picked p where p.id = r.id`);
    await tx.execute(sql`
      insert into assessment_attempts (apprentice_id, number, kind, overall_grade, achievement_date, confirmed_at, version)
      select r.id, 1, 'first', 'Pass', current_date - 61, now() - interval '60 days', 2
        from apprentices r join organisations o on o.id = r.epao_id
       where o.code = ${LARGE_EPAO_CODE} and r.status = 'graded' and r.certificate_consent_at is not null
      on conflict do nothing`);
    await tx.execute(sql`
      insert into postal_contacts (epao_id, employer_name, contact_name, organisation, address_line1, city, postcode)
      select distinct on (lower(r.employer_name)) r.epao_id, r.employer_name, 'Training Manager', r.employer_name, '1 High Street', 'Leeds', 'LS1 4AP'
        from apprentices r join organisations o on o.id = r.epao_id
       where o.code = ${LARGE_EPAO_CODE}
      on conflict do nothing`);
    const [epao] = await tx.execute<{ id: string }>(sql`select id from organisations where code = ${LARGE_EPAO_CODE}`);
    await tx
      .insert(esfaApiKeys)
      .values({ epaoId: epao!.id, ...seal(BENCH_KEY), lastFour: BENCH_KEY.slice(-4), status: "active", validatedAt: new Date() })
      .onConflictDoNothing();
  });
}

export async function benchClaims() {
  const learners = await db().execute<{
    uln: string;
    family_name: string;
    given_names: string;
    lars_code: number;
    reference: string;
    versions: string[];
    options: string[];
    version: string;
  }>(sql`
    select r.uln, r.family_name, r.given_names, s.lars_code, s.reference, s.versions, s.options, r.standard_version as version
      from apprentices r join organisations o on o.id = r.epao_id join standards s on s.id = r.standard_id
     where o.code = ${LARGE_EPAO_CODE} and r.status = 'graded' and r.certificate_consent_at is not null`);
  const register: EsfaRegisterLearner[] = learners.map((l) => ({
    uln: l.uln,
    familyName: l.family_name,
    givenNames: l.given_names,
    standardCode: l.lars_code,
    standardReference: l.reference,
    versions: l.versions,
    version: l.version,
    options: l.options,
    epaoId: LARGE_EPAO_CODE,
  }));
  const simulator = await startEsfaSimulator({ register, keys: [{ key: BENCH_KEY, epaoId: LARGE_EPAO_CODE }], rateLimit: false });
  try {
    const [epao] = await db().execute<{ id: string }>(sql`select id from organisations where code = ${LARGE_EPAO_CODE}`);
    const { job } = await enqueue(db(), { kind: "esfa.claims", requestedBy: "benchmark", organisationId: epao!.id });
    let httpMs = 0;
    const started = performance.now();
    const result = await runClaims({
      epaoId: epao!.id,
      runId: job.id,
      clientFactory: ({ subscriptionKey, onCall }) =>
        createEsfaClient({
          baseUrl: simulator.url,
          subscriptionKey,
          pace: false,
          onCall: (call) => {
            httpMs += call.ms;
            onCall(call);
          },
        }),
    });
    const total = performance.now() - started;
    const counters = simulator.control.counters();
    const due = learners.length;
    console.log(`\nClaiming ${due.toLocaleString("en-GB")} due certificates against the ESFA simulator (one run, pacing off)`);
    console.log(`  outcome: ${result.outcome}: ${result.message}`);
    console.log(`  claimed ${result.claimed.toLocaleString("en-GB")}, created ${result.created.toLocaleString("en-GB")}, errors ${result.errors}`);
    console.log(`  total ${(total / 1000).toFixed(1)} s (${(total / due).toFixed(2)} ms a certificate)`);
    console.log(`  requests: ${counters.total.toLocaleString("en-GB")} in all`);
    for (const [endpoint, n] of Object.entries(counters.byEndpoint).sort()) console.log(`    ${endpoint.padEnd(60)} ${String(n).padStart(6)}`);
    const batches = Math.ceil(due / 25);
    console.log(
      `  batched minimum: ${due.toLocaleString("en-GB")} lookups + ${batches} creates + ${batches} submits = ${(due + 2 * batches).toLocaleString("en-GB")}`,
    );
    console.log(
      `  time waiting for HTTP answers (sum over calls): ${(httpMs / 1000).toFixed(1)} s; runner overhead ratio total / HTTP = ${(total / httpMs).toFixed(2)}×`,
    );
    console.log(`  at ESFA's real limit (120 calls a minute) these requests would take at least ${Math.ceil(counters.total / 120)} minutes`);
  } finally {
    await simulator.close();
  }
}
