"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import { ValidationError, type ActionResult } from "@/lib/errors";
import { createNpqApplication, importNpqApplicationsCsv, type IntakeProblem } from "./intake";

const MAX_CSV_CHARACTERS = 5_000_000;
const TOO_BIG = "The file must be 5 MB or smaller";

export async function createNpqApplicationAction(input: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return action({
    run: (actor) => createNpqApplication(actor, input),
    data: (application) => ({ id: application.id }),
    message: "The application has been loaded. The lead provider can now see it.",
    revalidate: ["/admin/npq"],
  });
}

export async function importNpqApplicationsAction(
  content: string,
): Promise<ActionResult<{ imported: number; skippedDuplicates: number; problems: IntakeProblem[] }>> {
  return action({
    run: (actor) => {
      if (content.length > MAX_CSV_CHARACTERS) throw new ValidationError({ file: TOO_BIG }, TOO_BIG);
      return importNpqApplicationsCsv(actor, content);
    },
    revalidate: ["/admin/npq"],
  });
}
