import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seed } from "@/seeds/demo";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { createDb } from "@/lib/db";

/**
 * The embedded path (what `npm start` uses without DATABASE_URL) is exercised here on every run, whichever
 * database the rest of the suite uses: same migrations, same seed, same queries through postgres-js.
 */
describe("embedded PGlite database", () => {
  it("migrates, seeds, enforces constraints and answers queries over the socket", async () => {
    const embedded = await startEmbeddedDatabase();
    const { db, client } = createDb(embedded.url, 1);
    try {
      await runMigrations(embedded.url);
      await runMigrations(embedded.url); // idempotent
      const counts = await seed(db);
      expect(counts).toMatchObject({ organisations: 8, users: 17 });
      expect(counts.standards).toBeGreaterThanOrEqual(8);
      await expect(db.execute(sql`insert into organisations (type, name, code) values ('epao', 'Bad', 'XYZ')`)).rejects.toMatchObject({
        cause: { constraint_name: "organisations_code_check" },
      });
      const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from users where role = 'assessor'`);
      expect(row!.n).toBe(2);
    } finally {
      await client.end();
      await embedded.stop();
    }
  });
});
