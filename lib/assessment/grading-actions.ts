"use server";
import "server-only";

import { action, type Revalidation } from "@/lib/entry/action";
import { decideAppeal, lodgeAppeal, withdrawAppeal } from "./appeals";
import { confirmOverallGrade, confirmOverallGrades, recordComponentGrade, unlockGrade } from "./grading";
import { decideResit, requestResit } from "./resits";

// Thin server actions over the grading, resit and appeal services: the EPAO, assessor and provider areas are
// revalidated so lists, queues and records show the change.
const AREAS: readonly Revalidation[] = [
  ["/epao", "layout"],
  ["/assessor", "layout"],
  ["/provider", "layout"],
];

export async function recordComponentGradeAction(input: unknown) {
  return action({
    run: async (actor) => {
      const r = await recordComponentGrade(actor, input);
      return { attemptId: r.attemptId, version: r.version, provisional: r.provisional.status === "derived" ? r.provisional.overall : null };
    },
    message: "The grade has been recorded.",
    revalidate: AREAS,
  });
}

export async function confirmOverallGradeAction(input: unknown) {
  return action({
    run: (actor) => confirmOverallGrade(actor, input),
    message: (r) => `The overall grade ${r.overallGrade} has been confirmed and locked.`,
    revalidate: AREAS,
  });
}

export async function confirmOverallGradesAction(input: unknown) {
  return action({
    run: (actor) => confirmOverallGrades(actor, input),
    message: (results) => {
      const confirmed = results.filter((r) => r.ok).length;
      const skipped = results.length - confirmed;
      return `${confirmed.toLocaleString("en-GB")} ${confirmed === 1 ? "grade" : "grades"} confirmed${skipped > 0 ? `, ${skipped.toLocaleString("en-GB")} skipped` : ""}.`;
    },
    revalidate: AREAS,
  });
}

export async function unlockGradeAction(input: unknown) {
  return action({
    run: (actor) => unlockGrade(actor, input),
    message: "The grade has been unlocked. The overall grade is provisional again.",
    revalidate: AREAS,
  });
}

export async function requestResitAction(input: unknown) {
  return action({
    run: (actor) => requestResit(actor, input),
    data: (r) => ({ id: r.id }),
    message: "The request has been sent to the EPAO.",
    revalidate: AREAS,
  });
}

export async function decideResitAction(input: unknown) {
  return action({
    run: async (actor) => {
      const r = await decideResit(actor, input);
      return { status: r.request.status, newAttemptId: r.newAttempt?.id ?? null, newAttemptNumber: r.newAttempt?.number ?? null };
    },
    message: (r) => (r.status === "approved" ? `Approved: attempt ${r.newAttemptNumber} has started.` : "The request has been declined."),
    revalidate: AREAS,
  });
}

export async function lodgeAppealAction(input: unknown) {
  return action({
    run: (actor) => lodgeAppeal(actor, input),
    data: (a) => ({ id: a.id }),
    message: "The appeal has been lodged with the EPAO.",
    revalidate: AREAS,
  });
}

export async function decideAppealAction(input: unknown) {
  return action({
    run: (actor) => decideAppeal(actor, input),
    data: (a) => ({ status: a.status, newGrade: a.newGrade }),
    message: (a) =>
      a.status === "upheld"
        ? a.newGrade
          ? `The appeal has been upheld: the grade is now ${a.newGrade}.`
          : "The appeal has been upheld."
        : "The appeal has been recorded as not upheld.",
    revalidate: AREAS,
  });
}

export async function withdrawAppealAction(input: unknown) {
  return action({
    run: (actor) => withdrawAppeal(actor, input),
    data: (a) => ({ status: a.status }),
    message: "The appeal has been withdrawn.",
    revalidate: AREAS,
  });
}
