import { startEmbeddedDatabase, type EmbeddedDatabase } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";

let embedded: EmbeddedDatabase | null = null;

/**
 * Integration tests run against TEST_DATABASE_URL or DATABASE_URL when set (CI: a fresh database on the
 * machine's Postgres), otherwise against an in-memory PGlite served on a local socket. Either way the
 * committed migrations are applied first. Tests create their own organisations and users.
 */
export async function setup() {
  // API tokens are stored as digests keyed by AUTH_SECRET.
  process.env.AUTH_SECRET ??= "integration-tests-secret";
  // The API tests run as a sandbox: X-With-Server-Date is honoured (lib/api/http.ts serverDate).
  process.env.ATTAIN_ENVIRONMENT = "sandbox";
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    process.env.DATABASE_URL = url;
    process.env.ATTAIN_TEST_DATABASE = "postgres";
  } else {
    embedded = await startEmbeddedDatabase({ maxConnections: 4 });
    process.env.DATABASE_URL = embedded.url;
    process.env.DB_POOL_MAX = "1";
    process.env.ATTAIN_TEST_DATABASE = "pglite";
  }
  await runMigrations(process.env.DATABASE_URL!);
  console.log(
    `Integration tests use ${process.env.ATTAIN_TEST_DATABASE === "pglite" ? "embedded PGlite (in memory)" : "Postgres from TEST_DATABASE_URL/DATABASE_URL"}.`,
  );
}

export async function teardown() {
  await embedded?.stop();
}
