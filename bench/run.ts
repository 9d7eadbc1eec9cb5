/**
 * `npm run bench`: prepares a fresh database (embedded PGlite in a temporary directory, or a new database beside
 * DATABASE_URL) with the demo data and the 100,000-record benchmark set, then
 *   1. the EPAO list query through the service against hand-written SQL on the same indexes,
 *   2. bulk upload of 10,000 rows against a plain multi-row INSERT,
 *   3. the assessor worklist and confirming 1,000 grades in one bulk action (issue #6), claiming 5,000 certificates
 *      against the ESFA simulator (issue #7),
 *   4. over HTTP against the production build: each role's home page, the EPAO list page, the worklist and queues,
 *      against GET /api/health (one database round trip) as the baseline.
 * Every figure is p50/p95 over repeated runs after a warm-up, with ratios against a baseline measured in the same run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DEMO_PASSWORD, demoSignIns, seed } from "../seeds/demo";
import { LARGE_EPAO_ADMIN, seedLarge } from "../seeds/large";
import { homeFor } from "../lib/auth/policy";
import { ROLE_LABELS, type Role } from "../lib/domain";
import { closeDb, createDb } from "../lib/db";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { runMigrations } from "../lib/db/migrate";
import { ROOT } from "../scripts/runtime";
import { benchBulkConfirm, benchWorklist, prepareAssessment } from "./assessment";
import { benchBulkUpload } from "./bulk-upload";
import { benchClaims, prepareCertification } from "./certification";
import { benchListQuery, listBenchTarget } from "./apprentice-list";
import { benchNpqHttp, benchNpqQueries, benchToken, prepareNpq, spareParticipantIds } from "./npq";
import { measure, report } from "./harness";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not become healthy within 5 minutes");
}

/** next-auth credentials sign-in over plain HTTP; returns the session cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Could not sign in as ${email} (HTTP ${response.status})`);
  return session;
}

async function get(base: string, pathname: string, cookie?: string) {
  const r = await fetch(`${base}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (r.status !== 200) throw new Error(`${pathname} answered ${r.status}`);
  await r.arrayBuffer();
}

const port = await freePort();
const base = `http://localhost:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attain-bench-"));
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | null = null;
if (serverUrl) {
  const name = `attain_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists "${name}" with (force)`);
    await again.end();
  };
}
const engine = serverUrl ? "Postgres" : "embedded PGlite";
console.log(`Benchmarks on ${engine}; ${RUNS} runs after ${WARMUP} warm-up each, run one at a time.`);

let child: ChildProcess | null = null;
try {
  // 1–2. In-process: prepare the data, then the query and bulk-upload benchmarks.
  // Signs API tokens and encrypts the bench EPAO's ESFA key, so it is set before any data is prepared.
  const authSecret = crypto.randomBytes(32).toString("base64url");
  process.env.AUTH_SECRET = authSecret;
  const embedded = databaseUrl ? null : await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pg") });
  const url = databaseUrl ?? embedded!.url;
  process.env.DATABASE_URL = url;
  if (embedded) process.env.DB_POOL_MAX = "1";
  await runMigrations(url);
  {
    const { db, client } = createDb(url, 1);
    await seed(db);
    const started = performance.now();
    await seedLarge(db);
    console.log(`Prepared the 100,000-record data set in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    await prepareNpq(db);
    await prepareAssessment(db);
    await prepareCertification(db);
    await client.end();
  }
  await benchListQuery(RUNS, WARMUP);
  const target = await listBenchTarget();
  await benchBulkUpload();
  await benchWorklist(RUNS, WARMUP);
  await benchBulkConfirm();
  await benchClaims();
  const npqBaselines = await benchNpqQueries(RUNS, WARMUP);
  const npqToken = await benchToken();
  const spare = await spareParticipantIds();
  await closeDb();
  await embedded?.stop();

  // 3. Over HTTP against the production server.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ATTAIN_DATA_DIR: dataDir,
    AUTH_SECRET: authSecret,
    NEXTAUTH_URL: base,
    API_RATE_LIMIT: "1000000",
    ATTAIN_JOBS: "off",
    ATTAIN_ESFA_SIMULATOR: "off",
    ATTAIN_ENVIRONMENT: "sandbox",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  delete env.DB_POOL_MAX;
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForHealth(base, child);
  const baseline = await measure("GET /api/health (baseline: 1 DB round trip)", () => get(base, "/api/health"), { warmup: WARMUP, runs: RUNS });
  const seen = new Set<Role>();
  const rows = [];
  for (const s of demoSignIns()) {
    if (seen.has(s.role)) continue;
    seen.add(s.role);
    const cookie = await signIn(base, s.email);
    const home = homeFor(s.role);
    rows.push(await measure(`${ROLE_LABELS[s.role]} home ${home}`, () => get(base, home, cookie), { warmup: WARMUP, runs: RUNS }));
  }
  report(`Signed-in render of each role's home page (${engine})`, rows, baseline);

  const cookie = await signIn(base, LARGE_EPAO_ADMIN);
  const listPath = `/epao/apprentices?standard=${target.standardId}&status=${target.status}&page=${target.page}`;
  const page = await measure("EPAO list page, 100k records, page 50", () => get(base, listPath, cookie), { warmup: WARMUP, runs: RUNS });
  const home = await measure("EPAO dashboard, 100k records", () => get(base, "/epao", cookie), { warmup: WARMUP, runs: RUNS });
  const assessorCookie = await signIn(base, "assessor1@bench-epao-01.example");
  const worklist = await measure("Assessor worklist page, all assigned, page 10", () => get(base, "/assessor?view=assigned&page=10", assessorCookie), {
    warmup: WARMUP,
    runs: RUNS,
  });
  const queues = await measure("EPAO assessment queues, bench EPAO", () => get(base, "/epao/assessment", cookie), { warmup: WARMUP, runs: RUNS });
  report(`Rendered pages at 100,000 records (${engine}; target: list page p95 under 300 ms)`, [page, home, worklist, queues], baseline);

  await benchNpqHttp(base, npqToken, spare, Math.min(RUNS, 50), Math.min(WARMUP, 5), npqBaselines);
} finally {
  if (child) {
    child.kill("SIGTERM");
    await new Promise((r) => child!.once("exit", r));
  }
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
