import { templateCsv } from "@/lib/apprentices/bulk-upload";
import { can } from "@/lib/auth/policy";
import { getActor } from "@/lib/session";
import { csvDownload, textProblem } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** The CSV template for a bulk upload: the header row and one example row. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return textProblem(401, "Sign in to download the template.");
  if (!can(actor, "apprentices.manage")) return textProblem(403, "You do not have permission to upload apprentice records.");
  return csvDownload(templateCsv(), "apprentice-upload-template.csv");
}
