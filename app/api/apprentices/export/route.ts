import type { NextRequest } from "next/server";
import { getActor } from "@/lib/session";
import { exportApprenticesCsv, parseListQuery } from "@/lib/apprentices/list";
import { ForbiddenError } from "@/lib/errors";
import { londonToday } from "@/lib/calendar/london";

export const dynamic = "force-dynamic";

/** The current filtered and sorted apprentice list as CSV (same filters as the screen, every page). */
export async function GET(request: NextRequest) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to export records.", { status: 401 });
  const query = parseListQuery(request.nextUrl.searchParams);
  try {
    const csv = await exportApprenticesCsv(actor, query);
    const date = londonToday();
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="apprentices-${date}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("You do not have permission to export records.", { status: 403 });
    throw error;
  }
}
