import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against a production build served by
 * `scripts/start.ts` on a free port with a fresh database. `npm test` (scripts/test.ts) sets E2E_PORT and
 * the database; run alone, this config starts PGlite in a temporary directory.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      ATTAIN_SKIP_BUILD: process.env.ATTAIN_SKIP_BUILD ?? "0",
      ATTAIN_DATA_DIR: process.env.E2E_DATA_DIR ?? "test-results/e2e-data",
      AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
      NEXTAUTH_URL: baseURL,
      // A sandbox, whatever the database: the API honours X-With-Server-Date.
      ATTAIN_ENVIRONMENT: "sandbox",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
