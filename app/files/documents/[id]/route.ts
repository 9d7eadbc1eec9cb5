import { readSharedDocument } from "@/lib/assessment/documents";
import { getActor } from "@/lib/session";
import { fileDownload, serviceErrorStatus, textProblem } from "@/lib/http/routes";

export const dynamic = "force-dynamic";

/** A shared document, for the EPAO's users and assessors and its linked providers; 404 for anyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return textProblem(401, "Sign in to open this document.");
  try {
    return fileDownload(await readSharedDocument(actor, (await params).id));
  } catch (error) {
    const { status, message } = serviceErrorStatus(error);
    return textProblem(status, message);
  }
}
