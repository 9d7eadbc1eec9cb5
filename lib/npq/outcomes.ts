import "server-only";
import { and, asc, desc, eq, gte, inArray, ne, type SQL } from "drizzle-orm";
import { declarations, outcomes } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { npqOutcomeCreateAttributes } from "@/lib/dfe/api-schemas";
import { conforms, isBlank } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import type { Pagination } from "@/lib/api/http";
import { message } from "@/lib/api/messages";
import { londonDate } from "@/lib/calendar/london";
import { assertParticipant } from "./enrolments";
import type { Outcome } from "@/db/schema";

/**
 * NPQ participant outcomes through the DfE API v3. An outcome belongs to a `completed` declaration: the declarations
 * service records one in the same transaction (insertOutcomeInTx) and voiding the declaration voids it
 * (voidOutcomesForDeclaration); a lead provider corrects it with POST …/participants/npq/{id}/outcomes
 * (npq-registration ParticipantOutcomes::Create).
 */

export type OutcomeState = "passed" | "failed";

/** Declaration states that can carry an outcome (DfE's Declaration.eligible_for_outcomes: billable or voidable). */
const OUTCOME_DECLARATION_STATES = ["submitted", "eligible", "payable", "paid", "ineligible"] as const;

/** The outcome request's documented attributes (lib/dfe/api-schemas.ts), which a request is checked against. */
const REQUEST = npqOutcomeCreateAttributes.shape;

/**
 * Courses with an assessment outcome, every NPQ but the Additional Support Offer and Early Headship Coaching Offer:
 * the outcome request's documented course_identifier.
 */
export function hasOutcomes(course: unknown): course is NpqCourse {
  return conforms(REQUEST.course_identifier, course);
}

/** All the lead provider's outcomes, oldest first. */
export async function listOutcomes(actor: LeadProviderActor, options: { pagination: Pagination; createdSince?: Date }): Promise<Outcome[]> {
  const conditions: SQL[] = [eq(outcomes.leadProviderId, actor.leadProviderId)];
  if (options.createdSince) conditions.push(gte(outcomes.createdAt, options.createdSince));
  return db()
    .select()
    .from(outcomes)
    .where(and(...conditions))
    .orderBy(asc(outcomes.createdAt), asc(outcomes.id))
    .limit(options.pagination.perPage)
    .offset(options.pagination.offset);
}

/** One participant's outcomes with this lead provider, oldest first; a participant who is not the provider's is a 404. */
export async function listParticipantOutcomes(actor: LeadProviderActor, participantId: string, options: { pagination?: Pagination } = {}): Promise<Outcome[]> {
  await assertParticipant(db(), actor, participantId);
  const query = db()
    .select()
    .from(outcomes)
    .where(and(eq(outcomes.leadProviderId, actor.leadProviderId), eq(outcomes.participantId, participantId)))
    .orderBy(asc(outcomes.createdAt), asc(outcomes.id));
  return options.pagination ? query.limit(options.pagination.perPage).offset(options.pagination.offset) : query;
}

export type OutcomeInput = {
  participantId: string;
  applicationId: string;
  declarationId: string | null;
  courseIdentifier: string;
  state: OutcomeState;
  /** YYYY-MM-DD */
  completionDate: string;
};

/**
 * Records an outcome inside the caller's transaction (the declarations service calls it for a `completed`
 * declaration). Courses without an assessment (ASO, EHCO) get none: returns null, as DfE does.
 */
export async function insertOutcomeInTx(tx: DbOrTx, actor: LeadProviderActor, input: OutcomeInput): Promise<Outcome | null> {
  if (!hasOutcomes(input.courseIdentifier)) return null;
  const [row] = await tx
    .insert(outcomes)
    .values({
      participantId: input.participantId,
      applicationId: input.applicationId,
      leadProviderId: actor.leadProviderId,
      declarationId: input.declarationId,
      courseIdentifier: input.courseIdentifier,
      state: input.state,
      completionDate: input.completionDate,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning();
  await recordAudit(tx, actor.auditActor, {
    action: "npq_outcome.created",
    entityType: "npq_outcome",
    entityId: row!.id,
    summary: `Recorded a ${input.state} outcome for ${input.courseIdentifier} completed on ${input.completionDate}`,
    after: { state: input.state, completionDate: input.completionDate, declarationId: input.declarationId },
    organisationId: actor.leadProviderId,
  });
  return row!;
}

/**
 * Voids the outcomes of a declaration being voided (DfE: the outcome is retracted and shows as `voided`).
 * Returns the outcomes it voided. With an actor, the change is dated `actor.now` and audited.
 */
export async function voidOutcomesForDeclaration(tx: DbOrTx, declarationId: string, actor?: LeadProviderActor): Promise<Outcome[]> {
  const now = actor?.now ?? new Date();
  const voided = await tx
    .update(outcomes)
    .set({ state: "voided", updatedAt: now })
    .where(and(eq(outcomes.declarationId, declarationId), ne(outcomes.state, "voided")))
    .returning();
  if (actor) {
    for (const outcome of voided) {
      await recordAudit(tx, actor.auditActor, {
        action: "npq_outcome.voided",
        entityType: "npq_outcome",
        entityId: outcome.id,
        summary: `Voided the ${outcome.courseIdentifier} outcome with its completed declaration`,
        after: { state: "voided" },
        organisationId: outcome.leadProviderId,
      });
    }
  }
  return voided;
}

/** A real calendar date at the start of `value` (DfE accepts `2024-05-31` and `2024-05-31T00:00:00+00:00`). */
function completionDateOf(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

export type CreateOutcomeInput = { courseIdentifier?: unknown; state?: unknown; completionDate?: unknown };

/**
 * A lead provider corrects a participant's outcome: a new outcome on their latest `completed` declaration for the
 * course (the same state and date as the latest outcome is not recorded twice; that outcome is returned).
 */
export async function createOutcome(actor: LeadProviderActor, participantId: string, input: CreateOutcomeInput): Promise<Outcome> {
  return db().transaction(async (tx) => {
    await assertParticipant(tx, actor, participantId);
    const errors = new DfeErrors();

    // Each attribute as documented, each failed rule answered with DfE's message.
    const course = input.courseIdentifier;
    const courseGiven = hasOutcomes(course);
    if (!courseGiven) {
      errors.add("course_identifier", message("participant_course_identifier.inclusion", { parameterized_attribute: "course_identifier" }));
    }
    if (isBlank(course)) errors.add("course_identifier", message("participant_course_identifier.blank", { parameterized_attribute: "course_identifier" }));

    const state = input.state;
    if (!conforms(REQUEST.state, state)) errors.add("state", message("state.inclusion", { parameterized_attribute: "state" }));
    if (isBlank(state)) errors.add("state", message("state.blank", { parameterized_attribute: "state" }));

    let completionDate: string | null = null;
    if (isBlank(input.completionDate)) {
      errors.add("completion_date", message("completion_date.blank", { parameterized_attribute: "completion_date" }));
    } else {
      // The documented yyyy-mm-dd, then a real calendar date at the start of it.
      completionDate = conforms(REQUEST.completion_date, input.completionDate) ? completionDateOf(input.completionDate) : null;
      if (!completionDate) errors.add("completion_date", message("completion_date.invalid", { parameterized_attribute: "completion_date" }));
      else if (completionDate > londonDate(actor.now))
        errors.add("completion_date", message("completion_date.future_date", { parameterized_attribute: "completion_date" }));
    }

    const [declaration] = courseGiven
      ? await tx
          .select({ id: declarations.id, applicationId: declarations.applicationId })
          .from(declarations)
          .where(
            and(
              eq(declarations.participantId, participantId),
              eq(declarations.leadProviderId, actor.leadProviderId),
              eq(declarations.courseIdentifier, course),
              eq(declarations.declarationType, "completed"),
              inArray(declarations.state, OUTCOME_DECLARATION_STATES),
            ),
          )
          .orderBy(desc(declarations.createdAt), desc(declarations.id))
          .limit(1)
      : [];
    if (!declaration?.applicationId)
      errors.add("base", message("activemodel.errors.models.participant_outcomes/create.attributes.base.no_completed_declarations"));
    errors.throwIfAny();

    const [latest] = await tx
      .select()
      .from(outcomes)
      .where(eq(outcomes.declarationId, declaration!.id))
      .orderBy(desc(outcomes.createdAt), desc(outcomes.id))
      .limit(1);
    if (latest && latest.state === state && latest.completionDate === completionDate) return latest;

    const created = await insertOutcomeInTx(tx, actor, {
      participantId,
      applicationId: declaration!.applicationId!,
      declarationId: declaration!.id,
      courseIdentifier: course as string,
      state: state as OutcomeState,
      completionDate: completionDate!,
    });
    return created!;
  });
}
