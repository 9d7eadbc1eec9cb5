"use server";
import "server-only";

import { action, EVERY_PAGE, serviceActions } from "@/lib/entry/action";
import { correctRecordForCertification } from "./corrections";
import { runClaimsNow, type ClaimsJobResult } from "./jobs";
import { requeueClaim } from "./queries";

/** Runs the EPAO's claims now and says what happened, in words. */
export async function runClaimsNowAction() {
  return action({
    run: async (actor) => {
      const job = await runClaimsNow(actor);
      const mine = (job.result as ClaimsJobResult | null)?.epaos?.[actor.organisationId] ?? null;
      return { status: job.status, error: job.lastError, claims: mine?.claims ?? null, statuses: mine?.statuses ?? null, problem: mine?.error ?? null };
    },
    message: (d) =>
      d.status !== "succeeded"
        ? `The run did not finish: ${d.error ?? "unknown error"}`
        : d.problem
          ? d.problem
          : (d.claims?.message ?? "The claims run has finished."),
    revalidate: EVERY_PAGE,
  });
}

const change = serviceActions(EVERY_PAGE);

export const requeueClaimAction = change(requeueClaim, "The claim is back in the queue: it will be sent on the next run, or run the claims now.", (claim) => ({
  state: claim.state,
}));
export const correctRecordForCertificationAction = change(
  correctRecordForCertification,
  "The record has been corrected. The claim will be rebuilt and sent again on the next run.",
);
