import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { declarations, scheduleMilestones } from "@/db/schema";
import { DECLARATION_TYPES } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { DFE_ENUMS } from "@/lib/dfe/api-schemas";
import { isBlank, textAttribute } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import { invalid, isUuid, type Pagination } from "@/lib/api/http";
import { ECF_MESSAGES } from "@/lib/api/messages";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { recordForCourse, trainingRecordsOf, type EcfProfileRow } from "./participants";
import { SHARED_MESSAGES, courseFor, readDeclarationDate, type EcfDeclarationRecord, type EcfParticipantType } from "./serialize";
import { billableDeclarationsOf, hasBillableTwin, isOneBillableViolation, lockOwnDeclaration, voidingOf } from "@/lib/dfe/declarations";
import { nextOutputFeeStatement } from "@/lib/dfe/statements";
import { londonDate } from "@/lib/calendar/london";

/**
 * ECF API v2 participant declarations: an ECT's or mentor's milestone, declared by the lead provider of their
 * training record (`declarations.ecf_profile_id`; `application_id` stays null). Every query is scoped to the
 * actor's lead provider.
 */

// ---------------------------------------------------------------------------------------------------------------
// Evidence held (ecf-api-v2.json: the Pre2025 and Post2024 declaration request schemas)

/** From the 2025 cohort DfE asks for detailed evidence types and mentors only declare started and completed. */
export const DETAILED_EVIDENCE_FROM_COHORT = 2025;
// The documented evidence_held lists (ecf-api-v2.json). DfE's ECT retained-2 takes only the engagement ones and its
// other retained types only the detailed ones, narrower than the one list the spec documents for ECT retained.
const SIMPLE_EVIDENCE = DFE_ENUMS.ecfEvidenceHeldPre2025;
const DETAILED_EVIDENCE = DFE_ENUMS.ecfEvidenceHeldPost2024;
const ENGAGEMENT_EVIDENCE = DFE_ENUMS.ecfEvidenceHeldPost2024MentorCompleted;
const ECT_COMPLETED_EVIDENCE = DFE_ENUMS.ecfEvidenceHeldPost2024EctCompleted;

/**
 * What `evidence_held` a declaration needs: null when it is not looked at (a started declaration before 2025, or a
 * mentor's retained/extended one from 2025, which is refused for its type). Otherwise whether it is required and the
 * values allowed for the participant type, declaration type and cohort.
 */
export function evidenceRule(
  participantType: EcfParticipantType,
  cohort: number,
  declarationType: string,
): { required: boolean; allowed: readonly string[] } | null {
  if (cohort < DETAILED_EVIDENCE_FROM_COHORT) return declarationType === "started" ? null : { required: true, allowed: SIMPLE_EVIDENCE };
  if (declarationType === "started") return { required: false, allowed: DETAILED_EVIDENCE };
  if (participantType === "mentor") return declarationType === "completed" ? { required: true, allowed: ENGAGEMENT_EVIDENCE } : null;
  if (declarationType === "retained-2") return { required: true, allowed: ENGAGEMENT_EVIDENCE };
  if (declarationType === "completed") return { required: true, allowed: ECT_COMPLETED_EVIDENCE };
  return { required: true, allowed: DETAILED_EVIDENCE };
}

const mentorMayDeclare = (participantType: EcfParticipantType, cohort: number, declarationType: string) =>
  participantType !== "mentor" || cohort < DETAILED_EVIDENCE_FROM_COHORT || declarationType === "started" || declarationType === "completed";

// ---------------------------------------------------------------------------------------------------------------
// Reading

const recordColumns = {
  id: declarations.id,
  participantId: declarations.participantId,
  trainingRecordId: sql<string>`${declarations.ecfProfileId}`.mapWith(declarations.ecfProfileId),
  courseIdentifier: declarations.courseIdentifier,
  cohort: declarations.cohort,
  declarationType: declarations.declarationType,
  declarationDate: declarations.declarationDate,
  state: declarations.state,
  statementId: declarations.statementId,
  clawbackStatementId: declarations.clawbackStatementId,
  createdAt: declarations.createdAt,
  updatedAt: declarations.updatedAt,
};

const ownEcf = (actor: LeadProviderActor) => and(eq(declarations.leadProviderId, actor.leadProviderId), isNotNull(declarations.ecfProfileId));

async function loadRecord(tx: DbOrTx, actor: LeadProviderActor, id: string): Promise<EcfDeclarationRecord> {
  return oneOrNotFound(
    tx
      .select(recordColumns)
      .from(declarations)
      .where(and(ownEcf(actor), eq(declarations.id, id))),
    "Declaration not found.",
  );
}

export type EcfDeclarationFilters = {
  /** Absent for the CSV download, which has every row. */
  pagination?: Pagination;
  updatedSince?: Date;
  participantIds?: string[];
};

/** GET /api/v2/participant-declarations (and .csv): filter[participant_id], filter[updated_since]; by created_at, id. */
export async function listEcfDeclarations(actor: LeadProviderActor, filters: EcfDeclarationFilters = {}): Promise<EcfDeclarationRecord[]> {
  const conditions: (SQL | undefined)[] = [ownEcf(actor)];
  if (filters.participantIds) conditions.push(inArray(declarations.participantId, filters.participantIds));
  if (filters.updatedSince) conditions.push(gte(declarations.updatedAt, filters.updatedSince));
  const query = db()
    .select(recordColumns)
    .from(declarations)
    .where(and(...conditions))
    .orderBy(asc(declarations.createdAt), asc(declarations.id));
  return filters.pagination ? query.limit(filters.pagination.perPage).offset(filters.pagination.offset) : query;
}

/** GET /api/v2/participant-declarations/{id}: an unknown id, an NPQ one or another lead provider's is not found. */
export async function getEcfDeclaration(actor: LeadProviderActor, id: string): Promise<EcfDeclarationRecord> {
  if (!isUuid(id)) throw new NotFoundError("Declaration not found.");
  return loadRecord(db(), actor, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Create

type DeclarationType = (typeof DECLARATION_TYPES)[number];

/** Billable (submitted, eligible, payable, paid) declarations of a participant for a course and type, whoever made them. */
const billableFor = (participantId: string, course: string, type: string) =>
  billableDeclarationsOf({ participantId, courseIdentifier: course, declarationType: type });

/**
 * POST /api/v2/participant-declarations — DfE's RecordDeclaration for ECF. Idempotent: an exact copy of a declaration
 * that is submitted or billable answers with that declaration. Otherwise the errors are DfE's, in DfE's order:
 * participant known and not withdrawn before the date; date and type present; date not in the future, RFC 3339 and
 * inside the milestone; evidence held as the cohort's schedule of evidence types requires; an output-fee statement
 * open when the declaration would be paid; a milestone for the type; from 2025 mentors declare only started and
 * completed; no billable declaration for the same participant, course and type; the course is the participant's.
 *
 * The new declaration is `eligible` when the training record is eligible for funding, else `submitted`, and
 * `ineligible` when another participant with the same TRN already has a billable declaration for the course and type
 * (DfE's duplicate_declarations). Eligible and ineligible ones go on the next output-fee statement.
 */
export async function createEcfDeclaration(actor: LeadProviderActor, attributes: Record<string, unknown>): Promise<EcfDeclarationRecord> {
  const course = textAttribute(attributes.course_identifier);
  if (course?.startsWith("npq-")) throw invalid("course_identifier", ECF_MESSAGES.npq_course_no_longer_supported);
  for (let attempt = 0; ; attempt++) {
    try {
      return await recordDeclaration(actor, attributes);
    } catch (error) {
      if (!isOneBillableViolation(error)) throw error;
      // A concurrent request took the billable slot: answer again, now seeing it (an exact copy is idempotent).
      if (attempt > 0) throw invalid("base", ECF_MESSAGES.declaration_already_exists);
    }
  }
}

async function recordDeclaration(actor: LeadProviderActor, attributes: Record<string, unknown>): Promise<EcfDeclarationRecord> {
  const participantId = textAttribute(attributes.participant_id);
  const course = textAttribute(attributes.course_identifier);
  const type = textAttribute(attributes.declaration_type);
  const evidence = textAttribute(attributes.evidence_held);
  const rawDate = attributes.declaration_date;
  const { date, rfc3339: isRfc3339 } = readDeclarationDate(rawDate);

  return db().transaction(async (tx) => {
    const records = await trainingRecordsOf(tx, actor, participantId);
    const record = recordForCourse(records, course);

    if (record && date && !isBlank(type)) {
      const [same] = await tx
        .select({ id: declarations.id })
        .from(declarations)
        .where(and(eq(declarations.ecfProfileId, record.id), billableFor(record.participantId, course!, type), eq(declarations.declarationDate, date)))
        .limit(1);
      if (same) return loadRecord(tx, actor, same.id);
    }

    const errors = new DfeErrors("joined");
    const today = londonDate(actor.now);
    if (records.length === 0) errors.add("participant_id", SHARED_MESSAGES.invalid_participant);
    if (record?.trainingStatus === "withdrawn" && record.withdrawnAt && date && record.withdrawnAt <= date) {
      errors.add("participant_id", SHARED_MESSAGES.withdrawnBefore(record.withdrawnAt));
    }
    if (!date) errors.add("declaration_date", SHARED_MESSAGES.missing_declaration_date);
    if (isBlank(type)) errors.add("declaration_type", SHARED_MESSAGES.missing_declaration_type);

    const [milestone = null] =
      record && !isBlank(type)
        ? await tx
            .select()
            .from(scheduleMilestones)
            .where(and(eq(scheduleMilestones.scheduleId, record.scheduleId), eq(scheduleMilestones.declarationType, type)))
        : [];
    if (date) {
      if (date > actor.now) errors.add("declaration_date", SHARED_MESSAGES.future_declaration_date);
      if (!isRfc3339) errors.add("declaration_date", ECF_MESSAGES.invalid_declaration_date);
      if (milestone) {
        const day = londonDate(date);
        if (day < milestone.startDate) errors.add("declaration_date", ECF_MESSAGES.declaration_before_milestone_start);
        if (milestone.milestoneDate && day > milestone.milestoneDate) errors.add("declaration_date", ECF_MESSAGES.declaration_after_milestone_cutoff);
      }
    }

    if (record && !isBlank(type) && !errors.any && (DECLARATION_TYPES as readonly string[]).includes(type)) {
      const rule = evidenceRule(record.participantType, record.cohort, type);
      if (rule?.required && isBlank(evidence)) errors.add("evidence_held", ECF_MESSAGES.missing_evidence_held);
      else if (rule && !isBlank(evidence) && !rule.allowed.includes(evidence)) errors.add("evidence_held", ECF_MESSAGES.invalid_evidence_type);
    }

    const fundable = record?.eligibleForFunding === true;
    const statement = record ? await nextOutputFeeStatement(tx, "ecf", actor.leadProviderId, record.cohort, today) : null;
    if (record && fundable && !statement) errors.add("cohort", SHARED_MESSAGES.noOutputFeeStatement(record.cohort));

    if (record && !milestone) errors.add("declaration_type", SHARED_MESSAGES.mismatch_declaration_type_for_schedule);
    if (record && !isBlank(type) && !mentorMayDeclare(record.participantType, record.cohort, type))
      errors.add("declaration_type", ECF_MESSAGES.mentor_retained_after_2025);

    if (record && !isBlank(type)) {
      const [taken] = await tx
        .select({ id: declarations.id })
        .from(declarations)
        .where(billableFor(record.participantId, course!, type))
        .limit(1);
      if (taken) errors.add("base", ECF_MESSAGES.declaration_already_exists);
    }
    if (!record) errors.add("course_identifier", SHARED_MESSAGES.invalid_course);
    errors.throwIfAny();

    return insertDeclaration(tx, actor, record!, {
      type: type!,
      date: date!,
      fundable,
      statementId: statement?.id ?? null,
      evidenceHeld: isBlank(evidence) ? null : evidence!,
    });
  });
}

async function insertDeclaration(
  tx: DbOrTx,
  actor: LeadProviderActor,
  record: EcfProfileRow,
  d: { type: string; date: Date; fundable: boolean; statementId: string | null; evidenceHeld: string | null },
) {
  const course = courseFor(record.participantType);
  const duplicate = record.trn
    ? await hasBillableTwin(tx, { participantId: record.participantId, courseIdentifier: course, declarationType: d.type, trn: record.trn })
    : false;
  const state = duplicate ? "ineligible" : d.fundable ? "eligible" : "submitted";
  const [row] = await tx
    .insert(declarations)
    .values({
      participantId: record.participantId,
      ecfProfileId: record.id,
      leadProviderId: actor.leadProviderId,
      courseIdentifier: course,
      cohort: record.cohort,
      declarationType: d.type as DeclarationType,
      declarationDate: d.date,
      state,
      evidenceHeld: d.evidenceHeld,
      ineligibleForFundingReason: state === "ineligible" ? "duplicate_declaration" : null,
      statementId: state === "submitted" ? null : d.statementId,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning({ id: declarations.id });
  await recordAudit(tx, actor.auditActor, {
    action: "ecf_declaration.created",
    entityType: "declaration",
    entityId: row!.id,
    summary: `Declared ${d.type} for ${record.fullName} (${course}, ${state})`,
    after: {
      participantId: record.participantId,
      courseIdentifier: course,
      declarationType: d.type,
      declarationDate: d.date.toISOString(),
      evidenceHeld: d.evidenceHeld,
      state,
      statementId: state === "submitted" ? null : d.statementId,
    },
    organisationId: actor.leadProviderId,
  });
  return loadRecord(tx, actor, row!.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Void

/**
 * PUT /api/v2/participant-declarations/{id}/void — DfE's VoidParticipantDeclaration: a paid declaration becomes
 * awaiting_clawback on the next output-fee statement (none open: refused); a voided one, or one already being
 * clawed back, is refused; any other becomes voided. Refusals are DfE's `Invalid action` errors.
 */
export async function voidEcfDeclaration(actor: LeadProviderActor, id: string): Promise<EcfDeclarationRecord> {
  return db().transaction(async (tx) => {
    const row = await lockOwnDeclaration(tx, ownEcf(actor), id);
    const changes = await voidingOf(tx, "ecf", actor, row, {
      alreadyVoided: () => invalid(ECF_MESSAGES.invalid_transition, SHARED_MESSAGES.already_voided),
      alreadyRefunded: () => invalid(ECF_MESSAGES.invalid_transition, ECF_MESSAGES.declaration_not_voidable),
      // DfE answers with Finance::ClawbackDeclaration's full message, prefixed with the attribute's name.
      noOutputFeeStatement: (cohort) => invalid(ECF_MESSAGES.invalid_transition, `Participant declaration ${SHARED_MESSAGES.noOutputFeeStatement(cohort)}`),
    });
    await tx
      .update(declarations)
      .set({ ...changes, updatedAt: actor.now })
      .where(eq(declarations.id, row.id));
    await recordAudit(tx, actor.auditActor, {
      action: "ecf_declaration.voided",
      entityType: "declaration",
      entityId: row.id,
      summary: `Voided the ${row.declarationType} declaration (${row.courseIdentifier})${changes.state === "awaiting_clawback" ? ": paid, so it will be clawed back" : ""}`,
      before: { state: row.state },
      after: { state: changes.state, clawbackStatementId: changes.clawbackStatementId ?? null },
      organisationId: actor.leadProviderId,
    });
    return loadRecord(tx, actor, row.id);
  });
}
