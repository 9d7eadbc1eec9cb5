import { readEvidenceFile } from "@/lib/assessment/gateway";
import { getActor } from "@/lib/session";
import { fileDownload, serviceErrorStatus, textProblem } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** A gateway or evidence-request file, for the provider, its EPAO and the assigned assessor; 404 for anyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return textProblem(401, "Sign in to open this file.");
  try {
    return fileDownload(await readEvidenceFile(actor, (await params).id));
  } catch (error) {
    const { status, message } = serviceErrorStatus(error);
    return textProblem(status, message);
  }
}
