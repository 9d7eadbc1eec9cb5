import { sql } from "drizzle-orm";
import { LARGE_NPQ, LARGE_NPQ_ADMIN, seedLargeNpq } from "../seeds/large-npq";
import type { Db } from "../lib/db";
import { db } from "../lib/db";
import { loadActor } from "../lib/session/sign-in";
import { leadProviderActorFromUser } from "../lib/dfe/actor";
import { createApiToken } from "../lib/dfe/tokens";
import { listDeclarations } from "../lib/npq/declarations";
import { listParticipants } from "../lib/npq/participants";
import { measure, report, type Measurement } from "./harness";

export const UPDATED_SINCE = "2025-01-31T00:00:00Z";

export async function prepareNpq(database: Db) {
  const started = performance.now();
  await seedLargeNpq(database);
  console.log(`Prepared the NPQ data set (100,000 participants, 150,000 declarations) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

async function benchActor() {
  const [row] = await db().execute<{ id: string }>(sql`select id from users where email = ${LARGE_NPQ_ADMIN}`);
  return (await loadActor(row!.id))!;
}

/** The service against hand-written SQL returning the same rows, in-process. */
export async function benchNpqQueries(runs: number, warmup: number) {
  const user = await benchActor();
  const actor = leadProviderActorFromUser(user);
  const page = { page: 1, perPage: 3000, offset: 0 };

  const participantsBase = await measure(
    "raw SQL: 3,000 participants + enrolments",
    async () => {
      const rows = await db().execute<{ id: string }>(sql`
      select p.* from participants p
      where exists (select 1 from npq_applications a where a.participant_id = p.id and a.lead_provider_id = ${actor.leadProviderId} and a.status = 'accepted')
      order by p.created_at, p.id limit 3000`);
      await db().execute(sql`
      select a.*, s.identifier from npq_applications a left join schedules s on s.id = a.schedule_id
      where a.lead_provider_id = ${actor.leadProviderId} and a.status = 'accepted' and a.participant_id = any(${`{${rows.map((r) => r.id).join(",")}}`}::uuid[])`);
    },
    { runs, warmup },
  );
  const participantsService = await measure(
    "listParticipants (service), per_page 3000",
    async () => {
      const rows = await listParticipants(actor, { pagination: page });
      if (rows.length !== 3000) throw new Error(`expected 3000 participants, got ${rows.length}`);
    },
    { runs, warmup },
  );
  report("NPQ participants at 100,000 (page 1 of 3,000)", [participantsService], participantsBase);

  const since = new Date(UPDATED_SINCE);
  const declarationsBase = await measure(
    "raw SQL: 3,000 declarations updated since",
    async () => {
      await db().execute(sql`
      select d.*, o.name as lead_provider_name, dp.name as delivery_partner_name
      from declarations d join organisations o on o.id = d.lead_provider_id left join delivery_partners dp on dp.id = d.delivery_partner_id
      where d.lead_provider_id = ${actor.leadProviderId} and d.application_id is not null and d.updated_at >= ${since.toISOString()}::timestamptz
      order by d.created_at, d.id limit 3000`);
    },
    { runs, warmup },
  );
  const declarationsService = await measure(
    "listDeclarations (service), updated_since",
    async () => {
      const rows = await listDeclarations(actor, { pagination: page, updatedSince: since });
      if (rows.length !== 3000) throw new Error(`expected 3000 declarations, got ${rows.length}`);
    },
    { runs, warmup },
  );
  report(`NPQ declarations at 150,000, filter[updated_since]=${UPDATED_SINCE} (3,000 rows)`, [declarationsService], declarationsBase);
  return { participantsBase, declarationsBase };
}

/** A real API token for the benchmark lead provider (the server must use the same AUTH_SECRET). */
export async function benchToken(): Promise<string> {
  return (await createApiToken(await benchActor(), { description: `Benchmark ${Date.now()}` })).token;
}

/** Participant ids without declarations, for the create-throughput run. */
export async function spareParticipantIds(): Promise<string[]> {
  const rows = await db().execute<{ id: string }>(sql`
    select md5('bench-participant-' || g)::uuid::text as id from generate_series(${LARGE_NPQ.participants + 1}::int, ${LARGE_NPQ.participants + LARGE_NPQ.spare}::int) g`);
  return rows.map((r) => r.id);
}

/** Over HTTP against the running server: the two list endpoints and declaration create throughput. */
export async function benchNpqHttp(
  base: string,
  token: string,
  spare: string[],
  runs: number,
  warmup: number,
  baselines: { participantsBase: Measurement; declarationsBase: Measurement },
) {
  const headers = { Authorization: `Bearer ${token}`, "X-With-Server-Date": "2025-03-03T10:00:00Z" };
  const get = async (path: string) => {
    const r = await fetch(`${base}${path}`, { headers });
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
    await r.arrayBuffer();
  };
  const participants = await measure("GET /api/v3/participants/npq?page[per_page]=3000", () => get("/api/v3/participants/npq?page[per_page]=3000"), {
    runs,
    warmup,
  });
  report("NPQ participants endpoint over HTTP (ratio against the raw SQL above)", [participants], baselines.participantsBase);
  const declarations = await measure(
    "GET /api/v3/participant-declarations?filter[updated_since]",
    () => get(`/api/v3/participant-declarations?page[per_page]=3000&filter[updated_since]=${encodeURIComponent(UPDATED_SINCE)}`),
    { runs, warmup },
  );
  report("NPQ declarations endpoint over HTTP (ratio against the raw SQL above)", [declarations], baselines.declarationsBase);

  // Declaration create throughput: 8 clients in parallel, each posting started declarations for fresh participants.
  const total = Math.min(spare.length, Number(process.env.BENCH_DECLARATIONS ?? 2000));
  let next = 0;
  let failures = 0;
  let firstFailure = "";
  const [partner] = await db().execute<{ id: string }>(sql`select md5('bench-delivery-partner')::uuid::text as id`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < total) {
        const participantId = spare[next++]!;
        const r = await fetch(`${base}/api/v3/participant-declarations`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: JSON.stringify({
            data: {
              type: "participant-declaration",
              attributes: {
                participant_id: participantId,
                declaration_type: "started",
                declaration_date: "2025-01-10T09:00:00Z",
                course_identifier: "npq-senior-leadership",
                delivery_partner_id: partner!.id,
              },
            },
          }),
        });
        if (r.status !== 200) {
          failures++;
          firstFailure ||= `${r.status} ${(await r.text()).slice(0, 300)}`;
        } else await r.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nDeclaration create throughput: ${total} POST /api/v3/participant-declarations from 8 parallel clients in ${seconds.toFixed(1)} s = ${(total / seconds).toFixed(0)} requests/s (${failures} not 200${firstFailure ? `; first: ${firstFailure}` : ""}).`,
  );
  if (failures > 0) throw new Error("Declaration creates failed: the throughput figure is not valid");
}
