import { uploadGatewayEvidence } from "@/lib/assessment";
import { text, upload } from "@/lib/entry";

export const dynamic = "force-dynamic";

/** A provider uploads gateway evidence for one checklist item (multipart: checklistItemId, file…). */
export const POST = upload<{ apprenticeId: string }>(({ actor, form, files, params }) =>
  uploadGatewayEvidence(actor, { apprenticeId: params.apprenticeId, checklistItemId: text(form, "checklistItemId"), files }),
);
