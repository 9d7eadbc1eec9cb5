import { shareDocument } from "@/lib/assessment/documents";
import { handleUpload, text } from "@/lib/http/uploads";

export const dynamic = "force-dynamic";

/** An EPAO user shares a document for a standard (multipart: standardId, title, description, file). */
export async function POST(request: Request) {
  return handleUpload(request, (actor, form, files) =>
    shareDocument(actor, { standardId: text(form, "standardId"), title: text(form, "title"), description: text(form, "description") || undefined, files }),
  );
}
