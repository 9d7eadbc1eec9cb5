import "server-only";
import { and, asc, desc, eq, gte, inArray, ne, or, type SQL } from "drizzle-orm";
import { declarations, npqApplications, participants, schedules } from "@/db/schema";
import { BILLABLE_STATES } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { npqApplicationAcceptAttributes, npqApplicationChangeFundedPlaceAttributes } from "@/lib/dfe/api-schemas";
import { conforms } from "@/lib/dfe/attributes";
import { DfeErrors } from "@/lib/dfe/errors";
import { invalid, isUuid, type Pagination } from "@/lib/api/http";
import { message } from "@/lib/api/messages";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import { findSchedule } from "@/lib/dfe/schedules";
import { defaultSchedule, FUNDING_CAP_FROM_COHORT, scheduleTypeFor } from "./reference";
import type { ApplicationRecord } from "./serialize";
import { londonDate } from "@/lib/calendar/london";
import { isOneAcceptedViolation } from "./enrolments";
import type { NpqApplication as Application } from "@/db/schema";

/**
 * NPQ applications as a lead provider sees them through the DfE API v3: list, show, accept, reject and change
 * funded place. Rules and error bodies follow DFE-Digital/npq-registration (Applications::Accept, ::Reject,
 * ::ChangeFundedPlace): every failed rule is reported, grouped by attribute, as ActiveModel does.
 */

/** reason_for_rejection values (DfE's Application enum). */
export const REJECTED_BY_PROVIDER = "rejected_by_provider";
export const OTHER_APPLICATION_ACCEPTED = "other_application_in_this_cohort_accepted";

function selectApplications(tx: DbOrTx) {
  return tx
    .select({ application: npqApplications, participant: participants, scheduleIdentifier: schedules.identifier })
    .from(npqApplications)
    .innerJoin(participants, eq(participants.id, npqApplications.participantId))
    .leftJoin(schedules, eq(schedules.id, npqApplications.scheduleId));
}

async function loadApplication(tx: DbOrTx, actor: LeadProviderActor, id: string): Promise<ApplicationRecord> {
  return oneOrNotFound(selectApplications(tx).where(and(eq(npqApplications.id, id), eq(npqApplications.leadProviderId, actor.leadProviderId))));
}

/** Does the application carry declarations DfE counts as billable or changeable (submitted, eligible, payable, paid)? */
export async function hasBillableDeclarations(tx: DbOrTx, actor: LeadProviderActor, applicationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: declarations.id })
    .from(declarations)
    .where(
      and(eq(declarations.applicationId, applicationId), eq(declarations.leadProviderId, actor.leadProviderId), inArray(declarations.state, BILLABLE_STATES)),
    )
    .limit(1);
  return Boolean(row);
}

export const APPLICATION_SORT_FIELDS = ["created_at", "updated_at"] as const;
export type ApplicationSort = { field: (typeof APPLICATION_SORT_FIELDS)[number]; direction: "asc" | "desc" }[];

export type ListApplicationsOptions = {
  pagination: Pagination;
  cohorts?: number[];
  updatedSince?: Date;
  participantIds?: string[];
  sort?: ApplicationSort;
};

/** The lead provider's applications, oldest first unless `sort` says otherwise (then by id, for stable pages). */
export async function listApplications(actor: LeadProviderActor, options: ListApplicationsOptions): Promise<ApplicationRecord[]> {
  const conditions: SQL[] = [eq(npqApplications.leadProviderId, actor.leadProviderId)];
  if (options.cohorts) {
    if (options.cohorts.length === 0) return [];
    conditions.push(inArray(npqApplications.cohort, options.cohorts));
  }
  if (options.participantIds) {
    if (options.participantIds.length === 0) return [];
    conditions.push(inArray(npqApplications.participantId, options.participantIds));
  }
  // DfE: the application or the applicant changed since then.
  if (options.updatedSince) conditions.push(or(gte(npqApplications.updatedAt, options.updatedSince), gte(participants.updatedAt, options.updatedSince))!);
  const order = (options.sort ?? []).map(({ field, direction }) => {
    const column = field === "created_at" ? npqApplications.createdAt : npqApplications.updatedAt;
    return direction === "desc" ? desc(column) : asc(column);
  });
  if (order.length === 0) order.push(asc(npqApplications.createdAt));
  return selectApplications(db())
    .where(and(...conditions))
    .orderBy(...order, asc(npqApplications.id))
    .limit(options.pagination.perPage)
    .offset(options.pagination.offset);
}

/** One of the lead provider's applications; another provider's or an unknown id is a 404. */
export async function getApplication(actor: LeadProviderActor, id: string): Promise<ApplicationRecord> {
  if (!isUuid(id)) throw new NotFoundError();
  return loadApplication(db(), actor, id);
}

function snapshot(a: Application) {
  return {
    status: a.status,
    trainingStatus: a.trainingStatus,
    scheduleId: a.scheduleId,
    fundedPlace: a.fundedPlace,
    reasonForRejection: a.reasonForRejection,
  };
}

/** The application row, locked; 404 when it is not this lead provider's. */
async function lockApplication(tx: Tx, actor: LeadProviderActor, id: string): Promise<Application> {
  return oneOrNotFound(
    tx
      .select()
      .from(npqApplications)
      .where(and(eq(npqApplications.id, id), eq(npqApplications.leadProviderId, actor.leadProviderId)))
      .for("update"),
  );
}

/** Another accepted application for the course in the cohort: the same person, or another record with the same verified TRN (any provider). */
async function hasOtherAcceptedApplication(tx: Tx, application: Application): Promise<boolean> {
  const [person] = await tx
    .select({ trn: participants.trn, trnValidated: participants.trnValidated })
    .from(participants)
    .where(eq(participants.id, application.participantId));
  const samePerson =
    person?.trn && person.trnValidated
      ? or(
          eq(npqApplications.participantId, application.participantId),
          inArray(
            npqApplications.participantId,
            tx
              .select({ id: participants.id })
              .from(participants)
              .where(and(eq(participants.trn, person.trn), eq(participants.trnValidated, true))),
          ),
        )!
      : eq(npqApplications.participantId, application.participantId);
  const [other] = await tx
    .select({ id: npqApplications.id })
    .from(npqApplications)
    .where(
      and(
        samePerson,
        eq(npqApplications.courseIdentifier, application.courseIdentifier),
        eq(npqApplications.cohort, application.cohort),
        eq(npqApplications.status, "accepted"),
        ne(npqApplications.id, application.id),
      ),
    )
    .limit(1);
  return Boolean(other);
}

export type AcceptInput = {
  scheduleIdentifier?: unknown;
  fundedPlace?: unknown;
  /** Portal bulk accept only: a funded place exactly when the applicant is eligible for funding (cohorts with a funding cap). */
  fundedPlaceFromEligibility?: boolean;
};

/**
 * Accepts a pending application: assigns the given schedule (or the one DfE would pick on `actor.now`), starts
 * training, sets the funded place (cohorts with a funding cap) and rejects the participant's other pending
 * applications for the course in the cohort, with every provider. Race-safe: accepts for the same participant,
 * course and cohort queue on row locks, and the `npq_applications_one_accepted_key` index refuses a second
 * accepted row whatever path wrote the first.
 */
export async function acceptApplication(actor: LeadProviderActor, id: string, input: AcceptInput = {}): Promise<ApplicationRecord> {
  if (!isUuid(id)) throw new NotFoundError();
  return db().transaction(async (tx) => {
    const target = await oneOrNotFound(
      tx
        .select({ participantId: npqApplications.participantId, courseIdentifier: npqApplications.courseIdentifier, cohort: npqApplications.cohort })
        .from(npqApplications)
        .where(and(eq(npqApplications.id, id), eq(npqApplications.leadProviderId, actor.leadProviderId))),
    );
    // Every application for this place (all providers), locked in id order so simultaneous accepts queue rather than deadlock.
    await tx
      .select({ id: npqApplications.id })
      .from(npqApplications)
      .where(
        and(
          eq(npqApplications.participantId, target.participantId),
          eq(npqApplications.courseIdentifier, target.courseIdentifier),
          eq(npqApplications.cohort, target.cohort),
        ),
      )
      .orderBy(asc(npqApplications.id))
      .for("update");
    const application = await lockApplication(tx, actor, id);

    const errors = new DfeErrors();
    const capped = application.cohort >= FUNDING_CAP_FROM_COHORT;
    const fundedPlace = capped && input.fundedPlaceFromEligibility ? application.eligibleForFunding : input.fundedPlace;
    // As DfE: from the first cohort with a funding cap, every accept must say true or false (missing or null included).
    const fundedPlaceGiven = conforms(npqApplicationAcceptAttributes.shape.funded_place.unwrap(), fundedPlace);
    if (capped && !fundedPlaceGiven) {
      errors.add("funded_place", message("funded_place.inclusion", { parameterized_attribute: "funded_place" }));
    }
    // Cohorts without a cap: DfE's accept ignores the field and leaves funded_place null (only a later change refuses it).
    if (application.status === "accepted") errors.add("application", message("application.has_already_been_accepted"));
    if (application.status === "rejected") errors.add("application", message("application.cannot_change_from_rejected"));
    if (await hasOtherAcceptedApplication(tx, application)) errors.add("application", message("application.has_another_accepted_application"));
    if (!errors.any && capped && fundedPlace === true && !application.eligibleForFunding) {
      errors.add("application", message("application.not_eligible_for_funded_place"));
    }

    const rawIdentifier = typeof input.scheduleIdentifier === "string" ? input.scheduleIdentifier.trim() : input.scheduleIdentifier;
    const identifierGiven = rawIdentifier !== undefined && rawIdentifier !== null && rawIdentifier !== "";
    const schedule = identifierGiven
      ? typeof rawIdentifier === "string"
        ? await findSchedule(tx, rawIdentifier, application.cohort)
        : null
      : await defaultSchedule(tx, application.courseIdentifier, application.cohort, londonDate(actor.now));
    if (!schedule) {
      if (identifierGiven) errors.add("schedule_identifier", message("schedule_identifier.not_found"));
      else errors.add("schedule", message("activemodel.errors.models.applications/accept.attributes.schedule.blank"));
    }
    if (!errors.any && identifierGiven && schedule && schedule.type !== scheduleTypeFor(application.courseIdentifier)) {
      errors.add("schedule_identifier", message("schedule_identifier.invalid_for_course"));
    }
    errors.throwIfAny();

    const changes = {
      status: "accepted" as const,
      trainingStatus: "active" as const,
      scheduleId: schedule!.id,
      acceptedAt: actor.now,
      updatedAt: actor.now,
      fundedPlace: capped && fundedPlaceGiven ? fundedPlace : application.fundedPlace,
    };
    try {
      // A savepoint, so the unique index's refusal is caught here and answered as DfE does.
      await tx.transaction(async (savepoint) => {
        await savepoint.update(npqApplications).set(changes).where(eq(npqApplications.id, application.id));
      });
    } catch (error) {
      if (isOneAcceptedViolation(error)) throw invalid("application", message("application.has_another_accepted_application"));
      throw error;
    }

    const rejected = await tx
      .update(npqApplications)
      .set({ status: "rejected", reasonForRejection: OTHER_APPLICATION_ACCEPTED, updatedAt: actor.now })
      .where(
        and(
          eq(npqApplications.participantId, application.participantId),
          eq(npqApplications.courseIdentifier, application.courseIdentifier),
          eq(npqApplications.cohort, application.cohort),
          eq(npqApplications.status, "pending"),
          ne(npqApplications.id, application.id),
        ),
      )
      .returning({ id: npqApplications.id, leadProviderId: npqApplications.leadProviderId });

    await recordAudit(tx, actor.auditActor, {
      action: "npq_application.accepted",
      entityType: "npq_application",
      entityId: application.id,
      summary: `Accepted the ${application.courseIdentifier} application for cohort ${application.cohort} on schedule ${schedule!.identifier}`,
      before: snapshot(application),
      after: { status: changes.status, trainingStatus: changes.trainingStatus, scheduleId: changes.scheduleId, fundedPlace: changes.fundedPlace },
      organisationId: actor.leadProviderId,
    });
    for (const other of rejected) {
      await recordAudit(tx, actor.auditActor, {
        action: "npq_application.rejected",
        entityType: "npq_application",
        entityId: other.id,
        summary: `Rejected automatically: another application for ${application.courseIdentifier} in cohort ${application.cohort} was accepted`,
        before: { status: "pending" },
        after: { status: "rejected", reasonForRejection: OTHER_APPLICATION_ACCEPTED },
        // The application's own provider sees it in its activity log.
        organisationId: other.leadProviderId,
      });
    }
    return loadApplication(tx, actor, application.id);
  });
}

/** Rejects an application (DfE also allows rejecting an accepted one with no billable declarations). */
export async function rejectApplication(actor: LeadProviderActor, id: string): Promise<ApplicationRecord> {
  if (!isUuid(id)) throw new NotFoundError();
  return db().transaction(async (tx) => {
    const application = await lockApplication(tx, actor, id);
    const errors = new DfeErrors();
    if (application.status === "rejected") errors.add("application", message("application.has_already_been_rejected"));
    if (await hasBillableDeclarations(tx, actor, application.id)) errors.add("application", message("application.cannot_reject_with_declarations"));
    errors.throwIfAny();

    const changes = { status: "rejected" as const, reasonForRejection: REJECTED_BY_PROVIDER, trainingStatus: null, updatedAt: actor.now };
    await tx.update(npqApplications).set(changes).where(eq(npqApplications.id, application.id));
    await recordAudit(tx, actor.auditActor, {
      action: "npq_application.rejected",
      entityType: "npq_application",
      entityId: application.id,
      summary: `Rejected the ${application.courseIdentifier} application for cohort ${application.cohort}`,
      before: snapshot(application),
      after: { status: changes.status, trainingStatus: null, reasonForRejection: REJECTED_BY_PROVIDER },
      organisationId: actor.leadProviderId,
    });
    return loadApplication(tx, actor, application.id);
  });
}

/** Changes whether DfE funds the place, after acceptance, in cohorts with a funding cap. */
export async function changeFundedPlace(actor: LeadProviderActor, id: string, input: { fundedPlace?: unknown }): Promise<ApplicationRecord> {
  if (!isUuid(id)) throw new NotFoundError();
  return db().transaction(async (tx) => {
    const application = await lockApplication(tx, actor, id);
    const fundedPlace = input.fundedPlace;
    const errors = new DfeErrors();
    if (!conforms(npqApplicationChangeFundedPlaceAttributes.shape.funded_place, fundedPlace))
      errors.add("funded_place", message("funded_place.inclusion", { parameterized_attribute: "funded_place" }));
    const accepted = application.status === "accepted";
    if (!accepted) errors.add("application", message("application.cannot_change_funded_status_from_non_accepted"));
    if (fundedPlace === true && !application.eligibleForFunding) {
      errors.add("application", message("application.cannot_change_funded_status_non_eligible"));
    }
    if (!errors.any && application.cohort < FUNDING_CAP_FROM_COHORT) errors.add("application", message("application.cohort_does_not_accept_capping"));
    // DfE: taking a funded place away needs the billable declarations voided first.
    if (accepted && fundedPlace === false && (await hasBillableDeclarations(tx, actor, application.id))) {
      errors.add("application", message("application.cannot_change_funded_place"));
    }
    errors.throwIfAny();

    await tx
      .update(npqApplications)
      .set({ fundedPlace: fundedPlace as boolean, updatedAt: actor.now })
      .where(eq(npqApplications.id, application.id));
    await recordAudit(tx, actor.auditActor, {
      action: "npq_application.funded_place_changed",
      entityType: "npq_application",
      entityId: application.id,
      summary: `Changed the funded place of the ${application.courseIdentifier} application to ${fundedPlace ? "funded" : "not funded"}`,
      before: { fundedPlace: application.fundedPlace },
      after: { fundedPlace },
      organisationId: actor.leadProviderId,
    });
    return loadApplication(tx, actor, application.id);
  });
}
