/**
 * `npm test`: typecheck, lint, unit + integration tests (vitest, on TEST_DATABASE_URL/DATABASE_URL when set,
 * else embedded PGlite), production build, then Playwright end-to-end tests in Debian's Chromium against the
 * build on a free port with a fresh database. Prints one closing summary line; exits non-zero on any failure.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { ensureChromium } from "./ensure-chromium";
import { ROOT } from "./runtime";

const e2eOnly = process.argv.includes("--e2e-only");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const results: { step: string; ok: boolean; seconds: number; passed: number; failed: number; note?: string }[] = [];
const outDir = path.join(ROOT, "test-results");
fs.mkdirSync(outDir, { recursive: true });

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n━━ ${step} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env });
  const ok = result.status === 0;
  return { ok, seconds: (Date.now() - started) / 1000 };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A fresh database beside the given one on the same server, for the end-to-end run. */
async function createSiblingDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `attain_e2e_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    drop: async () => {
      const again = postgres(url, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await again.end();
    },
  };
}

if (!e2eOnly) {
  const tsc = run("Typecheck", bin("tsc"), ["--noEmit"]);
  results.push({ step: "typecheck", ...tsc, passed: tsc.ok ? 1 : 0, failed: tsc.ok ? 0 : 1 });

  const lint = run("Lint", bin("eslint"), ["--max-warnings=0", "."]);
  results.push({ step: "lint", ...lint, passed: lint.ok ? 1 : 0, failed: lint.ok ? 0 : 1 });

  const format = run("Formatting (Prettier)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
  results.push({ step: "format", ...format, passed: format.ok ? 1 : 0, failed: format.ok ? 0 : 1 });

  const vitestJson = path.join(outDir, "vitest.json");
  fs.rmSync(vitestJson, { force: true });
  const unit = run("Unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(vitestJson);
  const unitFailed = report ? report.numFailedTests : 1;
  results.push({
    step: "vitest",
    ...unit,
    ok: unit.ok && unitFailed === 0,
    passed: report?.numPassedTests ?? 0,
    failed: unit.ok ? unitFailed : Math.max(1, unitFailed),
  });
}

let buildOk = true;
if (process.env.ATTAIN_SKIP_BUILD !== "1") {
  const build = run("Production build", bin("next"), ["build"], { ...process.env, NODE_ENV: "production" });
  buildOk = build.ok;
  results.push({ step: "build", ...build, passed: build.ok ? 1 : 0, failed: build.ok ? 0 : 1 });
}

if (!buildOk) {
  results.push({ step: "e2e", ok: false, seconds: 0, passed: 0, failed: 1, note: "skipped: the build failed" });
} else if (!ensureChromium()) {
  results.push({ step: "e2e", ok: false, seconds: 0, passed: 0, failed: 1, note: "Chromium is missing" });
} else {
  const port = await freePort();
  const baseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const sibling = baseUrl ? await createSiblingDatabase(baseUrl) : null;
  const dataDir = path.join(outDir, `e2e-data-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const json = path.join(outDir, "playwright.json");
  fs.rmSync(json, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    E2E_PORT: String(port),
    E2E_DATA_DIR: dataDir,
    E2E_AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    ATTAIN_SKIP_BUILD: "1",
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  if (sibling) env.E2E_DATABASE_URL = sibling.url;
  console.log(`\nEnd-to-end database: ${sibling ? "a fresh Postgres database" : "a fresh embedded PGlite database"}; server on port ${port}.`);
  try {
    const e2e = run("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], env);
    const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(json);
    const failed = report ? report.stats.unexpected + report.stats.flaky : 1;
    results.push({
      step: "e2e",
      ...e2e,
      ok: e2e.ok && failed === 0,
      passed: report?.stats.expected ?? 0,
      failed: e2e.ok ? failed : Math.max(1, failed),
    });
  } finally {
    await sibling?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log("\n━━ Summary ━━");
for (const r of results) {
  console.log(
    `${r.ok ? "✔" : "✘"} ${r.step.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)}s${r.note ? `  (${r.note})` : ""}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\nSummary: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
