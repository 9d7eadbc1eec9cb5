import type { NextRequest } from "next/server";
import { getActor } from "@/lib/session";
import { certificationErrorsCsv, parseCertificationErrorFilters } from "@/lib/certification/queries";
import { csvDownload, serviceErrorStatus, textProblem } from "@/lib/http/routes";
import { londonToday } from "@/lib/calendar/london";

export const dynamic = "force-dynamic";

/** The EPAO's certification errors (same filters as the page) as CSV. */
export async function GET(request: NextRequest) {
  const actor = await getActor();
  if (!actor) return textProblem(401, "Sign in to export the errors.");
  try {
    const csv = await certificationErrorsCsv(actor, parseCertificationErrorFilters(request.nextUrl.searchParams));
    return csvDownload(csv, `certification-errors-${londonToday()}.csv`);
  } catch (error) {
    const { status, message } = serviceErrorStatus(error);
    return textProblem(status, message);
  }
}
