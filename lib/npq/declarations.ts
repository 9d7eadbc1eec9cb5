import "server-only";
import { and, asc, desc, eq, exists, gte, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { declarations, deliveryPartners, npqApplications, organisations, outcomes, participantIdChanges, participants } from "@/db/schema";
import { NPQ_COURSES } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { DFE_ENUMS } from "@/lib/dfe/api-schemas";
import { isBlank } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import { invalid, isUuid, type Pagination } from "@/lib/api/http";
import { DECLARATION_MESSAGES, message } from "@/lib/api/messages";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { milestonesOf, withinMilestone } from "@/lib/dfe/schedules";
import { DELIVERY_PARTNER_FROM_COHORT } from "./reference";
import { rfc3339, type DeclarationRecord } from "./serialize-declarations";
import { acceptedWith } from "./enrolments";
import { insertOutcomeInTx, voidOutcomesForDeclaration } from "./outcomes";
import { billableDeclarationsOf, hasBillableTwin, isOneBillableViolation, lockOwnDeclaration, parseDeclarationDate, voidingOf } from "@/lib/dfe/declarations";
import { existingPartners, partnersInCohort } from "@/lib/dfe/delivery-partners";
import { nextOutputFeeStatement } from "@/lib/dfe/statements";
import { londonDate } from "@/lib/calendar/london";

/**
 * NPQ participant declarations for the DfE Lead Provider API v3: list, show, create, void and change delivery
 * partner. Every query is scoped to the actor's lead provider and to NPQ declarations (those on an application;
 * ECF declarations share the table). Every date rule uses `actor.now`, the request's clock.
 */

/** The declaration types an NPQ schedule can have (DfE Milestone::DECLARATION_TYPES): the documented declaration_type. */
export const NPQ_DECLARATION_TYPES = DFE_ENUMS.npqDeclarationType;

// ---------------------------------------------------------------------------------------------------------------
// Reading

const primaryPartner = alias(deliveryPartners, "primary_delivery_partner");
const secondaryPartner = alias(deliveryPartners, "secondary_delivery_partner");

/** The state of a declaration's most recent outcome. */
const latestOutcomeState = sql<DeclarationRecord["outcomeState"]>`(
  select "outcomes"."state" from "outcomes"
  where "outcomes"."declaration_id" = "declarations"."id"
  order by "outcomes"."created_at" desc, "outcomes"."id" desc
  limit 1
)`;

function declarationRecords(tx: DbOrTx, where: SQL | undefined) {
  return tx
    .select({
      id: declarations.id,
      participantId: declarations.participantId,
      applicationId: declarations.applicationId,
      leadProviderId: declarations.leadProviderId,
      leadProviderName: organisations.name,
      courseIdentifier: declarations.courseIdentifier,
      cohort: declarations.cohort,
      declarationType: declarations.declarationType,
      declarationDate: declarations.declarationDate,
      state: declarations.state,
      outcomeState: latestOutcomeState,
      ineligibleForFundingReason: declarations.ineligibleForFundingReason,
      statementId: declarations.statementId,
      clawbackStatementId: declarations.clawbackStatementId,
      deliveryPartnerId: declarations.deliveryPartnerId,
      deliveryPartnerName: primaryPartner.name,
      secondaryDeliveryPartnerId: declarations.secondaryDeliveryPartnerId,
      secondaryDeliveryPartnerName: secondaryPartner.name,
      createdAt: declarations.createdAt,
      updatedAt: declarations.updatedAt,
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.leadProviderId))
    .leftJoin(primaryPartner, eq(primaryPartner.id, declarations.deliveryPartnerId))
    .leftJoin(secondaryPartner, eq(secondaryPartner.id, declarations.secondaryDeliveryPartnerId))
    .where(where)
    .$dynamic();
}

type RawRecord = Awaited<ReturnType<typeof declarationRecords>>[number];
const toRecord = (r: RawRecord): DeclarationRecord => ({ ...r, applicationId: r.applicationId! });

/** The actor's NPQ declarations. */
const ownNpq = (actor: LeadProviderActor) => and(eq(declarations.leadProviderId, actor.leadProviderId), isNotNull(declarations.applicationId));

async function loadRecord(tx: DbOrTx, actor: LeadProviderActor, id: string): Promise<DeclarationRecord> {
  const row = await oneOrNotFound(declarationRecords(tx, and(ownNpq(actor), eq(declarations.id, id))), "Declaration not found.");
  return toRecord(row);
}

export type ListDeclarationsOptions = {
  pagination: Pagination;
  cohorts?: number[];
  updatedSince?: Date;
  participantIds?: string[];
};

/**
 * GET /api/v3/participant-declarations: the actor's declarations by created_at then id. `updatedSince` also
 * matches declarations whose outcome changed since (as DfE's Declarations::Query does).
 */
export async function listDeclarations(actor: LeadProviderActor, options: ListDeclarationsOptions): Promise<DeclarationRecord[]> {
  if (options.cohorts?.length === 0 || options.participantIds?.length === 0) return [];
  const conditions: (SQL | undefined)[] = [ownNpq(actor)];
  if (options.cohorts) conditions.push(inArray(declarations.cohort, options.cohorts));
  if (options.participantIds) conditions.push(inArray(declarations.participantId, options.participantIds));
  if (options.updatedSince) {
    const since = options.updatedSince;
    conditions.push(
      or(
        gte(declarations.updatedAt, since),
        exists(
          db()
            .select({ one: sql`1` })
            .from(outcomes)
            .where(and(eq(outcomes.declarationId, declarations.id), gte(outcomes.updatedAt, since))),
        ),
      ),
    );
  }
  const rows = await declarationRecords(db(), and(...conditions))
    .orderBy(asc(declarations.createdAt), asc(declarations.id))
    .limit(options.pagination.perPage)
    .offset(options.pagination.offset);
  return rows.map(toRecord);
}

/** GET /api/v3/participant-declarations/{id}: another lead provider's or an unknown id is not found. */
export async function getDeclaration(actor: LeadProviderActor, id: string): Promise<DeclarationRecord> {
  if (!isUuid(id)) throw new NotFoundError("Declaration not found.");
  return loadRecord(db(), actor, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

const isPresent = (value: unknown) => !isBlank(value);
const asText = (value: unknown) => (typeof value === "string" ? value.trim() : JSON.stringify(value));

// ---------------------------------------------------------------------------------------------------------------
// Create

/**
 * POST /api/v3/participant-declarations. Validates as DfE's Declarations::Create does, then in one transaction
 * (the participant's application locked FOR UPDATE) records the declaration on the next open output-fee
 * statement, with its outcome when it is `completed`.
 *
 * - `eligible` when the application is fundable (eligible for funding and funded_place not false), else `submitted`.
 * - Another billable declaration of the same type for this participant and course is refused (422 "base"), as
 *   DfE's guide says ("Any attempts to submit duplicate declarations will return an error message") and its code
 *   does; concurrent submissions meet the application lock or, failing that, the partial unique index.
 * - The same person under another participant_id (same TRN) with a billable declaration of that type and course
 *   is stored `ineligible` with ineligible_for_funding_reason "duplicate_declaration" (DfE's set_eligibility!).
 */
export async function createDeclaration(actor: LeadProviderActor, attributes: Record<string, unknown>): Promise<DeclarationRecord> {
  // DfE's 422s here: errors grouped by attribute, each attribute's distinct messages joined by ", " (API::Errors::Response).
  const blanks = new DfeErrors("joined");
  if (!isPresent(attributes.participant_id)) blanks.add("participant_id", message("participant_id.blank"));
  if (!isPresent(attributes.declaration_type))
    blanks.add("declaration_type", message("declaration_type.blank", { parameterized_attribute: "declaration_type" }));
  if (!isPresent(attributes.declaration_date))
    blanks.add("declaration_date", message("declaration_date.blank", { parameterized_attribute: "declaration_date" }));
  if (!isPresent(attributes.course_identifier)) {
    blanks.add("course_identifier", message("participant_course_identifier.blank", { parameterized_attribute: "course_identifier" }));
  }
  blanks.throwIfAny();

  const participantId = asText(attributes.participant_id);
  const declarationType = asText(attributes.declaration_type);
  const rawDate = attributes.declaration_date;
  const courseIdentifier = asText(attributes.course_identifier);

  try {
    return await db().transaction(async (tx) => {
      // A retired participant_id (DfE merged the person's records) is reported with its replacement.
      if (isUuid(participantId)) {
        const [change] = await tx.select().from(participantIdChanges).where(eq(participantIdChanges.fromParticipantId, participantId)).limit(1);
        if (change) {
          throw invalid(
            "participant_id",
            DECLARATION_MESSAGES.participant_id_changed
              .replace("%{from_participant_id}", change.fromParticipantId)
              .replace("%{to_participant_id}", change.toParticipantId),
          );
        }
      }

      // The participant must be one of this lead provider's (an accepted application with it).
      const [participant] = isUuid(participantId)
        ? await tx
            .select({ id: participants.id, trn: participants.trn })
            .from(participants)
            .where(
              and(
                eq(participants.id, participantId),
                exists(
                  tx
                    .select({ one: sql`1` })
                    .from(npqApplications)
                    .where(and(eq(npqApplications.participantId, participants.id), acceptedWith(actor))),
                ),
              ),
            )
        : [];
      if (!participant) throw invalid("participant_id", message("participant_id.invalid_participant"));

      // Their accepted application for the course with this lead provider, locked: concurrent declarations queue here.
      const [application] = (NPQ_COURSES as readonly string[]).includes(courseIdentifier)
        ? await tx
            .select()
            .from(npqApplications)
            .where(
              and(
                eq(npqApplications.participantId, participant.id),
                acceptedWith(actor),
                eq(npqApplications.courseIdentifier, courseIdentifier as (typeof NPQ_COURSES)[number]),
              ),
            )
            .orderBy(desc(npqApplications.createdAt), desc(npqApplications.id))
            .limit(1)
            .for("update")
        : [];
      if (!application) throw invalid("participant_id", message("participant_id.application_not_found"));

      const declarationDate = typeof rawDate === "string" ? parseDeclarationDate(rawDate.trim()) : null;
      if (!declarationDate) throw invalid("declaration_date", message("declaration_date.invalid", { parameterized_attribute: "declaration_date" }));

      if (!(NPQ_DECLARATION_TYPES as readonly string[]).includes(declarationType)) {
        throw invalid("declaration_type", message("declaration_type.inclusion", { parameterized_attribute: "declaration_type" }));
      }
      const type = declarationType as (typeof NPQ_DECLARATION_TYPES)[number];

      if (application.trainingStatus === "withdrawn" && application.withdrawnAt && declarationDate > application.withdrawnAt) {
        throw invalid(
          "participant_id",
          message("participant_id.declaration_must_be_before_withdrawal_date", { withdrawal_date: rfc3339(application.withdrawnAt) }),
        );
      }

      if (!application.scheduleId) throw invalid("application", DECLARATION_MESSAGES.application_schedule_missing);
      const milestone = (await milestonesOf(tx, [application.scheduleId])).find((m) => m.declarationType === type);
      if (!milestone)
        throw invalid("declaration_type", message("declaration_type.mismatch_declaration_type_for_schedule", { parameterized_attribute: "declaration_type" }));

      if (declarationDate > actor.now)
        throw invalid("declaration_date", message("declaration_date.future_declaration_date", { parameterized_attribute: "declaration_date" }));
      const day = londonDate(declarationDate);
      if (!withinMilestone(milestone, day)) {
        if (day < milestone.startDate)
          throw invalid("declaration_date", message("declaration_date.declaration_before_schedule_start", { parameterized_attribute: "declaration_date" }));
        throw invalid("declaration_date", DECLARATION_MESSAGES.declaration_after_schedule_end);
      }

      let hasPassed: boolean | null = null;
      if (type === "completed") {
        const raw = attributes.has_passed;
        if (raw !== true && raw !== false && raw !== "true" && raw !== "false")
          throw invalid("has_passed", message("has_passed.invalid", { parameterized_attribute: "has_passed" }));
        hasPassed = raw === true || raw === "true";
      }

      // One billable declaration per participant, course and type (the partial unique index holds the same rule).
      const slot = { participantId: participant.id, courseIdentifier: application.courseIdentifier, declarationType: type };
      const [billable] = await tx.select({ id: declarations.id }).from(declarations).where(billableDeclarationsOf(slot)).limit(1);
      if (billable) throw invalid("base", DECLARATION_MESSAGES.declaration_already_exists);

      const partners = await validateDeliveryPartners(
        tx,
        actor,
        application,
        attributes.delivery_partner_id,
        attributes.secondary_delivery_partner_id,
        "create",
      );

      // The same person under another participant_id (same TRN): stored, but ineligible as a duplicate.
      let duplicate = false;
      if (participant.trn) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`npq-declaration:${participant.trn}:${application.courseIdentifier}:${type}`}))`);
        duplicate = await hasBillableTwin(tx, { ...slot, trn: participant.trn });
      }

      const statement = await nextOutputFeeStatement(tx, "npq", actor.leadProviderId, application.cohort, londonDate(actor.now));
      if (!statement) throw invalid("cohort", message("statement.no_output_fee_statement", { cohort: String(application.cohort) }));

      const fundable = application.eligibleForFunding && application.fundedPlace !== false;
      const state = duplicate ? "ineligible" : fundable ? "eligible" : "submitted";
      const [created] = await tx
        .insert(declarations)
        .values({
          participantId: participant.id,
          applicationId: application.id,
          leadProviderId: actor.leadProviderId,
          courseIdentifier: application.courseIdentifier,
          cohort: application.cohort,
          declarationType: type,
          declarationDate,
          state,
          hasPassed,
          ineligibleForFundingReason: duplicate ? "duplicate_declaration" : null,
          statementId: statement.id,
          deliveryPartnerId: partners.primary,
          secondaryDeliveryPartnerId: partners.secondary,
          createdAt: actor.now,
          updatedAt: actor.now,
        })
        .returning();
      const row = created!;
      if (hasPassed !== null) {
        await insertOutcomeInTx(tx, actor, {
          participantId: row.participantId,
          applicationId: application.id,
          declarationId: row.id,
          courseIdentifier: row.courseIdentifier,
          state: hasPassed ? "passed" : "failed",
          completionDate: londonDate(row.declarationDate),
        });
      }

      await recordAudit(tx, actor.auditActor, {
        action: "npq_declaration.created",
        entityType: "declaration",
        entityId: row.id,
        summary: `Declared ${type} (${state}) for participant ${participant.id} on ${application.courseIdentifier}`,
        after: {
          participantId: participant.id,
          applicationId: application.id,
          courseIdentifier: application.courseIdentifier,
          declarationType: type,
          declarationDate: rfc3339(declarationDate),
          state,
          hasPassed,
          statementId: statement.id,
          deliveryPartnerId: partners.primary,
          secondaryDeliveryPartnerId: partners.secondary,
        },
        organisationId: actor.leadProviderId,
      });
      return loadRecord(tx, actor, row.id);
    });
  } catch (error) {
    if (isOneBillableViolation(error)) throw invalid("base", DECLARATION_MESSAGES.declaration_already_exists);
    throw error;
  }
}

/**
 * Delivery partner rules (DfE Declaration model): required from cohort 2024 for applications inside England,
 * not allowed for those outside it, each one a partner the lead provider works with in the cohort, the secondary
 * only with a primary and different from it. On create unknown ids are "does not exist"; on change DfE's
 * ChangeDeliveryPartner reports them under delivery_partner / secondary_delivery_partner.
 */
async function validateDeliveryPartners(
  tx: DbOrTx,
  actor: LeadProviderActor,
  application: { cohort: number; teacherCatchment: boolean | null },
  rawPrimary: unknown,
  rawSecondary: unknown,
  mode: "create" | "change",
): Promise<{ primary: string | null; secondary: string | null }> {
  const primaryGiven = isPresent(rawPrimary);
  const secondaryGiven = isPresent(rawSecondary);
  const primary = primaryGiven ? asText(rawPrimary) : null;
  const secondary = secondaryGiven ? asText(rawSecondary) : null;
  // Our applications record teacher_catchment as a boolean: false is outside England; unknown counts as inside.
  const insideEngland = application.teacherCatchment !== false;
  const known = await existingPartners(
    tx,
    [primary, secondary].filter((id): id is string => id !== null),
  );
  const inCohort = await partnersInCohort(tx, actor.leadProviderId, application.cohort, [...known]);
  const errors = new DfeErrors("joined");

  if (mode === "change") {
    if (!primary || !known.has(primary)) errors.add("delivery_partner", DECLARATION_MESSAGES.delivery_partner_inclusion);
    if (secondary && !known.has(secondary)) errors.add("secondary_delivery_partner", DECLARATION_MESSAGES.secondary_inclusion);
  } else {
    if (primary && !known.has(primary)) errors.add("delivery_partner_id", DECLARATION_MESSAGES.delivery_partner_not_found);
    if (secondary && !known.has(secondary)) errors.add("secondary_delivery_partner_id", DECLARATION_MESSAGES.secondary_not_found);
    errors.throwIfAny();
  }

  if (!primary && (mode === "change" || (insideEngland && application.cohort >= DELIVERY_PARTNER_FROM_COHORT))) {
    errors.add("delivery_partner_id", DECLARATION_MESSAGES.delivery_partner_blank);
  }
  if (primary && !insideEngland) errors.add("delivery_partner_id", DECLARATION_MESSAGES.delivery_partner_overseas);
  if (primary && known.has(primary) && !inCohort.has(primary)) errors.add("delivery_partner_id", DECLARATION_MESSAGES.delivery_partner_inclusion);
  if (secondary && !primary) errors.add("secondary_delivery_partner_id", DECLARATION_MESSAGES.secondary_present);
  if (secondary && primary && !insideEngland) errors.add("secondary_delivery_partner_id", DECLARATION_MESSAGES.secondary_overseas);
  if (secondary && known.has(secondary) && !inCohort.has(secondary)) errors.add("secondary_delivery_partner_id", DECLARATION_MESSAGES.secondary_inclusion);
  if (secondary && primary && secondary === primary) errors.add("secondary_delivery_partner_id", DECLARATION_MESSAGES.secondary_duplicate);
  errors.throwIfAny();
  return { primary, secondary };
}

// ---------------------------------------------------------------------------------------------------------------
// Void and change delivery partner

const lockOwn = (tx: DbOrTx, actor: LeadProviderActor, id: string) => lockOwnDeclaration(tx, ownNpq(actor), id);

/**
 * PUT /api/v3/participant-declarations/{id}/void (DfE Declarations::Void): submitted, eligible, payable and
 * ineligible declarations become `voided`; a paid one becomes `awaiting_clawback` on the next open output-fee
 * statement (clawback_statement_id); voided ones are "already voided" and ones already awaiting or clawed back
 * "will or has been be refunded". Voiding a `completed` declaration voids its outcome.
 */
export async function voidDeclaration(actor: LeadProviderActor, id: string): Promise<DeclarationRecord> {
  return db().transaction(async (tx) => {
    const row = await lockOwn(tx, actor, id);
    const change = await voidingOf(tx, "npq", actor, row, {
      alreadyVoided: () => invalid("declaration", message("declaration.already_voided")),
      alreadyRefunded: () => invalid("declaration", message("declaration.not_already_refunded")),
      noOutputFeeStatement: (cohort) => invalid("declaration", message("statement.no_output_fee_statement", { cohort: String(cohort) })),
    });
    const patch: Partial<typeof declarations.$inferInsert> = { ...change, updatedAt: actor.now };
    await tx.update(declarations).set(patch).where(eq(declarations.id, row.id));
    const voidedOutcomes = (await voidOutcomesForDeclaration(tx, row.id, actor)).length;
    await recordAudit(tx, actor.auditActor, {
      action: patch.state === "voided" ? "npq_declaration.voided" : "npq_declaration.clawback_requested",
      entityType: "declaration",
      entityId: row.id,
      summary:
        patch.state === "voided"
          ? `Voided the ${row.declarationType} declaration for participant ${row.participantId} on ${row.courseIdentifier}`
          : `Voided the paid ${row.declarationType} declaration for participant ${row.participantId} on ${row.courseIdentifier}: awaiting clawback`,
      before: { state: row.state, clawbackStatementId: row.clawbackStatementId },
      after: { state: patch.state, clawbackStatementId: patch.clawbackStatementId ?? row.clawbackStatementId, outcomesVoided: voidedOutcomes },
      organisationId: actor.leadProviderId,
    });
    return loadRecord(tx, actor, row.id);
  });
}

/**
 * PUT /api/v3/participant-declarations/{id}/change-delivery-partner (DfE Declarations::ChangeDeliveryPartner):
 * sets the primary (required) and secondary (optional; absent clears it) delivery partners.
 */
export async function changeDeliveryPartner(
  actor: LeadProviderActor,
  id: string,
  attributes: { delivery_partner_id?: unknown; secondary_delivery_partner_id?: unknown },
): Promise<DeclarationRecord> {
  return db().transaction(async (tx) => {
    const row = await lockOwn(tx, actor, id);
    const [application] = await tx
      .select({ cohort: npqApplications.cohort, teacherCatchment: npqApplications.teacherCatchment })
      .from(npqApplications)
      .where(eq(npqApplications.id, row.applicationId!));
    const partners = await validateDeliveryPartners(
      tx,
      actor,
      { cohort: row.cohort, teacherCatchment: application?.teacherCatchment ?? null },
      attributes.delivery_partner_id,
      attributes.secondary_delivery_partner_id,
      "change",
    );
    await tx
      .update(declarations)
      .set({ deliveryPartnerId: partners.primary, secondaryDeliveryPartnerId: partners.secondary, updatedAt: actor.now })
      .where(eq(declarations.id, row.id));
    await recordAudit(tx, actor.auditActor, {
      action: "npq_declaration.delivery_partner_changed",
      entityType: "declaration",
      entityId: row.id,
      summary: `Changed the delivery partner of the ${row.declarationType} declaration for participant ${row.participantId}`,
      before: { deliveryPartnerId: row.deliveryPartnerId, secondaryDeliveryPartnerId: row.secondaryDeliveryPartnerId },
      after: { deliveryPartnerId: partners.primary, secondaryDeliveryPartnerId: partners.secondary },
      organisationId: actor.leadProviderId,
    });
    return loadRecord(tx, actor, row.id);
  });
}
