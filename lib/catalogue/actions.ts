"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { createStandard, updateStandard } from "./service";

export async function saveStandardAction(input: Record<string, unknown> & { id?: string; updatedAt?: string }): Promise<ActionResult<{ id: string }>> {
  return action({
    run: (actor) =>
      input.id && input.updatedAt ? updateStandard(actor, { ...input, id: input.id, updatedAt: input.updatedAt }) : createStandard(actor, input),
    data: (saved) => ({ id: saved.id }),
    message: (saved) => `${saved.reference} saved.`,
    revalidate: ["/admin/standards"],
  });
}
