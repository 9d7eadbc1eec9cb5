"use server";
import "server-only";

import { action, idOf, serviceActions, type Revalidation } from "@/lib/entry/action";
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

const grading = serviceActions(AREAS);

export const unlockGradeAction = grading(unlockGrade, "The grade has been unlocked. The overall grade is provisional again.");
export const requestResitAction = grading(requestResit, "The request has been sent to the EPAO.", idOf);
export const lodgeAppealAction = grading(lodgeAppeal, "The appeal has been lodged with the EPAO.", idOf);
export const withdrawAppealAction = grading(withdrawAppeal, "The appeal has been withdrawn.", (a) => ({ status: a.status }));
export const confirmOverallGradeAction = grading(confirmOverallGrade, (r) => `The overall grade ${r.overallGrade} has been confirmed and locked.`);

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
