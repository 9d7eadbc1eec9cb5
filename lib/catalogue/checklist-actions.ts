"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { removeChecklistItem, saveChecklistItem } from "./checklist";

export async function saveChecklistItemAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  try {
    const data = await saveChecklistItem(actor, input);
    revalidatePath("/admin/standards", "layout");
    return { ok: true, data, message: "The checklist has been saved." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function removeChecklistItemAction(input: { standardId: string; id: string }): Promise<ActionResult<undefined>> {
  const actor = await requireActor();
  try {
    await removeChecklistItem(actor, input);
    revalidatePath("/admin/standards", "layout");
    return { ok: true, data: undefined, message: "The item has been removed." };
  } catch (error) {
    return toActionError(error);
  }
}
