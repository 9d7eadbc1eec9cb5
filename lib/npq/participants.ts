import "server-only";
import { and, asc, desc, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import { declarations, npqApplications, participantIdChanges, participants, schedules } from "@/db/schema";
import { BILLABLE_STATES, TRAINING_STATUSES } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import {
  npqParticipantChangeScheduleAttributes,
  npqParticipantDeferAttributes,
  npqParticipantResumeAttributes,
  npqParticipantWithdrawAttributes,
} from "@/lib/dfe/api-schemas";
import { conforms } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import { invalid, isUuid, type Pagination } from "@/lib/api/http";
import { message } from "@/lib/api/messages";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { acceptedWith, assertParticipant, isOneAcceptedViolation } from "./enrolments";
import { invalidatesDeclarations, milestonesOf } from "@/lib/dfe/schedules";
import { FUNDING_CAP_FROM_COHORT, scheduleTypeFor } from "./reference";
import type { ParticipantRecord } from "./serialize";
import type { NpqApplication as Application, Participant, Schedule } from "@/db/schema";

/**
 * NPQ participants through the DfE API v3: the people with at least one accepted application (enrolment) with the
 * calling lead provider. Rules and error bodies follow DFE-Digital/npq-registration (Participants::Action, ::Defer,
 * ::Resume, ::Withdraw, ::ChangeSchedule): every failed rule is reported, grouped by attribute.
 */

export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** DfE's invalid_training_status message, with Ruby's rendering of the list of statuses. */
export const INVALID_TRAINING_STATUS = message("invalid_training_status", { valid_training_status: JSON.stringify(TRAINING_STATUSES).replace(/","/g, '", "') });

/** The course_identifier of an action's request, with its documented schema (every action documents the same one). */
type CourseAttribute = { value: unknown; documented: typeof npqParticipantResumeAttributes.shape.course_identifier };

async function hydrate(tx: DbOrTx, actor: LeadProviderActor, people: Participant[]): Promise<ParticipantRecord[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const [enrolments, changes] = await Promise.all([
    tx
      .select({ application: npqApplications, scheduleIdentifier: schedules.identifier })
      .from(npqApplications)
      .leftJoin(schedules, eq(schedules.id, npqApplications.scheduleId))
      .where(and(inArray(npqApplications.participantId, ids), acceptedWith(actor)))
      .orderBy(asc(npqApplications.acceptedAt), asc(npqApplications.createdAt), asc(npqApplications.id)),
    tx
      .select()
      .from(participantIdChanges)
      .where(inArray(participantIdChanges.participantId, ids))
      .orderBy(asc(participantIdChanges.createdAt), asc(participantIdChanges.id)),
  ]);
  return people.map((participant) => ({
    participant,
    enrolments: enrolments.filter((e) => e.application.participantId === participant.id),
    idChanges: changes.filter((c) => c.participantId === participant.id),
  }));
}

export const PARTICIPANT_SORT_FIELDS = ["created_at", "updated_at"] as const;
export type ParticipantSort = { field: (typeof PARTICIPANT_SORT_FIELDS)[number]; direction: "asc" | "desc" }[];

export type ListParticipantsOptions = {
  pagination: Pagination;
  /** Not a filter of the v3 spec (the route does not read it); kept for portal use. */
  cohorts?: number[];
  updatedSince?: Date;
  trainingStatus?: TrainingStatus;
  fromParticipantId?: string;
  sort?: ParticipantSort;
};

async function queryParticipants(
  tx: DbOrTx,
  actor: LeadProviderActor,
  options: Omit<ListParticipantsOptions, "pagination"> & { ids?: string[]; pagination?: Pagination },
) {
  const enrolled = tx
    .select({ participantId: npqApplications.participantId, updatedAt: sql<string>`max(${npqApplications.updatedAt})`.as("enrolments_updated_at") })
    .from(npqApplications)
    .where(acceptedWith(actor))
    .groupBy(npqApplications.participantId)
    .as("enrolled");
  const changed = tx
    .select({ participantId: participantIdChanges.participantId, changedAt: sql<string>`max(${participantIdChanges.createdAt})`.as("changed_at") })
    .from(participantIdChanges)
    .groupBy(participantIdChanges.participantId)
    .as("changed");
  // The participant's updated_at as the API shows it (see participantUpdatedAt in serialize.ts).
  const updatedAt = sql`greatest(${participants.updatedAt}, ${enrolled.updatedAt}, ${changed.changedAt})`;

  const conditions: SQL[] = [];
  if (options.ids) conditions.push(inArray(participants.id, options.ids));
  if (options.updatedSince) conditions.push(sql`${updatedAt} >= ${options.updatedSince.toISOString()}::timestamptz`);
  const enrolment = (...more: SQL[]) =>
    exists(
      tx
        .select({ one: sql`1` })
        .from(npqApplications)
        .where(and(eq(npqApplications.participantId, participants.id), acceptedWith(actor), ...more)),
    );
  if (options.trainingStatus) conditions.push(enrolment(eq(npqApplications.trainingStatus, options.trainingStatus)));
  if (options.cohorts) {
    if (options.cohorts.length === 0) return [];
    conditions.push(enrolment(inArray(npqApplications.cohort, options.cohorts)));
  }
  if (options.fromParticipantId !== undefined) {
    if (!isUuid(options.fromParticipantId)) return [];
    conditions.push(
      exists(
        tx
          .select({ one: sql`1` })
          .from(participantIdChanges)
          .where(and(eq(participantIdChanges.participantId, participants.id), eq(participantIdChanges.fromParticipantId, options.fromParticipantId))),
      ),
    );
  }
  const order = (options.sort ?? []).map(({ field, direction }) => {
    const column = field === "created_at" ? participants.createdAt : updatedAt;
    return direction === "desc" ? desc(column) : asc(column);
  });
  if (order.length === 0) order.push(asc(participants.createdAt));
  // The computed updated_at needs the aggregates; otherwise "has an enrolment" is a cheaper semi-join.
  const needsUpdatedAt = options.updatedSince !== undefined || (options.sort ?? []).some((s) => s.field === "updated_at");
  const query = needsUpdatedAt
    ? tx
        .select({ participant: participants })
        .from(participants)
        .innerJoin(enrolled, eq(enrolled.participantId, participants.id))
        .leftJoin(changed, eq(changed.participantId, participants.id))
        .where(and(...conditions))
        .orderBy(...order, asc(participants.id))
    : tx
        .select({ participant: participants })
        .from(participants)
        .where(and(enrolment(), ...conditions))
        .orderBy(...order, asc(participants.id));
  const rows = options.pagination ? await query.limit(options.pagination.perPage).offset(options.pagination.offset) : await query;
  return hydrate(
    tx,
    actor,
    rows.map((r) => r.participant),
  );
}

/** The lead provider's participants, oldest first unless `sort` says otherwise. */
export async function listParticipants(actor: LeadProviderActor, options: ListParticipantsOptions): Promise<ParticipantRecord[]> {
  return queryParticipants(db(), actor, options);
}

/** One of the lead provider's participants; anyone else is a 404. */
export async function getParticipant(actor: LeadProviderActor, id: string, tx: DbOrTx = db()): Promise<ParticipantRecord> {
  if (!isUuid(id)) throw new NotFoundError();
  const record = await oneOrNotFound(queryParticipants(tx, actor, { ids: [id] }));
  return record;
}

type ActionContext = { tx: Tx; errors: DfeErrors; application: Application | null };

/**
 * The common part of every participant action (DfE's Participants::Action): the participant must be this lead
 * provider's (404), the course a known one (the request's documented course_identifier), and the participant enrolled
 * on it with this provider. The enrolment row is locked for the rest of the transaction.
 */
async function participantAction(
  actor: LeadProviderActor,
  participantId: string,
  course: CourseAttribute,
  validate: (ctx: ActionContext) => Promise<void> | void,
  apply: (ctx: ActionContext & { application: Application }) => { action: string; summary: string; changes: Partial<Application> },
): Promise<ParticipantRecord> {
  if (!isUuid(participantId)) throw new NotFoundError();
  await db().transaction(async (tx) => {
    await assertParticipant(tx, actor, participantId);
    const errors = new DfeErrors();
    const courseIdentifier = conforms(course.documented, course.value) ? course.value : null;
    if (!courseIdentifier) {
      errors.add("course_identifier", message("participant_course_identifier.inclusion", { parameterized_attribute: "course_identifier" }));
    }
    const [application] = courseIdentifier
      ? await tx
          .select()
          .from(npqApplications)
          .where(and(eq(npqApplications.participantId, participantId), eq(npqApplications.courseIdentifier, courseIdentifier), acceptedWith(actor)))
          .orderBy(desc(npqApplications.cohort), desc(npqApplications.acceptedAt))
          .limit(1)
          .for("update")
      : [];
    if (!application) errors.add("participant_id", message("participant_id.invalid_participant"));
    const ctx: ActionContext = { tx, errors, application: application ?? null };
    await validate(ctx);
    errors.throwIfAny();

    const { action, summary, changes } = apply({ ...ctx, application: application! });
    try {
      // A savepoint, so that the accepted-application index refusing a cohort change is answered as a 422.
      await tx.transaction(async (savepoint) => {
        await savepoint.update(npqApplications).set(changes).where(eq(npqApplications.id, application!.id));
      });
    } catch (error) {
      // Another provider already has this participant on the course in the new cohort.
      if (isOneAcceptedViolation(error)) throw invalid("cohort", message("application.has_another_accepted_application"));
      throw error;
    }
    const before = Object.fromEntries(Object.keys(changes).map((key) => [key, application![key as keyof Application]]));
    await recordAudit(tx, actor.auditActor, {
      action,
      entityType: "npq_application",
      entityId: application!.id,
      summary,
      before,
      after: changes,
      organisationId: actor.leadProviderId,
    });
  });
  return getParticipant(actor, participantId);
}

async function declarationsOf(tx: Tx, actor: LeadProviderActor, applicationId: string) {
  return tx
    .select({ declarationType: declarations.declarationType, declarationDate: declarations.declarationDate, state: declarations.state })
    .from(declarations)
    .where(and(eq(declarations.applicationId, applicationId), eq(declarations.leadProviderId, actor.leadProviderId)));
}

const isBillable = (state: string) => (BILLABLE_STATES as readonly string[]).includes(state);

/** A participant takes a break from the course (DfE: only when active, and only once a declaration exists). */
export async function deferParticipant(
  actor: LeadProviderActor,
  participantId: string,
  input: { courseIdentifier?: unknown; reason?: unknown },
): Promise<ParticipantRecord> {
  return participantAction(
    actor,
    participantId,
    { value: input.courseIdentifier, documented: npqParticipantDeferAttributes.shape.course_identifier },
    async ({ tx, errors, application }) => {
      if (!conforms(npqParticipantDeferAttributes.shape.reason, input.reason))
        errors.add("reason", message("participant_reason.inclusion", { parameterized_attribute: "reason" }));
      if (!application) return;
      if (application.trainingStatus === "deferred") errors.add("participant_id", message("participant_id.already_deferred"));
      if (application.trainingStatus === "withdrawn") errors.add("participant_id", message("participant_id.already_withdrawn"));
      if ((await declarationsOf(tx, actor, application.id)).length === 0) errors.add("participant_id", message("participant_id.no_declarations"));
    },
    ({ application }) => ({
      action: "npq_participant.deferred",
      summary: `Deferred the participant's ${application.courseIdentifier} training (${String(input.reason)})`,
      changes: { trainingStatus: "deferred", deferralReason: input.reason as string, deferredAt: actor.now, updatedAt: actor.now },
    }),
  );
}

/** A deferred or withdrawn participant resumes training. */
export async function resumeParticipant(actor: LeadProviderActor, participantId: string, input: { courseIdentifier?: unknown }): Promise<ParticipantRecord> {
  return participantAction(
    actor,
    participantId,
    { value: input.courseIdentifier, documented: npqParticipantResumeAttributes.shape.course_identifier },
    ({ errors, application }) => {
      if (application?.trainingStatus === "active") errors.add("participant_id", message("participant_id.already_active"));
    },
    ({ application }) => ({
      action: "npq_participant.resumed",
      summary: `Resumed the participant's ${application.courseIdentifier} training`,
      changes: { trainingStatus: "active", updatedAt: actor.now },
    }),
  );
}

/** A participant leaves the course (DfE: only once a started declaration has been submitted). */
export async function withdrawParticipant(
  actor: LeadProviderActor,
  participantId: string,
  input: { courseIdentifier?: unknown; reason?: unknown },
): Promise<ParticipantRecord> {
  return participantAction(
    actor,
    participantId,
    { value: input.courseIdentifier, documented: npqParticipantWithdrawAttributes.shape.course_identifier },
    async ({ tx, errors, application }) => {
      if (!conforms(npqParticipantWithdrawAttributes.shape.reason, input.reason))
        errors.add("reason", message("participant_reason.inclusion", { parameterized_attribute: "reason" }));
      if (application?.trainingStatus === "withdrawn") errors.add("participant_id", message("participant_id.already_withdrawn"));
      // DfE counts a started declaration in any state (npq-registration Participants::Withdraw#has_started_declarations).
      const started = application ? (await declarationsOf(tx, actor, application.id)).some((d) => d.declarationType === "started") : false;
      if (!started) errors.add("participant_id", message("participant_id.no_started_declarations"));
    },
    ({ application }) => ({
      action: "npq_participant.withdrawn",
      summary: `Withdrew the participant from ${application.courseIdentifier} (${String(input.reason)})`,
      changes: { trainingStatus: "withdrawn", withdrawalReason: input.reason as string, withdrawnAt: actor.now, updatedAt: actor.now },
    }),
  );
}

export type ChangeScheduleInput = { scheduleIdentifier?: unknown; courseIdentifier?: unknown; cohort?: unknown };

/** The cohort a change-schedule request names: a year as a string or a number; anything else names no cohort. */
function requestedCohort(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value).trim();
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

/**
 * Moves an enrolment to another schedule, and with `cohort` to that cohort's schedule. Refused when an existing
 * billable declaration's date would fall outside the new schedule's window for its type, when the schedule is the
 * current one, and (cohort change) once billable declarations exist or from a capped cohort to an uncapped one.
 */
export async function changeSchedule(actor: LeadProviderActor, participantId: string, input: ChangeScheduleInput): Promise<ParticipantRecord> {
  type Target = Pick<Schedule, "id" | "identifier" | "cohort" | "type">;
  let target: Target | null = null;
  return participantAction(
    actor,
    participantId,
    { value: input.courseIdentifier, documented: npqParticipantChangeScheduleAttributes.shape.course_identifier },
    async ({ tx, errors, application }) => {
      // The schedule is looked up in the cohort's schedules (a trimmed identifier, a cohort as a string or a number),
      // not checked against the documented list: DfE answers any miss with the same message.
      const identifier = typeof input.scheduleIdentifier === "string" ? input.scheduleIdentifier.trim() : "";
      const cohort = requestedCohort(input.cohort);
      const cohortYear = cohort === undefined ? (application?.cohort ?? null) : cohort;
      if (identifier && cohortYear !== null) {
        const [row] = await tx
          .select({ id: schedules.id, identifier: schedules.identifier, cohort: schedules.cohort, type: schedules.type })
          .from(schedules)
          .where(and(eq(schedules.identifier, identifier), eq(schedules.cohort, cohortYear)));
        target = row ?? null;
      }
      if (!target) errors.add("schedule_identifier", message("schedule_identifier.blank", { parameterized_attribute: "schedule_identifier" }));
      if (!application) return;
      const schedule = target as Target | null;
      if (application.trainingStatus === "withdrawn") errors.add("participant_id", message("participant_id.already_withdrawn"));
      if (!schedule) return;

      const billable = (await declarationsOf(tx, actor, application.id)).filter((d) => isBillable(d.state));
      const milestones = await milestonesOf(tx, [schedule.id]);
      if (invalidatesDeclarations(milestones, billable)) errors.add("schedule_identifier", message("schedule_identifier.invalidates_declaration"));
      if (schedule.id === application.scheduleId) errors.add("schedule_identifier", message("schedule_identifier.schedule_has_not_changed"));
      if (!errors.any && schedule.type !== scheduleTypeFor(application.courseIdentifier)) {
        errors.add("schedule_identifier", message("schedule_identifier.invalid_for_course"));
      }
      if (!errors.any && billable.length > 0 && schedule.cohort !== application.cohort) {
        errors.add("cohort", message("cohort.cannot_change_with_declarations"));
      }
      if (schedule.cohort !== application.cohort && application.cohort >= FUNDING_CAP_FROM_COHORT && schedule.cohort < FUNDING_CAP_FROM_COHORT) {
        errors.add("cohort", message("cohort.cannot_change_to_cohort_without_funding_cap"));
      }
    },
    ({ application }) => {
      const schedule = target!;
      const changes: Partial<Application> = { scheduleId: schedule.id, updatedAt: actor.now };
      if (schedule.cohort !== application.cohort) changes.cohort = schedule.cohort;
      // Into a capped cohort from an uncapped one: DfE funds the place when the participant is eligible.
      if (application.cohort < FUNDING_CAP_FROM_COHORT && schedule.cohort >= FUNDING_CAP_FROM_COHORT) changes.fundedPlace = application.eligibleForFunding;
      return {
        action: "npq_participant.schedule_changed",
        summary: `Changed the participant's ${application.courseIdentifier} schedule to ${schedule.identifier} (cohort ${schedule.cohort})`,
        changes,
      };
    },
  );
}
