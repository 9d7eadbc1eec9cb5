import { uploadGatewayEvidence } from "@/lib/assessment/gateway";
import { handleUpload, text } from "@/lib/http/uploads";

export const dynamic = "force-dynamic";

/** A provider uploads gateway evidence for one checklist item (multipart: checklistItemId, file…). */
export async function POST(request: Request, { params }: { params: Promise<{ apprenticeId: string }> }) {
  const { apprenticeId } = await params;
  return handleUpload(request, (actor, form, files) => uploadGatewayEvidence(actor, { apprenticeId, checklistItemId: text(form, "checklistItemId"), files }));
}
