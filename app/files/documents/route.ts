import { shareDocument } from "@/lib/assessment";
import { text, upload } from "@/lib/entry";

export const dynamic = "force-dynamic";

/** An EPAO user shares a document for a standard (multipart: standardId, title, description, file). */
export const POST = upload(({ actor, form, files }) =>
  shareDocument(actor, { standardId: text(form, "standardId"), title: text(form, "title"), description: text(form, "description") || undefined, files }),
);
