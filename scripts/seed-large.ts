/** `npm run seed:large`: adds the 100,000-record benchmark data set to the database (embedded unless DATABASE_URL is set). */
import { createDb } from "../lib/db";
import { runMigrations } from "../lib/db/migrate";
import { seed } from "../seeds/demo";
import { seedLarge } from "../seeds/large";
import { openDatabase } from "./runtime";

const database = await openDatabase();
try {
  await runMigrations(database.url);
  const { db, client } = createDb(database.url, 1);
  try {
    await seed(db);
    const started = performance.now();
    const result = await seedLarge(db);
    console.log(
      result.created
        ? `Created ${result.apprentices.toLocaleString("en-GB")} benchmark apprentices in ${((performance.now() - started) / 1000).toFixed(1)} s.`
        : `The benchmark data set is already there (${result.apprentices.toLocaleString("en-GB")} apprentices).`,
    );
  } finally {
    await client.end();
  }
} finally {
  await database.stop();
}
