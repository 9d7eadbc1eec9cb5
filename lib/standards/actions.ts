"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import type { AssignStandardsInput, ChooseStandardsInput } from "./schema";
import { setEpaoStandards, setUserStandards } from "./service";

export async function setEpaoStandardsAction(input: ChooseStandardsInput): Promise<ActionResult<{ count: number }>> {
  const actor = await requireActor();
  try {
    const chosen = await setEpaoStandards(actor, input);
    revalidatePath("/epao/standards");
    return { ok: true, data: { count: chosen.length }, message: "Standards saved." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setUserStandardsAction(input: AssignStandardsInput): Promise<ActionResult<{ count: number }>> {
  const actor = await requireActor();
  try {
    const assigned = await setUserStandards(actor, input);
    revalidatePath("/epao/standards");
    return { ok: true, data: { count: assigned.length }, message: "Assigned standards saved." };
  } catch (error) {
    return toActionError(error);
  }
}
