"use server";
import "server-only";

import { action, EVERY_PAGE } from "@/lib/entry/action";
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

export async function createApprenticeAction(input: unknown) {
  return action({
    run: (actor) => createApprentice(actor, input),
    data: (record) => ({ id: record.id }),
    message: "The apprentice record has been created.",
    revalidate: EVERY_PAGE,
  });
}

export async function updateApprenticeAction(input: unknown) {
  return action({
    run: (actor) => updateApprentice(actor, input),
    data: (record) => ({ version: record.version }),
    message: "The record has been updated.",
    revalidate: EVERY_PAGE,
  });
}

export async function startBreakAction(input: unknown) {
  return action({
    run: (actor) => startBreak(actor, input),
    data: (record) => ({ version: record.version }),
    message: "The break in learning has been recorded.",
    revalidate: EVERY_PAGE,
  });
}

export async function resumeAction(input: unknown) {
  return action({
    run: (actor) => resumeFromBreak(actor, input),
    data: (record) => ({ version: record.version }),
    message: "The apprentice has returned from their break in learning.",
    revalidate: EVERY_PAGE,
  });
}

export async function withdrawAction(input: unknown) {
  return action({
    run: (actor) => withdrawApprentice(actor, input),
    data: (record) => ({ version: record.version }),
    message: "The apprentice has been withdrawn. The record is kept and is now read-only.",
    revalidate: EVERY_PAGE,
  });
}

export async function requestEpaoChangeAction(input: unknown) {
  return action({
    run: (actor) => requestEpaoChange(actor, input),
    data: (change) => ({ id: change.id }),
    message: "The change of EPAO has been requested. The new EPAO needs to accept it.",
    revalidate: EVERY_PAGE,
  });
}

export async function cancelEpaoChangeAction(input: { changeId: string }) {
  return action({ run: (actor) => cancelEpaoChange(actor, input), message: "The change of EPAO request has been cancelled.", revalidate: EVERY_PAGE });
}

export async function respondToEpaoChangeAction(input: { changeId: string; decision: "accept" | "decline"; declineReason?: string }) {
  return action({
    run: (actor) => respondToEpaoChange(actor, input),
    message: input.decision === "accept" ? "The record has moved to your organisation." : "The change of EPAO has been declined.",
    revalidate: EVERY_PAGE,
  });
}

export async function assignAction(input: { apprenticeIds: string[]; assessorId: string | null }) {
  return action({ run: (actor) => assignApprentices(actor, input), message: "Assignment saved.", revalidate: EVERY_PAGE });
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
