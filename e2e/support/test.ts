import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

/**
 * The `test` every spec imports (instead of @playwright/test's): the same API, plus
 *
 * - cspGuard: fails the test on any Content-Security-Policy violation in any page it opened, in the default context
 *   and in every context the test makes with `browser.newContext()` / `browser.newPage()`. A violation is caught twice
 *   over: the page's `securitypolicyviolation` event (reported through the console by an init script) and Chromium's
 *   own console error ("Refused to execute inline script because it violates the following Content Security Policy
 *   directive…").
 * - signOutLock: signing out ends the user's sessions on every device (the session version on the user), so a test
 *   that signs a shared demo user out would end another worker's session of that user mid-test. Tests tagged
 *   SIGNS_OUT run alone: they wait for running tests to finish and tests wait for them (a readers-writer lock in files
 *   shared by the run's workers). Tests that sign out a user they created themselves need no tag.
 */

export const SIGNS_OUT = "@signs-out-demo-user";

const MARKER = "[csp-violation]";

async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  context.on("console", (message) => {
    const text = message.text();
    if (text.startsWith(MARKER) || /Content Security Policy|Refused to (execute|load|apply|connect|frame|evaluate|create|run)/i.test(text)) {
      violations.push(`${message.location().url || "page"}: ${text}`);
    }
  });
  await context.addInitScript((marker: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `${marker} ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile || location.href}:${event.lineNumber}`,
      );
    });
  }, MARKER);
}

// ---- readers-writer lock across the run's workers (they are all children of the one runner process) ----

const LOCK_DIR = path.join(os.tmpdir(), `attain-e2e-signout-lock-${process.ppid}`);
const READERS = path.join(LOCK_DIR, "readers");
const WRITER = path.join(LOCK_DIR, "writer");
const WAITING = path.join(LOCK_DIR, "writer-waiting");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function createExclusive(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, "wx"));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function acquire(exclusive: boolean, id: string): Promise<() => void> {
  fs.mkdirSync(READERS, { recursive: true });
  if (exclusive) {
    // Announce first (new readers then wait), then wait for running readers to finish.
    while (!createExclusive(WAITING)) await sleep(100);
    while (fs.readdirSync(READERS).length > 0) await sleep(100);
    createExclusive(WRITER);
    fs.rmSync(WAITING, { force: true });
    return () => fs.rmSync(WRITER, { force: true });
  }
  const mine = path.join(READERS, id);
  for (;;) {
    if (!fs.existsSync(WAITING) && !fs.existsSync(WRITER)) {
      fs.writeFileSync(mine, "");
      // A writer may have announced itself meanwhile: it will wait for us only if it looks after we registered.
      if (!fs.existsSync(WAITING) && !fs.existsSync(WRITER)) return () => fs.rmSync(mine, { force: true });
      fs.rmSync(mine, { force: true });
    }
    await sleep(100);
  }
}

export const test = base.extend<{ signOutLock: void; cspGuard: void }>({
  signOutLock: [
    async ({}, run, testInfo) => {
      const started = Date.now();
      const release = await acquire(testInfo.tags.includes(SIGNS_OUT), `${process.pid}-${testInfo.testId}`);
      // Time spent waiting for the lock is not the test's own.
      testInfo.setTimeout(testInfo.timeout + (Date.now() - started));
      try {
        await run();
      } finally {
        release();
      }
    },
    { auto: true },
  ],
  cspGuard: [
    async ({ browser, context }, run) => {
      const violations: string[] = [];
      await watch(context, violations);
      const original = browser.newContext;
      const patched: Browser["newContext"] = async (...args) => {
        const created = await original.apply(browser, args);
        await watch(created, violations);
        return created;
      };
      browser.newContext = patched;
      try {
        await run();
      } finally {
        browser.newContext = original;
      }
      expect([...new Set(violations)], "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, BrowserContext, Download, Locator, Page } from "@playwright/test";
