"use server";
import "server-only";

import { action, type Revalidation } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { removeChecklistItem, saveChecklistItem } from "./checklist";

const STANDARDS: readonly Revalidation[] = [["/admin/standards", "layout"]];

export async function saveChecklistItemAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return action({ run: (actor) => saveChecklistItem(actor, input), message: "The checklist has been saved.", revalidate: STANDARDS });
}

export async function removeChecklistItemAction(input: { standardId: string; id: string }): Promise<ActionResult<undefined>> {
  return action({ run: (actor) => removeChecklistItem(actor, input), data: () => undefined, message: "The item has been removed.", revalidate: STANDARDS });
}
