import { exportApprenticesCsv, parseListQuery } from "@/lib/apprentices/list";
import { londonToday } from "@/lib/calendar/london";
import { route } from "@/lib/entry/route";
import { csvDownload } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** The current filtered and sorted apprentice list as CSV (same filters as the screen, every page). */
export const GET = route(
  { problems: "text", signedOut: "Sign in to export records.", forbidden: "You do not have permission to export records." },
  async ({ actor, request }) => {
    const csv = await exportApprenticesCsv(actor, parseListQuery(request.nextUrl.searchParams));
    return csvDownload(csv, `apprentices-${londonToday()}.csv`);
  },
);
