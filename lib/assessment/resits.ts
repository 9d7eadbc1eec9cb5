import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apprentices, assessmentAttempts, resitRequests } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx, isUniqueViolation } from "@/lib/db";
import { ConflictError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import {
  FAIL_GRADE,
  attemptLabel,
  currentAttemptOf,
  gradeRowsOf,
  guid,
  loadStandardForGrading,
  lockApprentice,
  refuse,
  refuseWith,
  type Attempt,
} from "./grading";
import { canRequestResit } from "./rules";
import type { ResitRequest } from "@/db/schema";
export type { ResitRequest };

// Resits and retakes (issue #6): after a confirmed Fail the provider asks to re-assess the failed components (a resit,
// or a retake after further learning); the EPAO approves (a new attempt starts, the other components' grades carry
// over, locked) or declines with a reason. Every attempt and request is kept.

const OPEN_REQUEST = "A resit or retake request for this apprentice is already waiting for the EPAO's decision";
const KIND_LABEL = { resit: "resit", retake: "retake" } as const;

const codeList = z.preprocess(
  (v) => (typeof v === "string" ? (v === "" ? [] : [v]) : v),
  z
    .array(z.string().trim().min(1), { error: "Select the failed components to re-assess" })
    .min(1, { error: "Select at least one failed component to re-assess" }),
);

export const requestResitSchema = z.object({
  apprenticeId: guid("Select the apprentice"),
  kind: z.enum(["resit", "retake"], { error: "Choose a resit (no further learning) or a retake (further learning)" }),
  components: codeList,
  reason: z
    .string({ error: "Enter the reason for the request" })
    .trim()
    .min(1, { error: "Enter the reason for the request" })
    .max(2000, { error: "The reason must be 2,000 characters or fewer" }),
});

/** Codes of the components graded Fail in an attempt, in the standard's order. */
async function failedComponents(tx: DbOrTx, standardId: string, attemptId: string) {
  const standard = await loadStandardForGrading(tx, standardId);
  const grades = await gradeRowsOf(tx, [attemptId]);
  const failed = standard.components.filter((c) => grades.some((g) => g.componentId === c.id && g.grade === FAIL_GRADE));
  return { standard, grades, failed };
}

/**
 * The provider asks for a resit or retake after a confirmed Fail on the current attempt, of some or all of the
 * components failed in it (by component code). One open request per apprentice.
 */
export async function requestResit(actor: UserActor, input: unknown): Promise<ResitRequest> {
  assertCan(actor, "assessment.provide");
  const data = parseInput(requestResitSchema, input);
  return db().transaction(async (tx) => {
    const apprentice = await lockApprentice(tx, actor, data.apprenticeId);
    const attempt = await currentAttemptOf(tx, apprentice.id);
    refuse(canRequestResit(apprentice, attempt?.overallGrade ?? null));
    const { failed } = await failedComponents(tx, apprentice.standardId, attempt!.id);
    const codes = [...new Set(data.components)];
    const failedCodes = failed.map((c) => c.code);
    const notFailed = codes.filter((c) => !failedCodes.includes(c));
    if (notFailed.length > 0) {
      throw new ValidationError({
        components: `Only components failed in ${attemptLabel(attempt!)} can be re-assessed (${failed.map((c) => `${c.name} (${c.code})`).join(", ")}); ${notFailed.join(", ")} ${notFailed.length === 1 ? "was" : "were"} not failed`,
      });
    }
    const [open] = await tx
      .select({ id: resitRequests.id })
      .from(resitRequests)
      .where(and(eq(resitRequests.apprenticeId, apprentice.id), eq(resitRequests.status, "requested")));
    if (open) throw new ValidationError({ form: OPEN_REQUEST }, OPEN_REQUEST);
    const ordered = failedCodes.filter((c) => codes.includes(c));
    let request: ResitRequest;
    try {
      [request] = (await tx
        .insert(resitRequests)
        .values({ apprenticeId: apprentice.id, attemptId: attempt!.id, kind: data.kind, components: ordered, reason: data.reason, requestedBy: actor.userId })
        .returning()) as [ResitRequest];
    } catch (error) {
      if (isUniqueViolation(error, "resit_requests_open_key")) throw new ValidationError({ form: OPEN_REQUEST }, OPEN_REQUEST);
      throw error;
    }
    const names = failed.filter((c) => ordered.includes(c.code)).map((c) => c.name);
    await recordAudit(tx, actor, {
      action: "assessment.resit_requested",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary: `Requested a ${KIND_LABEL[data.kind]} of ${names.join(", ")} after the Fail in ${attemptLabel(attempt!)}. Reason: ${data.reason}`,
      after: { kind: data.kind, components: ordered, attempt: attempt!.number },
    });
    return request;
  });
}

export const decideResitSchema = z
  .object({
    requestId: guid("Select the request"),
    decision: z.enum(["approve", "decline"], { error: "Choose whether to approve or decline the request" }),
    declineReason: z.string().trim().max(2000, { error: "The reason must be 2,000 characters or fewer" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "decline" && !v.declineReason)
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: "Enter the reason for declining the request" });
  });

export type ResitDecision = { request: ResitRequest; newAttempt: Attempt | null };

/**
 * The EPAO decides a resit/retake request. Approve: a new attempt (number + 1, the request's kind and components)
 * starts, the grades of the components not re-assessed are copied into it as carried over and locked, and the
 * apprentice is back in end-point assessment. Decline: with a reason; the record stays graded.
 */
export async function decideResit(actor: UserActor, input: unknown): Promise<ResitDecision> {
  assertCan(actor, "assessment.manage");
  const data = parseInput(decideResitSchema, input);
  return db().transaction(async (tx) => {
    const found = await oneOrNotFound(
      tx
        .select({ apprenticeId: resitRequests.apprenticeId })
        .from(resitRequests)
        .innerJoin(apprentices, eq(apprentices.id, resitRequests.apprenticeId))
        .where(and(eq(resitRequests.id, data.requestId), eq(apprentices.epaoId, actor.organisationId))),
      "Resit request not found.",
    );
    const apprentice = await lockApprentice(tx, actor, found.apprenticeId);
    const [request] = (await tx.select().from(resitRequests).where(eq(resitRequests.id, data.requestId)).for("update")) as [ResitRequest];
    if (request.status !== "requested") throw new ConflictError("This request has already been decided.");

    if (data.decision === "decline") {
      const [declined] = (await tx
        .update(resitRequests)
        .set({ status: "declined", decidedBy: actor.userId, decidedAt: new Date(), declineReason: data.declineReason! })
        .where(eq(resitRequests.id, request.id))
        .returning()) as [ResitRequest];
      await recordAudit(tx, actor, {
        action: "assessment.resit_declined",
        entityType: "apprentice",
        entityId: apprentice.id,
        summary: `Declined the ${request.kind} request. Reason: ${data.declineReason}`,
        before: { status: "requested" },
        after: { status: "declined", declineReason: data.declineReason },
      });
      return { request: declined, newAttempt: null };
    }

    const current = await currentAttemptOf(tx, apprentice.id, true);
    if (current?.id !== request.attemptId) refuseWith("The request is for an earlier attempt: a newer attempt has started since. Decline it instead.");
    const rule = canRequestResit(apprentice, current.overallGrade);
    if (!rule.ok) refuseWith(`The grade has changed since the request was made, so it cannot be approved (${rule.reason}) Decline it instead.`);
    const { standard, grades } = await failedComponents(tx, apprentice.standardId, current.id);
    const reassessed = new Set(request.components);
    const [newAttempt] = (await tx
      .insert(assessmentAttempts)
      .values({ apprenticeId: apprentice.id, number: current.number + 1, kind: request.kind, components: request.components })
      .returning()) as [Attempt];
    const codeOf = new Map(standard.components.map((c) => [c.id, c.code]));
    const carried = grades.filter((g) => !reassessed.has(codeOf.get(g.componentId) ?? ""));
    if (carried.length > 0) {
      await tx.execute(sql`
        insert into component_grades (attempt_id, component_id, grade, assessed_on, carried_over, locked, recorded_by, recorded_at)
        select ${newAttempt.id}::uuid, g.component_id, g.grade, g.assessed_on, true, true, g.recorded_by, g.recorded_at
          from component_grades g
         where g.attempt_id = ${current.id}::uuid
           and g.component_id in (${sql.join(
             carried.map((g) => sql`${g.componentId}::uuid`),
             sql`, `,
           )})`);
    }
    const [approved] = (await tx
      .update(resitRequests)
      .set({ status: "approved", decidedBy: actor.userId, decidedAt: new Date(), newAttemptId: newAttempt.id })
      .where(eq(resitRequests.id, request.id))
      .returning()) as [ResitRequest];
    await tx
      .update(apprentices)
      .set({ status: "epa", version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(eq(apprentices.id, apprentice.id));
    const names = standard.components.filter((c) => reassessed.has(c.code)).map((c) => c.name);
    const carriedNames = standard.components.filter((c) => carried.some((g) => g.componentId === c.id)).map((c) => c.name);
    await recordAudit(tx, actor, {
      action: "assessment.resit_approved",
      entityType: "apprentice",
      entityId: apprentice.id,
      summary:
        `Approved the ${request.kind} of ${names.join(", ")}: attempt ${newAttempt.number} started` +
        (carriedNames.length > 0 ? `, carrying over ${carriedNames.join(", ")}` : ""),
      before: { status: apprentice.status, attempt: current.number },
      after: { status: "epa", attempt: newAttempt.number, kind: request.kind, components: request.components },
    });
    return { request: approved, newAttempt };
  });
}
