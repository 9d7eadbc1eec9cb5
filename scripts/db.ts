/** npm run db:migrate | db:seed | db:reset */
import fs from "node:fs";
import path from "node:path";
import { runMigrations } from "../lib/db/migrate";
import { createDb } from "../lib/db";
import { seed } from "../seeds/demo";
import { EMBEDDED_SIMULATOR_STATE } from "../lib/esfa/embedded";
import { DATA_DIR, EMBEDDED_PG_DIR, openDatabase } from "./runtime";

const command = process.argv[2];

if (command === "reset") {
  if (process.env.DATABASE_URL) {
    console.error("db:reset only recreates the embedded database. Unset DATABASE_URL, or drop and recreate your Postgres database yourself.");
    process.exit(1);
  }
  fs.rmSync(EMBEDDED_PG_DIR, { recursive: true, force: true });
  // The embedded ESFA simulator's certificates are of the records just removed: it starts afresh with the new ones.
  fs.rmSync(path.join(DATA_DIR, EMBEDDED_SIMULATOR_STATE), { recursive: true, force: true });
  console.log("Removed the embedded database and the ESFA simulator's certificates.");
}

const database = await openDatabase();
try {
  await runMigrations(database.url);
  console.log("Migrations applied.");
  if (command === "seed" || command === "reset") {
    const { db, client } = createDb(database.url, 1);
    try {
      const counts = await seed(db);
      console.log(`Demo data in place: ${counts.organisations} organisations, ${counts.users} users, ${counts.standards} standards.`);
    } finally {
      await client.end();
    }
  }
} finally {
  await database.stop();
}
