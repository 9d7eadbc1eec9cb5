"use server";
import "server-only";

import { action, EVERY_PAGE } from "@/lib/entry/action";
import { removeSharedDocument } from "./documents";
import { closeEvidenceRequest, requestEvidence } from "./evidence-requests";
import { removeGatewayEvidence, reviewGateway, submitGateway } from "./gateway";

// Server actions for the gateway, evidence requests and shared documents (uploads go through app/files route handlers).

export async function removeGatewayEvidenceAction(input: { fileId: string }) {
  return action({ run: (actor) => removeGatewayEvidence(actor, input), message: "The file has been removed.", revalidate: EVERY_PAGE });
}

export async function submitGatewayAction(input: unknown) {
  return action({
    run: async (actor) => ({ round: (await submitGateway(actor, input)).round }),
    message: "The gateway has been submitted to the EPAO.",
    revalidate: EVERY_PAGE,
  });
}

export async function reviewGatewayAction(input: unknown) {
  return action({ run: (actor) => reviewGateway(actor, input), message: "The gateway decision has been recorded.", revalidate: EVERY_PAGE });
}

export async function requestEvidenceAction(input: unknown) {
  return action({
    run: async (actor) => ({ id: (await requestEvidence(actor, input)).id }),
    message: "The evidence request has been sent to the training provider.",
    revalidate: EVERY_PAGE,
  });
}

export async function closeEvidenceRequestAction(input: { requestId: string }) {
  return action({ run: (actor) => closeEvidenceRequest(actor, input), message: "The evidence request has been closed.", revalidate: EVERY_PAGE });
}

export async function removeSharedDocumentAction(input: { documentId: string }) {
  return action({ run: (actor) => removeSharedDocument(actor, input), message: "The document is no longer shared.", revalidate: EVERY_PAGE });
}
