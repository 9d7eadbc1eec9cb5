"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { removeSharedDocument } from "./documents";
import { closeEvidenceRequest, requestEvidence } from "./evidence-requests";
import { removeGatewayEvidence, reviewGateway, submitGateway } from "./gateway";

/** Server actions for the gateway, evidence requests and shared documents (uploads go through app/files route handlers). */
async function run<T>(fn: (actor: UserActor) => Promise<T>, message: string): Promise<ActionResult<T>> {
  const actor = await requireActor();
  try {
    const data = await fn(actor);
    revalidatePath("/", "layout");
    return { ok: true, data, message };
  } catch (error) {
    return toActionError(error);
  }
}

export async function removeGatewayEvidenceAction(input: { fileId: string }) {
  return run((actor) => removeGatewayEvidence(actor, input), "The file has been removed.");
}

export async function submitGatewayAction(input: unknown) {
  return run(async (actor) => ({ round: (await submitGateway(actor, input)).round }), "The gateway has been submitted to the EPAO.");
}

export async function reviewGatewayAction(input: unknown) {
  return run((actor) => reviewGateway(actor, input), "The gateway decision has been recorded.");
}

export async function requestEvidenceAction(input: unknown) {
  return run(async (actor) => ({ id: (await requestEvidence(actor, input)).id }), "The evidence request has been sent to the training provider.");
}

export async function closeEvidenceRequestAction(input: { requestId: string }) {
  return run((actor) => closeEvidenceRequest(actor, input), "The evidence request has been closed.");
}

export async function removeSharedDocumentAction(input: { documentId: string }) {
  return run((actor) => removeSharedDocument(actor, input), "The document is no longer shared.");
}
