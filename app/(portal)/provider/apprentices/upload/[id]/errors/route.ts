import { errorReportCsv } from "@/lib/apprentices/bulk-upload";
import { route } from "@/lib/entry/route";
import { csvDownload } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** Every problem found in an upload, with the row's original values, as CSV (the uploading provider only). */
export const GET = route<{ id: string }>({ problems: "text", signedOut: "Sign in to download the report." }, async ({ actor, params }) => {
  const report = await errorReportCsv(actor, params.id);
  return csvDownload(report.csv, report.filename);
});
