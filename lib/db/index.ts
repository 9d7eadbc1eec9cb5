import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool or an open transaction: services accept both so they compose inside one transaction. */
export type DbOrTx = Db | Tx;

type Holder = { db: Db; client: postgres.Sql; url: string };
const globalForDb = globalThis as unknown as { __attainDb?: Holder };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the portal with `npm start` (it provides the embedded database) or set DATABASE_URL to a Postgres database.",
    );
  }
  return url;
}

export function createDb(url: string, max = Number(process.env.DB_POOL_MAX ?? 10)) {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // Dates come back as JS Dates for timestamptz; keep `date` columns as strings (YYYY-MM-DD).
    types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
  });
  return { client, db: drizzle(client, { schema }) };
}

/** The process-wide pool (one per process, kept on globalThis so dev reloads don't leak connections). */
export function db(): Db {
  const url = databaseUrl();
  const existing = globalForDb.__attainDb;
  if (existing && existing.url === url) return existing.db;
  const created = createDb(url);
  globalForDb.__attainDb = { ...created, url };
  return created.db;
}

export async function closeDb() {
  const existing = globalForDb.__attainDb;
  globalForDb.__attainDb = undefined;
  await existing?.client.end({ timeout: 5 });
}

export { isUniqueViolation } from "./errors";
