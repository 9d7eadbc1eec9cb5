import { errorReportCsv } from "@/lib/apprentices";
import { route } from "@/lib/entry";
import { csvDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Every problem found in an upload, with the row's original values, as CSV (the uploading provider only). */
export const GET = route<{ id: string }>({ problems: "text", signedOut: "Sign in to download the report." }, async ({ actor, params }) => {
  const report = await errorReportCsv(actor, params.id);
  return csvDownload(report.csv, report.filename);
});
