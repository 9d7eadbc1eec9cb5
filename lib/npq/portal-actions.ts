"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/session";
import { leadProviderActorFromUser, type LeadProviderActor } from "@/lib/dfe/actor";
import { toActionError, type ActionResult } from "@/lib/errors";
import { runStatementsJobNow } from "@/lib/npq/jobs";
import { parseInput } from "@/lib/validation";
import { acceptApplication, changeFundedPlace, rejectApplication } from "./applications";
import { createDeclaration, voidDeclaration } from "./declarations";
import { changeSchedule, deferParticipant, resumeParticipant, withdrawParticipant } from "./participants";
import { problemsOf, toPortalError } from "./portal-errors";
import {
  acceptFormSchema,
  bulkDecisionSchema,
  changeScheduleFormSchema,
  declarationDateTime,
  declarationFormSchema,
  deferFormSchema,
  fundedPlaceFormSchema,
  resumeFormSchema,
  withdrawFormSchema,
} from "./portal-schema";
import { copyNpqSchedules } from "./schedules-admin";
import { createStatement, markStatementPaid } from "./statements";

/**
 * Server actions of the lead provider portal: each turns the signed-in user into the LeadProviderActor the DfE API
 * services take and calls the same service the API route calls, so the portal and a lead provider's own systems
 * follow the same rules and write the same audit events. DfE's validation errors come back as field errors.
 * The platform admin's statement actions call the statements service with the admin.
 */

async function asLeadProvider<T>(fn: (actor: LeadProviderActor) => Promise<T>, fields: Record<string, string>, message: string): Promise<ActionResult<T>> {
  const user = await requireActor();
  try {
    const data = await fn(leadProviderActorFromUser(user));
    revalidatePath("/lead-provider", "layout");
    return { ok: true, data, message };
  } catch (error) {
    return toPortalError(error, fields);
  }
}

async function asAdmin<T>(fn: (admin: UserActor) => Promise<T>, message: string): Promise<ActionResult<T>> {
  const admin = await requireActor();
  try {
    const data = await fn(admin);
    revalidatePath("/admin/npq", "layout");
    return { ok: true, data, message };
  } catch (error) {
    return toActionError(error);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Applications

export type BulkRowResult = { id: string; ok: true; status: string } | { id: string; ok: false; problems: string[] };

/** Accepts or rejects several applications, one at a time (each in its own transaction), and reports each one's result. */
export async function bulkDecideApplicationsAction(input: unknown): Promise<ActionResult<{ decision: "accept" | "reject"; results: BulkRowResult[] }>> {
  return asLeadProvider(
    async (actor) => {
      const { decision, ids } = parseInput(bulkDecisionSchema, input);
      const results: BulkRowResult[] = [];
      for (const id of [...new Set(ids)]) {
        try {
          const record = decision === "accept" ? await acceptApplication(actor, id, { fundedPlaceFromEligibility: true }) : await rejectApplication(actor, id);
          results.push({ id, ok: true, status: record.application.status });
        } catch (error) {
          results.push({ id, ok: false, problems: problemsOf(error) });
        }
      }
      return { decision, results };
    },
    { ids: "ids" },
    "Done.",
  );
}

export async function acceptApplicationAction(id: string, input: unknown): Promise<ActionResult<{ status: string }>> {
  const result = await asLeadProvider(
    async (actor) => {
      const values = parseInput(acceptFormSchema, input);
      const record = await acceptApplication(actor, id, {
        scheduleIdentifier: values.scheduleIdentifier === "" ? undefined : values.scheduleIdentifier,
        fundedPlace: values.fundedPlace === "" ? undefined : values.fundedPlace === "yes",
      });
      return { status: record.application.status };
    },
    { schedule_identifier: "scheduleIdentifier", schedule: "scheduleIdentifier", funded_place: "fundedPlace" },
    "The application has been accepted.",
  );
  // DfE's "Set '#/funded_place' to true or false." is written for API clients; the form asks a question instead.
  if (!result.ok && result.fieldErrors.fundedPlace) result.fieldErrors.fundedPlace = "Select whether this is a funded place";
  return result;
}

export async function rejectApplicationAction(id: string): Promise<ActionResult<{ status: string }>> {
  return asLeadProvider(async (actor) => ({ status: (await rejectApplication(actor, id)).application.status }), {}, "The application has been rejected.");
}

export async function changeFundedPlaceAction(id: string, input: unknown): Promise<ActionResult<{ fundedPlace: boolean | null }>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(fundedPlaceFormSchema, input);
      return { fundedPlace: (await changeFundedPlace(actor, id, { fundedPlace: values.fundedPlace === "yes" })).application.fundedPlace };
    },
    { funded_place: "fundedPlace" },
    "The funded place has been changed.",
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Participants

const PARTICIPANT_FIELDS = { course_identifier: "courseIdentifier", reason: "reason", schedule_identifier: "scheduleIdentifier" };

export async function deferParticipantAction(participantId: string, input: unknown): Promise<ActionResult<null>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(deferFormSchema, input);
      await deferParticipant(actor, participantId, values);
      return null;
    },
    PARTICIPANT_FIELDS,
    "The participant's training has been deferred.",
  );
}

export async function resumeParticipantAction(participantId: string, input: unknown): Promise<ActionResult<null>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(resumeFormSchema, input);
      await resumeParticipant(actor, participantId, values);
      return null;
    },
    PARTICIPANT_FIELDS,
    "The participant's training has resumed.",
  );
}

export async function withdrawParticipantAction(participantId: string, input: unknown): Promise<ActionResult<null>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(withdrawFormSchema, input);
      await withdrawParticipant(actor, participantId, values);
      return null;
    },
    PARTICIPANT_FIELDS,
    "The participant has been withdrawn from the course.",
  );
}

export async function changeScheduleAction(participantId: string, input: unknown): Promise<ActionResult<null>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(changeScheduleFormSchema, input);
      await changeSchedule(actor, participantId, { courseIdentifier: values.courseIdentifier, scheduleIdentifier: values.scheduleIdentifier });
      return null;
    },
    PARTICIPANT_FIELDS,
    "The schedule has been changed.",
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations

export async function createDeclarationAction(participantId: string, input: unknown): Promise<ActionResult<{ id: string; state: string }>> {
  return asLeadProvider(
    async (actor) => {
      const values = parseInput(declarationFormSchema, input);
      const created = await createDeclaration(actor, {
        participant_id: participantId,
        course_identifier: values.courseIdentifier,
        declaration_type: values.declarationType,
        declaration_date: declarationDateTime(values.declarationDate),
        ...(values.declarationType === "completed" ? { has_passed: values.hasPassed === "yes" } : {}),
        ...(values.deliveryPartnerId ? { delivery_partner_id: values.deliveryPartnerId } : {}),
        ...(values.secondaryDeliveryPartnerId ? { secondary_delivery_partner_id: values.secondaryDeliveryPartnerId } : {}),
      });
      return { id: created.id, state: created.state };
    },
    {
      course_identifier: "courseIdentifier",
      declaration_type: "declarationType",
      declaration_date: "declarationDate",
      has_passed: "hasPassed",
      delivery_partner_id: "deliveryPartnerId",
      secondary_delivery_partner_id: "secondaryDeliveryPartnerId",
    },
    "The declaration has been submitted.",
  );
}

export async function voidDeclarationAction(declarationId: string): Promise<ActionResult<{ state: string }>> {
  return asLeadProvider(async (actor) => ({ state: (await voidDeclaration(actor, declarationId)).state }), {}, "The declaration has been voided.");
}

// ---------------------------------------------------------------------------------------------------------------
// Platform admin: statements

export async function createStatementAction(input: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return asAdmin(
    async (admin) => ({ id: (await createStatement(admin, { ...input, outputFee: input.outputFee === true || input.outputFee === "true" })).id }),
    "The statement has been added.",
  );
}

/**
 * The daily statements job, run now (lib/jobs): open statements whose deadline is before today (in England) become
 * payable, for every lead provider or the one given. The run is kept in the job's run history.
 */
export async function markStatementsPayableAction(
  input: { leadProviderId?: string } = {},
): Promise<ActionResult<{ statements: number; declarations: number; today: string }>> {
  return asAdmin(async (admin) => {
    const leadProviderId = typeof input.leadProviderId === "string" && input.leadProviderId !== "" ? input.leadProviderId : undefined;
    const job = await runStatementsJobNow(admin, { leadProviderId });
    const result = job.result as { statements: number; declarations: number; today: string };
    return { statements: result.statements, declarations: result.declarations, today: result.today };
  }, "The payment step has run.");
}

/** Platform admins: open a cohort for NPQ by copying an earlier cohort's schedules, dates moved on. */
export async function copyNpqSchedulesAction(input: unknown): Promise<ActionResult<{ schedules: number; milestones: number }>> {
  return asAdmin((admin) => copyNpqSchedules(admin, input), "The schedules have been copied.");
}

export async function markStatementPaidAction(statementId: string): Promise<ActionResult<{ paid: number; clawedBack: number }>> {
  return asAdmin((admin) => markStatementPaid(admin, statementId), "The statement has been marked as paid.");
}
