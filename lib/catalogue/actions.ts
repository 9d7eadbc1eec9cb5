"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { createStandard, updateStandard } from "./service";

export async function saveStandardAction(input: Record<string, unknown> & { id?: string; updatedAt?: string }): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  try {
    const saved =
      input.id && input.updatedAt ? await updateStandard(actor, { ...input, id: input.id, updatedAt: input.updatedAt }) : await createStandard(actor, input);
    revalidatePath("/admin/standards");
    return { ok: true, data: { id: saved.id }, message: `${saved.reference} saved.` };
  } catch (error) {
    return toActionError(error);
  }
}
