/**
 * `npm start`: build if needed, open the database (embedded PGlite in .data/ unless DATABASE_URL is set),
 * apply migrations, seed an empty database, then serve the portal (default http://localhost:3000; the embedded demo
 * listens on 127.0.0.1 only unless HOST is set).
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/db";
import { runMigrations } from "../lib/db/migrate";
import { demoEsfaKey } from "../lib/esfa/demo-keys";
import { ROLE_LABELS } from "../lib/domain";
import { DEMO_PASSWORD, demoSignIns, isEmpty, seed } from "../seeds/demo";
import { demoEnvironment } from "./environment";
import { ROOT, openDatabase, resolveAuthSecret } from "./runtime";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

if (process.env.DATABASE_URL && !process.env.AUTH_SECRET) {
  console.error(
    "Refusing to start: DATABASE_URL is set but AUTH_SECRET is not.\n" +
      "A deployment on its own Postgres must set AUTH_SECRET to a long random value (for example: `openssl rand -base64 48`),\n" +
      "so that sessions survive restarts and are shared by every instance.",
  );
  process.exit(1);
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "db", "public", "types"].map((d) => newestMtime(path.join(ROOT, d)));
  const files = ["next.config.mjs", "package.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts"].map((f) =>
    fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).mtimeMs : 0,
  );
  return Math.max(...sources, ...files) > built;
}

if (!dev && process.env.ATTAIN_SKIP_BUILD !== "1" && buildIsStale()) {
  console.log("Building the portal (first run or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    console.error("The build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}

const authSecret = resolveAuthSecret();
const database = await openDatabase();
await runMigrations(database.url);
{
  const { db, client } = createDb(database.url, 1);
  try {
    if (await isEmpty(db)) {
      const counts = await seed(db);
      console.log(`Seeded demo data: ${counts.organisations} organisations, ${counts.users} users, ${counts.standards} standards.`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Where to listen. The embedded demo (no DATABASE_URL) has published passwords, so by default it listens on the
 * loopback interface only; HOST changes that (HOST=0.0.0.0 for every interface). A deployment on its own Postgres
 * listens where HOST says, or on every interface (Next's default) without it.
 */
const host = process.env.HOST?.trim() || (process.env.DATABASE_URL ? undefined : "127.0.0.1");
const loopbackOrAny = !host || ["127.0.0.1", "::1", "localhost", "0.0.0.0", "::"].includes(host);
// localhost reaches a server on 127.0.0.1 even where it resolves to ::1 first: browsers, curl and Node's fetch try
// each address in turn.
const url = `http://${loopbackOrAny ? "localhost" : host.includes(":") ? `[${host}]` : host}:${port}`;
const nextArgs = [nextBin, dev ? "dev" : "start", "-p", String(port), ...(host ? ["-H", host] : [])];
const child = spawn(process.execPath, nextArgs, {
  cwd: ROOT,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
    // The embedded database is a single PGlite session: one connection, queries pipelined in order.
    DB_POOL_MAX: database.embedded ? "1" : (process.env.DB_POOL_MAX ?? "10"),
    ATTAIN_EMBEDDED_DB: database.embedded ? "1" : "",
    ...demoEnvironment(database.embedded !== null),
  },
});

console.log(`\nAttain is starting on ${url} (${database.embedded ? "embedded database in .data/" : "Postgres from DATABASE_URL"}).`);
if (host === "127.0.0.1" && !process.env.HOST)
  console.log("Listening on 127.0.0.1 only (the demo's passwords are published); set HOST=0.0.0.0 to serve other machines.");
console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
for (const s of demoSignIns()) console.log(`  ${ROLE_LABELS[s.role].padEnd(20)} ${s.email.padEnd(40)} ${s.organisation}`);
if (!process.env.ESFA_API_URL) {
  console.log("ESFA certificate API: the local simulator (set ESFA_API_URL for the real service). Demo subscription keys:");
  for (const code of ["EPA0001", "EPA0002"]) console.log(`  ${code}  ${demoEsfaKey(code)}`);
}
console.log("");

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) child.kill("SIGTERM");
  await database.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));
