import { databaseHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** App and database status for load balancers and monitoring. 200 when healthy, 503 when the database is unreachable. */
export async function GET() {
  const database = await databaseHealth();
  const time = new Date().toISOString();
  if (database.ok) {
    return Response.json(
      { status: "ok", app: { status: "ok" }, database: { status: "ok", latencyMs: database.latencyMs }, time },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { status: "error", app: { status: "ok" }, database: { status: "error", error: database.error }, time },
    { status: 503, headers: { "Cache-Control": "no-store" } },
  );
}
