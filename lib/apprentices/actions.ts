"use server";
import "server-only";

import { action, EVERY_PAGE, idOf, serviceActions, versionOf } from "@/lib/entry/action";
import { ValidationError } from "@/lib/errors";
import { matchingIds, parseListQuery } from "./list";
import {
  assignApprentices,
  cancelEpaoChange,
  createApprentice,
  requestEpaoChange,
  respondToEpaoChange,
  resumeFromBreak,
  startBreak,
  updateApprentice,
  withdrawApprentice,
} from "./service";

const change = serviceActions(EVERY_PAGE);

export const createApprenticeAction = change(createApprentice, "The apprentice record has been created.", idOf);
export const updateApprenticeAction = change(updateApprentice, "The record has been updated.", versionOf);
export const startBreakAction = change(startBreak, "The break in learning has been recorded.", versionOf);
export const resumeAction = change(resumeFromBreak, "The apprentice has returned from their break in learning.", versionOf);
export const withdrawAction = change(withdrawApprentice, "The apprentice has been withdrawn. The record is kept and is now read-only.", versionOf);
export const requestEpaoChangeAction = change(requestEpaoChange, "The change of EPAO has been requested. The new EPAO needs to accept it.", idOf);
export const cancelEpaoChangeAction = change(cancelEpaoChange, "The change of EPAO request has been cancelled.");
export const assignAction = change(assignApprentices, "Assignment saved.");

export async function respondToEpaoChangeAction(input: { changeId: string; decision: "accept" | "decline"; declineReason?: string }) {
  return action({
    run: (actor) => respondToEpaoChange(actor, input),
    message: input.decision === "accept" ? "The record has moved to your organisation." : "The change of EPAO has been declined.",
    revalidate: EVERY_PAGE,
  });
}

/** Assigns every (not withdrawn) record matching the list's current filters, up to 5,000 at a time. */
export async function assignMatchingAction(input: { query: string; assessorId: string | null }) {
  return action({
    run: async (actor) => {
      const query = parseListQuery(Object.fromEntries(new URLSearchParams(input.query)));
      const { ids, total } = await matchingIds(actor, query, 5000);
      if (total > 5000) throw new ValidationError({ assessorId: `${total.toLocaleString("en-GB")} records match: narrow the filters to 5,000 or fewer` });
      if (ids.length === 0) throw new ValidationError({ assessorId: "No records match these filters" });
      return assignApprentices(actor, { apprenticeIds: ids, assessorId: input.assessorId });
    },
    message: "Assignment saved.",
    revalidate: EVERY_PAGE,
  });
}
