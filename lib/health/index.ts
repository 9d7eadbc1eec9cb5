import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";

export type Health = { ok: true; latencyMs: number } | { ok: false; error: string };

/** One round trip to the database, given up after 3 seconds: what GET /api/health reports. */
export async function databaseHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await Promise.race([
      db().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("Database did not answer within 3 seconds")), 3000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "unreachable" };
  }
}
