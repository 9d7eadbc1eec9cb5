import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { npqApplications } from "@/db/schema";
import { isUniqueViolation, type DbOrTx } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { isUuid } from "@/lib/api/http";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";

/**
 * Enrolments: a participant's accepted applications with a lead provider. Who counts as the lead provider's
 * participant (participants, outcomes and declarations all ask), and the index that allows one accepted application
 * per participant, course and cohort (applications and participants both meet it).
 */

const ONE_ACCEPTED_KEY = "npq_applications_one_accepted_key";

/** The accepted-application unique index (one per participant, course and cohort, across providers). */
export function isOneAcceptedViolation(error: unknown): boolean {
  return isUniqueViolation(error, ONE_ACCEPTED_KEY);
}

/** Applications that are enrolments with the actor: accepted, with this lead provider. */
export function acceptedWith(actor: LeadProviderActor): SQL {
  return and(eq(npqApplications.leadProviderId, actor.leadProviderId), eq(npqApplications.status, "accepted"))!;
}

/** The participant is one of this lead provider's (has an accepted application with it); else 404. */
export async function assertParticipant(tx: DbOrTx, actor: LeadProviderActor, participantId: string): Promise<void> {
  if (!isUuid(participantId)) throw new NotFoundError();
  await oneOrNotFound(
    tx
      .select({ id: npqApplications.id })
      .from(npqApplications)
      .where(and(eq(npqApplications.participantId, participantId), acceptedWith(actor)))
      .limit(1),
  );
}
