import { templateCsv } from "@/lib/apprentices";
import { can } from "@/lib/auth";
import { route } from "@/lib/entry";
import { ForbiddenError } from "@/lib/errors";
import { csvDownload } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The CSV template for a bulk upload: the header row and one example row. */
export const GET = route({ problems: "text", signedOut: "Sign in to download the template." }, async ({ actor }) => {
  if (!can(actor, "apprentices.manage")) throw new ForbiddenError("You do not have permission to upload apprentice records.");
  return csvDownload(templateCsv(), "apprentice-upload-template.csv");
});
