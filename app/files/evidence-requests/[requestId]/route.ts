import { answerEvidenceRequest } from "@/lib/assessment/evidence-requests";
import { handleUpload, text } from "@/lib/http/uploads";

export const dynamic = "force-dynamic";

/** A provider answers an evidence request (multipart: note, file…). */
export async function POST(request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  return handleUpload(request, (actor, form, files) => answerEvidenceRequest(actor, { requestId, note: text(form, "note") || undefined, files }));
}
