"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { createNpqApplication, importNpqApplicationsCsv, type IntakeProblem } from "./intake";

export async function createNpqApplicationAction(input: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  try {
    const application = await createNpqApplication(actor, input);
    revalidatePath("/admin/npq");
    return { ok: true, data: { id: application.id }, message: "The application has been loaded. The lead provider can now see it." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function importNpqApplicationsAction(
  content: string,
): Promise<ActionResult<{ imported: number; skippedDuplicates: number; problems: IntakeProblem[] }>> {
  const actor = await requireActor();
  try {
    if (content.length > 5_000_000)
      return { ok: false, status: 422, message: "The file must be 5 MB or smaller", fieldErrors: { file: "The file must be 5 MB or smaller" } };
    const result = await importNpqApplicationsCsv(actor, content);
    revalidatePath("/admin/npq");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
