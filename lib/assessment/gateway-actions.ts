"use server";
import "server-only";

import { EVERY_PAGE, idOf, serviceActions } from "@/lib/entry/action";
import { removeSharedDocument } from "./documents";
import { closeEvidenceRequest, requestEvidence } from "./evidence-requests";
import { removeGatewayEvidence, reviewGateway, submitGateway } from "./gateway";

// Server actions for the gateway, evidence requests and shared documents (uploads go through app/files route handlers).

const change = serviceActions(EVERY_PAGE);

export const removeGatewayEvidenceAction = change(removeGatewayEvidence, "The file has been removed.");
export const submitGatewayAction = change(submitGateway, "The gateway has been submitted to the EPAO.", (r) => ({ round: r.round }));
export const reviewGatewayAction = change(reviewGateway, "The gateway decision has been recorded.");
export const requestEvidenceAction = change(requestEvidence, "The evidence request has been sent to the training provider.", idOf);
export const closeEvidenceRequestAction = change(closeEvidenceRequest, "The evidence request has been closed.");
export const removeSharedDocumentAction = change(removeSharedDocument, "The document is no longer shared.");
