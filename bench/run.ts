/**
 * `npm run bench`: starts the production build (building it if needed) on a free port with a fresh database
 * (embedded PGlite, or a sibling database on DATABASE_URL's server), signs in as each role over HTTP and
 * measures the signed-in render of each role's home page, against GET /api/health (one database round trip)
 * measured in the same run as the baseline.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DEMO_PASSWORD, demoSignIns } from "../db/seed";
import { homeFor } from "../lib/auth/policy";
import { ROLE_LABELS, type Role } from "../lib/auth/roles";
import { ROOT } from "../scripts/runtime";
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
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Could not sign in as ${email} (HTTP ${response.status})`);
  return session;
}

const port = await freePort();
const base = `http://localhost:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attain-bench-"));
let dropDatabase: (() => Promise<void>) | null = null;
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ATTAIN_DATA_DIR: dataDir, AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), NEXTAUTH_URL: base };
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (serverUrl) {
  const name = `attain_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists "${name}" with (force)`);
    await again.end();
  };
}

console.log(`Starting the production server on ${base} (${serverUrl ? "Postgres" : "embedded PGlite"})…`);
const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
try {
  await waitForHealth(base, child);
  const baseline = await measure("GET /api/health (baseline: 1 DB round trip)", async () => {
    const r = await fetch(`${base}/api/health`);
    await r.arrayBuffer();
  }, { warmup: WARMUP, runs: RUNS });

  const seen = new Set<Role>();
  const rows = [];
  for (const s of demoSignIns()) {
    if (seen.has(s.role)) continue;
    seen.add(s.role);
    const cookie = await signIn(base, s.email);
    const home = homeFor(s.role);
    rows.push(
      await measure(`${ROLE_LABELS[s.role]} home ${home}`, async () => {
        const r = await fetch(`${base}${home}`, { headers: { cookie }, redirect: "manual" });
        if (r.status !== 200) throw new Error(`${home} answered ${r.status}`);
        await r.arrayBuffer();
      }, { warmup: WARMUP, runs: RUNS }),
    );
  }
  report(`Signed-in render of each role's home page (${RUNS} runs after ${WARMUP} warm-up, sequential, ${serverUrl ? "Postgres" : "embedded PGlite"})`, rows, baseline);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
