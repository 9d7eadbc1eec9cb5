"use server";
import "server-only";

import { serviceActions } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import type { AssignStandardsInput, ChooseStandardsInput } from "./schema";
import { setEpaoStandards, setUserStandards } from "./service";

const change = serviceActions(["/epao/standards"]);
const countOf = (chosen: readonly unknown[]) => ({ count: chosen.length });

export const setEpaoStandardsAction: (input: ChooseStandardsInput) => Promise<ActionResult<{ count: number }>> = change(
  setEpaoStandards,
  "Standards saved.",
  countOf,
);
export const setUserStandardsAction: (input: AssignStandardsInput) => Promise<ActionResult<{ count: number }>> = change(
  setUserStandards,
  "Assigned standards saved.",
  countOf,
);
