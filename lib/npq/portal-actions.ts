"use server";
import "server-only";

import type { z } from "zod";
import { leadProviderActorFromUser, type LeadProviderActor } from "@/lib/dfe/actor";
import { action, type Revalidation } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { runStatementsJobNow } from "@/lib/npq/jobs";
import { acceptApplication, changeFundedPlace, rejectApplication } from "./applications";
import { createDeclaration, voidDeclaration } from "./declarations";
import { changeSchedule, deferParticipant, resumeParticipant, withdrawParticipant } from "./participants";
import { problemsOf } from "./portal-errors";
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
import { createStatement, markStatementPaid } from "@/lib/dfe/statements";

/**
 * Server actions of the lead provider portal: each turns the signed-in user into the LeadProviderActor the DfE API
 * services take (`as: leadProviderActorFromUser`) and calls the same service the API route calls, so the portal and a lead
 * provider's own systems follow the same rules and write the same audit events. DfE's validation errors come back as
 * field errors (`fields`: DfE attribute → form field). The platform admin's statement actions call the statements
 * service with the admin.
 */

const LEAD_PROVIDER: readonly Revalidation[] = [["/lead-provider", "layout"]];
const ADMIN: readonly Revalidation[] = [["/admin/npq", "layout"]];

// ---------------------------------------------------------------------------------------------------------------
// Applications

export type BulkRowResult = { id: string; ok: true; status: string } | { id: string; ok: false; problems: string[] };

/** Accepts or rejects several applications, one at a time (each in its own transaction), and reports each one's result. */
export async function bulkDecideApplicationsAction(input: unknown): Promise<ActionResult<{ decision: "accept" | "reject"; results: BulkRowResult[] }>> {
  return action({
    as: leadProviderActorFromUser,
    schema: bulkDecisionSchema,
    input,
    run: async (actor, { decision, ids }) => {
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
    fields: { ids: "ids" },
    message: "Done.",
    revalidate: LEAD_PROVIDER,
  });
}

export async function acceptApplicationAction(id: string, input: unknown): Promise<ActionResult<{ status: string }>> {
  const result = await action({
    as: leadProviderActorFromUser,
    schema: acceptFormSchema,
    input,
    run: (actor, values) =>
      acceptApplication(actor, id, {
        scheduleIdentifier: values.scheduleIdentifier === "" ? undefined : values.scheduleIdentifier,
        fundedPlace: values.fundedPlace === "" ? undefined : values.fundedPlace === "yes",
      }),
    data: (record) => ({ status: record.application.status }),
    fields: { schedule_identifier: "scheduleIdentifier", schedule: "scheduleIdentifier", funded_place: "fundedPlace" },
    message: "The application has been accepted.",
    revalidate: LEAD_PROVIDER,
  });
  // DfE's "Set '#/funded_place' to true or false." is written for API clients; the form asks a question instead.
  if (!result.ok && result.fieldErrors.fundedPlace) result.fieldErrors.fundedPlace = "Select whether this is a funded place";
  return result;
}

export async function rejectApplicationAction(id: string): Promise<ActionResult<{ status: string }>> {
  return action({
    as: leadProviderActorFromUser,
    run: (actor) => rejectApplication(actor, id),
    data: (record) => ({ status: record.application.status }),
    message: "The application has been rejected.",
    revalidate: LEAD_PROVIDER,
  });
}

export async function changeFundedPlaceAction(id: string, input: unknown): Promise<ActionResult<{ fundedPlace: boolean | null }>> {
  return action({
    as: leadProviderActorFromUser,
    schema: fundedPlaceFormSchema,
    input,
    run: (actor, values) => changeFundedPlace(actor, id, { fundedPlace: values.fundedPlace === "yes" }),
    data: (record) => ({ fundedPlace: record.application.fundedPlace }),
    fields: { funded_place: "fundedPlace" },
    message: "The funded place has been changed.",
    revalidate: LEAD_PROVIDER,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Participants

const PARTICIPANT_FIELDS = { course_identifier: "courseIdentifier", reason: "reason", schedule_identifier: "scheduleIdentifier" };

type ParticipantService<V> = (actor: LeadProviderActor, participantId: string, values: V) => Promise<unknown>;

/** A participant change from the portal: the form's values go to the same service the API's participant routes call. */
function participantAction<V>(schema: z.ZodType<V>, service: ParticipantService<V>, message: string) {
  return async (participantId: string, input: unknown): Promise<ActionResult<null>> =>
    action({
      as: leadProviderActorFromUser,
      schema,
      input,
      run: (actor, values) => service(actor, participantId, values),
      data: () => null,
      fields: PARTICIPANT_FIELDS,
      message,
      revalidate: LEAD_PROVIDER,
    });
}

export const deferParticipantAction = participantAction(deferFormSchema, deferParticipant, "The participant's training has been deferred.");
export const resumeParticipantAction = participantAction(resumeFormSchema, resumeParticipant, "The participant's training has resumed.");
export const withdrawParticipantAction = participantAction(withdrawFormSchema, withdrawParticipant, "The participant has been withdrawn from the course.");
export const changeScheduleAction = participantAction(
  changeScheduleFormSchema,
  (actor, participantId, values) =>
    changeSchedule(actor, participantId, { courseIdentifier: values.courseIdentifier, scheduleIdentifier: values.scheduleIdentifier }),
  "The schedule has been changed.",
);

// ---------------------------------------------------------------------------------------------------------------
// Declarations

export async function createDeclarationAction(participantId: string, input: unknown): Promise<ActionResult<{ id: string; state: string }>> {
  return action({
    as: leadProviderActorFromUser,
    schema: declarationFormSchema,
    input,
    run: (actor, values) =>
      createDeclaration(actor, {
        participant_id: participantId,
        course_identifier: values.courseIdentifier,
        declaration_type: values.declarationType,
        declaration_date: declarationDateTime(values.declarationDate),
        ...(values.declarationType === "completed" ? { has_passed: values.hasPassed === "yes" } : {}),
        ...(values.deliveryPartnerId ? { delivery_partner_id: values.deliveryPartnerId } : {}),
        ...(values.secondaryDeliveryPartnerId ? { secondary_delivery_partner_id: values.secondaryDeliveryPartnerId } : {}),
      }),
    data: (created) => ({ id: created.id, state: created.state }),
    fields: {
      course_identifier: "courseIdentifier",
      declaration_type: "declarationType",
      declaration_date: "declarationDate",
      has_passed: "hasPassed",
      delivery_partner_id: "deliveryPartnerId",
      secondary_delivery_partner_id: "secondaryDeliveryPartnerId",
    },
    message: "The declaration has been submitted.",
    revalidate: LEAD_PROVIDER,
  });
}

export async function voidDeclarationAction(declarationId: string): Promise<ActionResult<{ state: string }>> {
  return action({
    as: leadProviderActorFromUser,
    run: (actor) => voidDeclaration(actor, declarationId),
    data: (declaration) => ({ state: declaration.state }),
    message: "The declaration has been voided.",
    revalidate: LEAD_PROVIDER,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Platform admin: statements

export async function createStatementAction(input: Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return action({
    run: (admin) => createStatement(admin, { ...input, outputFee: input.outputFee === true || input.outputFee === "true" }),
    data: (statement) => ({ id: statement.id }),
    message: "The statement has been added.",
    revalidate: ADMIN,
  });
}

/**
 * The daily statements job, run now (lib/jobs): open statements whose deadline is before today (in England) become
 * payable, for every lead provider or the one given. The run is kept in the job's run history.
 */
export async function markStatementsPayableAction(
  input: { leadProviderId?: string } = {},
): Promise<ActionResult<{ statements: number; declarations: number; today: string }>> {
  return action({
    run: async (admin) => {
      const leadProviderId = typeof input.leadProviderId === "string" && input.leadProviderId !== "" ? input.leadProviderId : undefined;
      const job = await runStatementsJobNow(admin, { leadProviderId });
      const result = job.result as { statements: number; declarations: number; today: string };
      return { statements: result.statements, declarations: result.declarations, today: result.today };
    },
    message: "The payment step has run.",
    revalidate: ADMIN,
  });
}

/** Platform admins: open a cohort for NPQ by copying an earlier cohort's schedules, dates moved on. */
export async function copyNpqSchedulesAction(input: unknown): Promise<ActionResult<{ schedules: number; milestones: number }>> {
  return action({ run: (admin) => copyNpqSchedules(admin, input), message: "The schedules have been copied.", revalidate: ADMIN });
}

export async function markStatementPaidAction(statementId: string): Promise<ActionResult<{ paid: number; clawedBack: number }>> {
  return action({ run: (admin) => markStatementPaid(admin, statementId), message: "The statement has been marked as paid.", revalidate: ADMIN });
}
