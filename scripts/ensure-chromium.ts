/** Makes sure Debian's Chromium is at /usr/bin/chromium (installs it with apt-get when running as root). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing: install Debian's chromium first (sudo apt-get install -y chromium), or set CHROMIUM_PATH.`);
    return false;
  }
  console.log("Installing Debian's chromium for the browser tests (about a minute)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env }) : update;
  if (install.status !== 0 || !fs.existsSync(CHROMIUM)) {
    console.error("Could not install chromium with apt-get; install it yourself: apt-get install -y chromium");
    return false;
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureChromium() ? 0 : 1);
