/** Shared by `npm start`, `npm run db:*` and the test runner: where local state lives and how the database is reached. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.resolve(ROOT, process.env.ATTAIN_DATA_DIR ?? ".data");
export const EMBEDDED_PG_DIR = path.join(DATA_DIR, "pg");

/** AUTH_SECRET from the environment, else generated once and kept in .data/auth-secret. */
export function resolveAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export type Database = { url: string; embedded: EmbeddedDatabase | null; stop: () => Promise<void> };

/** DATABASE_URL when set; otherwise the embedded PGlite database in .data/pg, served on a local socket. */
export async function openDatabase(options: { port?: number } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null, stop: async () => {} };
  const fresh = !fs.existsSync(path.join(EMBEDDED_PG_DIR, "PG_VERSION"));
  if (fresh) console.log(`Creating the embedded database in ${path.relative(ROOT, EMBEDDED_PG_DIR) || EMBEDDED_PG_DIR} (a few seconds, first run only)…`);
  const embedded = await startEmbeddedDatabase({ dataDir: EMBEDDED_PG_DIR, port: options.port });
  return { url: embedded.url, embedded, stop: embedded.stop };
}
