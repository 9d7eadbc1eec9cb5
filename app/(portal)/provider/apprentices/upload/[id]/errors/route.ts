import { errorReportCsv } from "@/lib/apprentices/bulk-upload";
import { getActor } from "@/lib/session";
import { csvDownload, serviceErrorStatus, textProblem } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** Every problem found in an upload, with the row's original values, as CSV (the uploading provider only). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return textProblem(401, "Sign in to download the report.");
  const { id } = await params;
  try {
    const report = await errorReportCsv(actor, id);
    return csvDownload(report.csv, report.filename);
  } catch (error) {
    const { status, message } = serviceErrorStatus(error);
    return textProblem(status, message);
  }
}
