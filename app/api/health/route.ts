import { sql } from "drizzle-orm";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** App and database status for load balancers and monitoring. 200 when healthy, 503 when the database is unreachable. */
export async function GET() {
  const started = performance.now();
  try {
    await Promise.race([
      db().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("Database did not answer within 3 seconds")), 3000)),
    ]);
    return Response.json(
      { status: "ok", app: { status: "ok" }, database: { status: "ok", latencyMs: Math.round(performance.now() - started) }, time: new Date().toISOString() },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return Response.json(
      {
        status: "error",
        app: { status: "ok" },
        database: { status: "error", error: error instanceof Error ? error.message : "unreachable" },
        time: new Date().toISOString(),
      },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
