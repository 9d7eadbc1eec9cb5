import { londonToday } from "@/lib/calendar";
import { certificationErrorsCsv, parseCertificationErrorFilters } from "@/lib/certification";
import { route } from "@/lib/entry";
import { csvDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The EPAO's certification errors (same filters as the page) as CSV. */
export const GET = route({ problems: "text", signedOut: "Sign in to export the errors." }, async ({ actor, request }) => {
  const csv = await certificationErrorsCsv(actor, parseCertificationErrorFilters(request.nextUrl.searchParams));
  return csvDownload(csv, `certification-errors-${londonToday()}.csv`);
});
