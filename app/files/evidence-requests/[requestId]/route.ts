import { answerEvidenceRequest } from "@/lib/assessment";
import { text, upload } from "@/lib/entry";

export const dynamic = "force-dynamic";

/** A provider answers an evidence request (multipart: note, file…). */
export const POST = upload<{ requestId: string }>(({ actor, form, files, params }) =>
  answerEvidenceRequest(actor, { requestId: params.requestId, note: text(form, "note") || undefined, files }),
);
