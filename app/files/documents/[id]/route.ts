import { readSharedDocument } from "@/lib/assessment";
import { route } from "@/lib/entry";
import { fileDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** A shared document, for the EPAO's users and assessors and its linked providers; 404 for anyone else. */
export const GET = route<{ id: string }>({ problems: "text", signedOut: "Sign in to open this document." }, async ({ actor, params }) =>
  fileDownload(await readSharedDocument(actor, params.id)),
);
