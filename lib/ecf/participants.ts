import "server-only";
import { and, asc, desc, eq, gte, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { declarations, ecfProfiles, participantIdChanges, participants, schedules } from "@/db/schema";
import { BILLABLE_STATES } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { ecfParticipantDeferAttributes, ecfParticipantWithdrawAttributes } from "@/lib/dfe/api-schemas";
import { conforms, isBlank, textAttribute } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import { isUuid, type Pagination } from "@/lib/api/http";
import { ECF_MESSAGES } from "@/lib/api/messages";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { invalidatesDeclarations, milestonesOf } from "@/lib/dfe/schedules";
import { SHARED_MESSAGES, participantTypeFor, type EcfParticipantRecord } from "./serialize";
import type { EcfProfile } from "@/db/schema";

/**
 * ECF API v2 participants (ECTs and mentors): a participant is a teacher (`participants.id`) and the record shown is
 * their training record with the calling lead provider (`ecf_profiles`, training_record_id). Every query is scoped
 * to the actor's lead provider; another provider's participants are unknown here. A request's reason is checked
 * against its documented schema (lib/dfe/api-schemas.ts: the ECFParticipant…Attributes), as DfE's ECF lists them.
 */

/** Replacement schedules are DfE's Finance::Schedule::Mentor: mentors only. The others take both courses. */
export function scheduleAllowsCourse(scheduleType: string, course: string): boolean {
  return scheduleType === "ecf_replacement" ? course === "ecf-mentor" : course === "ecf-induction" || course === "ecf-mentor";
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const recordColumns = {
  participantId: participants.id,
  trainingRecordId: ecfProfiles.id,
  email: participants.email,
  fullName: participants.fullName,
  mentorId: ecfProfiles.mentorParticipantId,
  schoolUrn: ecfProfiles.schoolUrn,
  participantType: ecfProfiles.participantType,
  cohort: ecfProfiles.cohort,
  status: ecfProfiles.status,
  trn: participants.trn,
  trnValidated: participants.trnValidated,
  eligibleForFunding: ecfProfiles.eligibleForFunding,
  pupilPremiumUplift: ecfProfiles.pupilPremiumUplift,
  sparsityUplift: ecfProfiles.sparsityUplift,
  trainingStatus: ecfProfiles.trainingStatus,
  scheduleIdentifier: schedules.identifier,
  createdAt: ecfProfiles.createdAt,
  updatedAt: sql<Date>`greatest(${participants.updatedAt}, ${ecfProfiles.updatedAt})`.mapWith(ecfProfiles.updatedAt),
};

function participantRecords(tx: DbOrTx, where: SQL | undefined) {
  return tx
    .select(recordColumns)
    .from(ecfProfiles)
    .innerJoin(participants, eq(participants.id, ecfProfiles.participantId))
    .innerJoin(schedules, eq(schedules.id, ecfProfiles.scheduleId))
    .where(where);
}

/**
 * The one training record per participant that the lead provider sees, as DfE de-duplicates a teacher who is both
 * an ECT and a mentor: the most active (active, then deferred, then withdrawn), then the newest.
 */
function visibleRecordIds(tx: DbOrTx, actor: LeadProviderActor, participantId?: string) {
  return tx
    .selectDistinctOn([ecfProfiles.participantId], { id: ecfProfiles.id })
    .from(ecfProfiles)
    .where(and(eq(ecfProfiles.leadProviderId, actor.leadProviderId), participantId ? eq(ecfProfiles.participantId, participantId) : undefined))
    .orderBy(ecfProfiles.participantId, asc(ecfProfiles.trainingStatus), desc(ecfProfiles.createdAt), desc(ecfProfiles.id));
}

export type EcfParticipantFilters = {
  /** Absent for the CSV download, which has every row. */
  pagination?: Pagination;
  cohorts?: number[];
  updatedSince?: Date;
};

/** GET /api/v2/participants/ecf (and .csv): filter[cohort], filter[updated_since]; oldest training record first. */
export async function listEcfParticipants(actor: LeadProviderActor, filters: EcfParticipantFilters = {}): Promise<EcfParticipantRecord[]> {
  const conditions: (SQL | undefined)[] = [eq(ecfProfiles.leadProviderId, actor.leadProviderId), inArray(ecfProfiles.id, visibleRecordIds(db(), actor))];
  if (filters.cohorts) conditions.push(inArray(ecfProfiles.cohort, filters.cohorts));
  // updated_at is the later of the teacher's and the training record's.
  if (filters.updatedSince) conditions.push(or(gte(participants.updatedAt, filters.updatedSince), gte(ecfProfiles.updatedAt, filters.updatedSince)));
  const query = participantRecords(db(), and(...conditions)).orderBy(asc(ecfProfiles.createdAt), asc(ecfProfiles.id));
  const rows = filters.pagination ? await query.limit(filters.pagination.perPage).offset(filters.pagination.offset) : await query;
  return rows as EcfParticipantRecord[];
}

/** GET /api/v2/participants/ecf/{id}: an unknown id, or another lead provider's participant, is not found. */
export async function getEcfParticipant(actor: LeadProviderActor, participantId: string): Promise<EcfParticipantRecord> {
  if (!isUuid(participantId)) throw new NotFoundError("Participant not found.");
  const row = await oneOrNotFound(
    participantRecords(
      db(),
      and(
        eq(ecfProfiles.leadProviderId, actor.leadProviderId),
        eq(ecfProfiles.participantId, participantId),
        inArray(ecfProfiles.id, visibleRecordIds(db(), actor, participantId)),
      ),
    ),
    "Participant not found.",
  );
  return row as EcfParticipantRecord;
}

/** One training record by its id (the lead provider's own). */
export async function ecfParticipantRecord(tx: DbOrTx, actor: LeadProviderActor, trainingRecordId: string): Promise<EcfParticipantRecord> {
  const row = await oneOrNotFound(
    participantRecords(tx, and(eq(ecfProfiles.id, trainingRecordId), eq(ecfProfiles.leadProviderId, actor.leadProviderId))),
    "Participant not found.",
  );
  return row as EcfParticipantRecord;
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving a participant_id and course_identifier to a training record

export type EcfProfileRow = EcfProfile & { fullName: string; trn: string | null };

/**
 * The lead provider's training records for a participant id (following DfE's participant id changes when the id was
 * retired in a de-duplication), locked for update. None when the id is unknown or belongs to another provider.
 */
export async function trainingRecordsOf(tx: Tx, actor: LeadProviderActor, participantId: string | null): Promise<EcfProfileRow[]> {
  if (!participantId || !isUuid(participantId)) return [];
  const load = async (id: string) => {
    const rows = await tx
      .select({ profile: ecfProfiles, fullName: participants.fullName, trn: participants.trn })
      .from(ecfProfiles)
      .innerJoin(participants, eq(participants.id, ecfProfiles.participantId))
      .where(and(eq(ecfProfiles.participantId, id), eq(ecfProfiles.leadProviderId, actor.leadProviderId)))
      .orderBy(asc(ecfProfiles.createdAt))
      .for("update", { of: ecfProfiles });
    return rows.map((r) => ({ ...r.profile, fullName: r.fullName, trn: r.trn }));
  };
  const direct = await load(participantId);
  if (direct.length > 0) return direct;
  const [change] = await tx
    .select({ to: participantIdChanges.toParticipantId })
    .from(participantIdChanges)
    .where(eq(participantIdChanges.fromParticipantId, participantId))
    .orderBy(desc(participantIdChanges.createdAt))
    .limit(1);
  return change ? load(change.to) : [];
}

/** The training record for a course (ecf-induction → the ECT record, ecf-mentor → the mentor record), if any. */
export function recordForCourse(records: EcfProfileRow[], course: string | null): EcfProfileRow | null {
  const type = participantTypeFor(course);
  return (type && records.find((r) => r.participantType === type)) || null;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions: defer, resume, withdraw, change schedule

const label = (r: EcfProfileRow) => `${r.fullName}'s ${r.participantType === "ect" ? "ECF induction" : "ECF mentor"} training`;
const snapshot = (r: EcfProfile) => ({
  trainingStatus: r.trainingStatus,
  scheduleId: r.scheduleId,
  cohort: r.cohort,
  deferralReason: r.deferralReason,
  withdrawalReason: r.withdrawalReason,
});

async function update(
  tx: Tx,
  actor: LeadProviderActor,
  record: EcfProfileRow,
  changes: Partial<typeof ecfProfiles.$inferInsert>,
  audit: { action: string; summary: string },
) {
  const [updated] = await tx
    .update(ecfProfiles)
    .set({ ...changes, updatedAt: actor.now })
    .where(and(eq(ecfProfiles.id, record.id), eq(ecfProfiles.leadProviderId, actor.leadProviderId)))
    .returning();
  await recordAudit(tx, actor.auditActor, {
    action: audit.action,
    entityType: "ecf_profile",
    entityId: record.id,
    summary: audit.summary,
    before: snapshot(record),
    after: snapshot(updated!),
    organisationId: actor.leadProviderId,
  });
  return ecfParticipantRecord(tx, actor, record.id);
}

/**
 * PUT /api/v2/participants/ecf/{id}/defer — DfE's DeferParticipant: the training record must exist for the course,
 * the reason be one of the deferral reasons, and the participant neither deferred nor withdrawn already.
 */
export async function deferEcfParticipant(actor: LeadProviderActor, participantId: string, attributes: Record<string, unknown>): Promise<EcfParticipantRecord> {
  const course = textAttribute(attributes.course_identifier);
  const reason = textAttribute(attributes.reason);
  return db().transaction(async (tx) => {
    const record = recordForCourse(await trainingRecordsOf(tx, actor, participantId), course);
    const errors = new DfeErrors("joined");
    if (!record) errors.add("participant_id", SHARED_MESSAGES.invalid_participant);
    if (isBlank(reason)) errors.add("reason", SHARED_MESSAGES.missing_reason);
    if (!conforms(ecfParticipantDeferAttributes.shape.reason, attributes.reason)) errors.add("reason", SHARED_MESSAGES.invalid_reason);
    if (!record) errors.add("course_identifier", SHARED_MESSAGES.invalid_course);
    if (record?.trainingStatus === "deferred") errors.add("participant_profile", SHARED_MESSAGES.already_deferred);
    if (record?.trainingStatus === "withdrawn") errors.add("participant_profile", SHARED_MESSAGES.already_withdrawn);
    errors.throwIfAny();
    return update(
      tx,
      actor,
      record!,
      { trainingStatus: "deferred", deferralReason: reason, deferredAt: actor.now },
      { action: "ecf_participant.deferred", summary: `Deferred ${label(record!)} (${reason})` },
    );
  });
}

/** PUT /api/v2/participants/ecf/{id}/resume — DfE's ResumeParticipant: not already active, and not withdrawn. */
export async function resumeEcfParticipant(
  actor: LeadProviderActor,
  participantId: string,
  attributes: Record<string, unknown>,
): Promise<EcfParticipantRecord> {
  const course = textAttribute(attributes.course_identifier);
  return db().transaction(async (tx) => {
    const record = recordForCourse(await trainingRecordsOf(tx, actor, participantId), course);
    const errors = new DfeErrors("joined");
    if (!record) {
      errors.add("participant_id", SHARED_MESSAGES.invalid_participant);
      errors.add("course_identifier", SHARED_MESSAGES.invalid_course);
    }
    if (record?.trainingStatus === "active") errors.add("participant_profile", SHARED_MESSAGES.already_active);
    if (record?.trainingStatus === "withdrawn") errors.add("participant_profile", SHARED_MESSAGES.already_withdrawn);
    errors.throwIfAny();
    return update(tx, actor, record!, { trainingStatus: "active" }, { action: "ecf_participant.resumed", summary: `Resumed ${label(record!)}` });
  });
}

/**
 * PUT /api/v2/participants/ecf/{id}/withdraw — DfE's WithdrawParticipant: the reason is checked once the training
 * record is found, and the participant must not be withdrawn already. DfE requires a started declaration only for
 * NPQ participants (WithdrawParticipant#with_started_participant_declarations returns early for ECF profiles).
 */
export async function withdrawEcfParticipant(
  actor: LeadProviderActor,
  participantId: string,
  attributes: Record<string, unknown>,
): Promise<EcfParticipantRecord> {
  const course = textAttribute(attributes.course_identifier);
  const reason = textAttribute(attributes.reason);
  return db().transaction(async (tx) => {
    const record = recordForCourse(await trainingRecordsOf(tx, actor, participantId), course);
    const errors = new DfeErrors("joined");
    if (!record) errors.add("participant_id", SHARED_MESSAGES.invalid_participant);
    if (record) {
      if (isBlank(reason)) errors.add("reason", SHARED_MESSAGES.missing_reason);
      if (!conforms(ecfParticipantWithdrawAttributes.shape.reason, attributes.reason)) errors.add("reason", SHARED_MESSAGES.invalid_reason);
    }
    if (!record) errors.add("course_identifier", SHARED_MESSAGES.invalid_course);
    if (isBlank(course)) errors.add("course_identifier", SHARED_MESSAGES.missing_course_identifier);
    if (record?.trainingStatus === "withdrawn") errors.add("participant_profile", SHARED_MESSAGES.already_withdrawn);
    errors.throwIfAny();
    return update(
      tx,
      actor,
      record!,
      { trainingStatus: "withdrawn", withdrawalReason: reason, withdrawnAt: actor.now },
      { action: "ecf_participant.withdrawn", summary: `Withdrew ${label(record!)} (${reason})` },
    );
  });
}

/**
 * PUT /api/v2/participants/ecf/{id}/change-schedule — DfE's ChangeSchedule. The schedule is looked up in the
 * requested cohort (default: the training record's). Refused when the participant is withdrawn, when a billable
 * declaration would fall outside the new schedule's milestones, when it is the current schedule, when the schedule
 * does not take the course (replacement schedules are for mentors), or when the cohort would change although
 * billable declarations exist.
 */
export async function changeEcfSchedule(actor: LeadProviderActor, participantId: string, attributes: Record<string, unknown>): Promise<EcfParticipantRecord> {
  const course = textAttribute(attributes.course_identifier);
  const scheduleIdentifier = textAttribute(attributes.schedule_identifier);
  const rawCohort = textAttribute(attributes.cohort);
  return db().transaction(async (tx) => {
    const records = await trainingRecordsOf(tx, actor, participantId);
    const record = recordForCourse(records, course);
    const errors = new DfeErrors("joined");
    if (records.length === 0) errors.add("participant_id", SHARED_MESSAGES.invalid_participant);
    if (!record) errors.add("course_identifier", SHARED_MESSAGES.invalid_course);
    if (isBlank(course)) errors.add("course_identifier", SHARED_MESSAGES.missing_course_identifier);

    const cohort = rawCohort !== null && /^\s*\d+\s*$/.test(rawCohort) ? Number(rawCohort) : (record?.cohort ?? null);
    const [schedule] =
      !isBlank(scheduleIdentifier) && cohort !== null
        ? await tx
            .select()
            .from(schedules)
            .where(and(eq(schedules.identifier, scheduleIdentifier), eq(schedules.cohort, cohort), like(schedules.type, "ecf\\_%")))
        : [];
    if (isBlank(scheduleIdentifier) || (cohort !== null && !schedule)) errors.add("schedule_identifier", ECF_MESSAGES.invalid_schedule);
    if (record?.trainingStatus === "withdrawn") errors.add("participant_id", ECF_MESSAGES.withdrawn_participant);

    const billable = record
      ? await tx
          .select({ declarationType: declarations.declarationType, declarationDate: declarations.declarationDate })
          .from(declarations)
          .where(and(eq(declarations.ecfProfileId, record.id), inArray(declarations.state, [...BILLABLE_STATES])))
      : [];
    if (record && schedule) {
      const milestones = await milestonesOf(tx, [schedule.id]);
      if (invalidatesDeclarations(milestones, billable)) errors.add("schedule_identifier", SHARED_MESSAGES.invalidates_declaration);
      if (schedule.id === record.scheduleId) errors.add("schedule_identifier", ECF_MESSAGES.schedule_already_on_the_profile);
      if (!scheduleAllowsCourse(schedule.type, course ?? "")) errors.add("schedule_identifier", ECF_MESSAGES.schedule_invalid_for_course);
    }
    if (record && billable.length > 0 && cohort !== record.cohort) errors.add("cohort", ECF_MESSAGES.cannot_change_cohort);
    errors.throwIfAny();
    return update(
      tx,
      actor,
      record!,
      { scheduleId: schedule!.id, cohort: schedule!.cohort },
      { action: "ecf_participant.schedule_changed", summary: `Moved ${label(record!)} to the ${schedule!.identifier} schedule (${schedule!.cohort} cohort)` },
    );
  });
}
