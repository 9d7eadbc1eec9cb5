import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./support/test";
import { EPAO_ADMIN } from "./pages/assessment";
import { LoginPage } from "./pages/login-page";
import { activateEsfaKey } from "./support/esfa-key";

/**
 * `npm start` on its embedded default (PGlite, the ESFA simulator), restarted on the same data directory: this spec
 * runs its own server (not the one playwright.config.ts starts), claims certificates, stops the server, starts it
 * again and claims more. The simulator must still know the first certificates and number the new ones after them:
 * before, it forgot them and issued 00000001 again, which the portal already held on another record, so every claim
 * after a restart was stuck in error ("ESFA's certificate … is already on another record in Attain").
 */

const ROOT = path.resolve(import.meta.dirname, "..");
type Portal = { url: string; child: ChildProcess; output: () => string };
type SimCertificate = { certificateReference: string; uln: number; status: string; epaoId: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startPortal(dataDir: string, port: number): Promise<Portal> {
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ATTAIN_SKIP_BUILD: "1",
    ATTAIN_DATA_DIR: dataDir,
    AUTH_SECRET: "esfa-restart-e2e-secret-not-for-production-0123456789",
    NEXTAUTH_URL: url,
  };
  // The embedded default: no Postgres, no real ESFA.
  for (const name of ["DATABASE_URL", "ESFA_API_URL", "ESFA_SIMULATOR_PORT", "ATTAIN_ESFA_SIMULATOR", "ATTAIN_ENCRYPTION_KEY"]) delete env[name];
  const lines: string[] = [];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
  const output = () => lines.join("");
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    // Ready when the portal answers and the embedded simulator has said where it is.
    if (healthy && /ESFA simulator on http/.test(output())) return { url, child, output };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopPortal({ url, child, output });
  throw new Error(`npm start did not become healthy in time:\n${output()}`);
}

/** Stops it as Ctrl+C would (SIGTERM to its process group: start.ts, next and the embedded database). */
async function stopPortal(portal: Portal) {
  if (portal.child.exitCode !== null || portal.child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => portal.child.once("exit", () => resolve()));
  process.kill(-portal.child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(-portal.child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 30_000);
  await exited;
  clearTimeout(timer);
  // Next's own server process may outlive start.ts by a moment: wait until the port is free again.
  for (let i = 0; i < 60; i++) {
    const answering = await fetch(`${portal.url}/api/health`).then(
      () => true,
      () => false,
    );
    if (!answering) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const simulatorOf = (dataDir: string) =>
  JSON.parse(fs.readFileSync(path.join(dataDir, "esfa-simulator.json"), "utf8")) as { url: string; keys: Record<string, string> };

async function certificates(page: Page, dataDir: string): Promise<SimCertificate[]> {
  const response = await page.request.get(`${simulatorOf(dataDir).url}/__control/certificates`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as SimCertificate[];
}

async function signIn(browser: Browser, portal: Portal) {
  const context = await browser.newContext({ baseURL: portal.url });
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await new LoginPage(page).signInAndLand(EPAO_ADMIN, "/epao");
  return { page, close: () => context.close() };
}

async function runClaimsNow(page: Page) {
  await page.goto("/epao/certification");
  await page.getByRole("button", { name: "Run claims now" }).click();
  await expect(page.getByRole("status").first()).toContainText(/claimed/);
}

async function expectNoReferenceClash(page: Page) {
  await page.goto("/epao/certification/errors");
  await expect(page.locator("main")).not.toContainText("already on another record");
}

test("after a restart of npm start, the embedded ESFA simulator still has its certificates and claims get new references", async ({ browser }) => {
  test.setTimeout(600_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attain-esfa-restart-"));
  const port = await freePort();
  let portal = await startPortal(dataDir, port);
  try {
    // 1. First run: the Northern admin activates the demo key, makes every grade due at once and claims.
    let admin = await signIn(browser, portal);
    const a = () => admin.page;
    await activateEsfaKey(a(), simulatorOf(dataDir).keys.EPA0001!, "EPA0001 (Northern Assessment Services)");
    const days = a().getByLabel("Days after the grade is confirmed");
    await days.nth(0).fill("0");
    await days.nth(1).fill("0");
    await a().getByRole("button", { name: "Save countdown" }).click();
    await expect(
      a()
        .getByRole("status")
        .filter({ hasText: /saved|updated/i })
        .first(),
    ).toBeVisible();
    await runClaimsNow(a());
    const before = await certificates(a(), dataDir);
    expect(before.length).toBeGreaterThan(0);
    await expectNoReferenceClash(a());
    await admin.close();

    // 2. Restart on the same data directory.
    await stopPortal(portal);
    portal = await startPortal(dataDir, port);
    admin = await signIn(browser, portal);
    const kept = await certificates(a(), dataDir);
    for (const cert of before)
      expect(kept.find((c) => c.certificateReference === cert.certificateReference)).toMatchObject({ uln: cert.uln, epaoId: "EPA0001" });

    // 3. Confirm the provisional grades waiting (Fail is never claimed) and claim them: new references only.
    await a().goto("/epao/assessment");
    const waiting = a()
      .getByRole("table")
      .filter({ has: a().getByRole("checkbox", { name: /^Select / }) });
    const rows = waiting
      .getByRole("row")
      .filter({ hasNot: a().getByText(/\bFail\b/) })
      .filter({ has: a().getByRole("checkbox") });
    const count = await rows.count();
    expect(count, "the demo data has provisional grades to confirm").toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await rows.nth(i).getByRole("checkbox").check();
    await a()
      .getByRole("button", { name: `Confirm ${count} selected` })
      .click();
    await expect(a().getByRole("status").first()).toContainText(/confirmed/);
    await runClaimsNow(a());

    const after = await certificates(a(), dataDir);
    const fresh = after.filter((c) => !before.some((b) => b.certificateReference === c.certificateReference));
    expect(fresh.length, "claims made after the restart").toBeGreaterThan(0);
    const highestBefore = Math.max(...before.map((c) => Number(c.certificateReference)));
    for (const cert of fresh) expect(Number(cert.certificateReference)).toBeGreaterThan(highestBefore);
    expect(new Set(after.map((c) => c.certificateReference)).size).toBe(after.length);
    await expectNoReferenceClash(a());
    // The portal's run history says the same: the run after the restart claimed them, with no error.
    await a().goto("/epao/certification");
    const latest = a().getByRole("table", { name: "Recent claims runs" }).getByRole("row").nth(1);
    await expect(latest.getByRole("cell").last()).toHaveText(new RegExp(`^${fresh.length} certificates? claimed`));
    await admin.close();
  } finally {
    await stopPortal(portal);
    if (!process.env.KEEP_E2E_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
