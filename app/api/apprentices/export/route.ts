import { exportApprenticesCsv, parseListQuery } from "@/lib/apprentices";
import { londonToday } from "@/lib/calendar";
import { route } from "@/lib/entry";
import { csvDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The current filtered and sorted apprentice list as CSV (same filters as the screen, every page). */
export const GET = route(
  { problems: "text", signedOut: "Sign in to export records.", forbidden: "You do not have permission to export records." },
  async ({ actor, request }) => {
    const csv = await exportApprenticesCsv(actor, parseListQuery(request.nextUrl.searchParams));
    return csvDownload(csv, `apprentices-${londonToday()}.csv`);
  },
);
