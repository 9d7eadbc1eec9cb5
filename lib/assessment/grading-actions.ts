"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { decideAppeal, lodgeAppeal, withdrawAppeal } from "./appeals";
import { confirmOverallGrade, confirmOverallGrades, recordComponentGrade, unlockGrade } from "./grading";
import { decideResit, requestResit } from "./resits";

// Thin server-action wrappers over the grading, resit and appeal services: the signed-in actor, a serialisable
// ActionResult, and the EPAO, assessor and provider areas revalidated so lists, queues and records show the change.

async function run<T>(fn: (actor: UserActor) => Promise<T>, message: string | ((data: T) => string)): Promise<ActionResult<T>> {
  const actor = await requireActor();
  try {
    const data = await fn(actor);
    for (const area of ["/epao", "/assessor", "/provider"]) revalidatePath(area, "layout");
    return { ok: true, data, message: typeof message === "function" ? message(data) : message };
  } catch (error) {
    return toActionError(error);
  }
}

export async function recordComponentGradeAction(input: unknown) {
  return run(async (actor) => {
    const r = await recordComponentGrade(actor, input);
    return { attemptId: r.attemptId, version: r.version, provisional: r.provisional.status === "derived" ? r.provisional.overall : null };
  }, "The grade has been recorded.");
}

export async function confirmOverallGradeAction(input: unknown) {
  return run(
    async (actor) => confirmOverallGrade(actor, input),
    (r) => `The overall grade ${r.overallGrade} has been confirmed and locked.`,
  );
}

export async function confirmOverallGradesAction(input: unknown) {
  return run(
    async (actor) => confirmOverallGrades(actor, input),
    (results) => {
      const confirmed = results.filter((r) => r.ok).length;
      const skipped = results.length - confirmed;
      return `${confirmed.toLocaleString("en-GB")} ${confirmed === 1 ? "grade" : "grades"} confirmed${skipped > 0 ? `, ${skipped.toLocaleString("en-GB")} skipped` : ""}.`;
    },
  );
}

export async function unlockGradeAction(input: unknown) {
  return run(async (actor) => unlockGrade(actor, input), "The grade has been unlocked. The overall grade is provisional again.");
}

export async function requestResitAction(input: unknown) {
  return run(async (actor) => ({ id: (await requestResit(actor, input)).id }), "The request has been sent to the EPAO.");
}

export async function decideResitAction(input: unknown) {
  return run(
    async (actor) => {
      const r = await decideResit(actor, input);
      return { status: r.request.status, newAttemptId: r.newAttempt?.id ?? null, newAttemptNumber: r.newAttempt?.number ?? null };
    },
    (r) => (r.status === "approved" ? `Approved: attempt ${r.newAttemptNumber} has started.` : "The request has been declined."),
  );
}

export async function lodgeAppealAction(input: unknown) {
  return run(async (actor) => ({ id: (await lodgeAppeal(actor, input)).id }), "The appeal has been lodged with the EPAO.");
}

export async function decideAppealAction(input: unknown) {
  return run(
    async (actor) => {
      const a = await decideAppeal(actor, input);
      return { status: a.status, newGrade: a.newGrade };
    },
    (a) =>
      a.status === "upheld"
        ? a.newGrade
          ? `The appeal has been upheld: the grade is now ${a.newGrade}.`
          : "The appeal has been upheld."
        : "The appeal has been recorded as not upheld.",
  );
}

export async function withdrawAppealAction(input: unknown) {
  return run(async (actor) => ({ status: (await withdrawAppeal(actor, input)).status }), "The appeal has been withdrawn.");
}
