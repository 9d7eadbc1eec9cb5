"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { matchingIds, parseListQuery } from "./list";
import { ValidationError } from "@/lib/errors";
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

async function run<T>(fn: (actor: Awaited<ReturnType<typeof requireActor>>) => Promise<T>, message: string): Promise<ActionResult<T>> {
  const actor = await requireActor();
  try {
    const data = await fn(actor);
    revalidatePath("/", "layout");
    return { ok: true, data, message };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createApprenticeAction(input: unknown) {
  return run(async (actor) => ({ id: (await createApprentice(actor, input)).id }), "The apprentice record has been created.");
}

export async function updateApprenticeAction(input: unknown) {
  return run(async (actor) => ({ version: (await updateApprentice(actor, input)).version }), "The record has been updated.");
}

export async function startBreakAction(input: unknown) {
  return run(async (actor) => ({ version: (await startBreak(actor, input)).version }), "The break in learning has been recorded.");
}

export async function resumeAction(input: unknown) {
  return run(async (actor) => ({ version: (await resumeFromBreak(actor, input)).version }), "The apprentice has returned from their break in learning.");
}

export async function withdrawAction(input: unknown) {
  return run(
    async (actor) => ({ version: (await withdrawApprentice(actor, input)).version }),
    "The apprentice has been withdrawn. The record is kept and is now read-only.",
  );
}

export async function requestEpaoChangeAction(input: unknown) {
  return run(async (actor) => ({ id: (await requestEpaoChange(actor, input)).id }), "The change of EPAO has been requested. The new EPAO needs to accept it.");
}

export async function cancelEpaoChangeAction(input: { changeId: string }) {
  return run(async (actor) => cancelEpaoChange(actor, input), "The change of EPAO request has been cancelled.");
}

export async function respondToEpaoChangeAction(input: { changeId: string; decision: "accept" | "decline"; declineReason?: string }) {
  return run(
    async (actor) => respondToEpaoChange(actor, input),
    input.decision === "accept" ? "The record has moved to your organisation." : "The change of EPAO has been declined.",
  );
}

export async function assignAction(input: { apprenticeIds: string[]; assessorId: string | null }) {
  return run(async (actor) => assignApprentices(actor, input), "Assignment saved.");
}

/** Assigns every (not withdrawn) record matching the list's current filters, up to 5,000 at a time. */
export async function assignMatchingAction(input: { query: string; assessorId: string | null }) {
  return run(async (actor) => {
    const query = parseListQuery(Object.fromEntries(new URLSearchParams(input.query)));
    const { ids, total } = await matchingIds(actor, query, 5000);
    if (total > 5000) throw new ValidationError({ assessorId: `${total.toLocaleString("en-GB")} records match: narrow the filters to 5,000 or fewer` });
    if (ids.length === 0) throw new ValidationError({ assessorId: "No records match these filters" });
    return assignApprentices(actor, { apprenticeIds: ids, assessorId: input.assessorId });
  }, "Assignment saved.");
}
