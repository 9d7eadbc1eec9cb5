import { readEvidenceFile } from "@/lib/assessment";
import { route } from "@/lib/entry";
import { fileDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** A gateway or evidence-request file, for the provider, its EPAO and the assigned assessor; 404 for anyone else. */
export const GET = route<{ id: string }>({ problems: "text", signedOut: "Sign in to open this file." }, async ({ actor, params }) =>
  fileDownload(await readEvidenceFile(actor, params.id)),
);
