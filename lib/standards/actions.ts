"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import type { AssignStandardsInput, ChooseStandardsInput } from "./schema";
import { setEpaoStandards, setUserStandards } from "./service";

export async function setEpaoStandardsAction(input: ChooseStandardsInput): Promise<ActionResult<{ count: number }>> {
  return action({
    run: (actor) => setEpaoStandards(actor, input),
    data: (chosen) => ({ count: chosen.length }),
    message: "Standards saved.",
    revalidate: ["/epao/standards"],
  });
}

export async function setUserStandardsAction(input: AssignStandardsInput): Promise<ActionResult<{ count: number }>> {
  return action({
    run: (actor) => setUserStandards(actor, input),
    data: (assigned) => ({ count: assigned.length }),
    message: "Assigned standards saved.",
    revalidate: ["/epao/standards"],
  });
}
