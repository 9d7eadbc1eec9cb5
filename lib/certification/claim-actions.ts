"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { correctRecordForCertification } from "./corrections";
import { runClaimsNow, type ClaimsJobResult } from "./jobs";
import { requeueClaim } from "./queries";

async function run<T>(fn: (actor: UserActor) => Promise<T>, message: string | ((data: T) => string)): Promise<ActionResult<T>> {
  const actor = await requireActor();
  try {
    const data = await fn(actor);
    revalidatePath("/", "layout");
    return { ok: true, data, message: typeof message === "string" ? message : message(data) };
  } catch (error) {
    return toActionError(error);
  }
}

/** Runs the EPAO's claims now and says what happened, in words. */
export async function runClaimsNowAction() {
  return run(
    async (actor) => {
      const job = await runClaimsNow(actor);
      const mine = (job.result as ClaimsJobResult | null)?.epaos?.[actor.organisationId] ?? null;
      return { status: job.status, error: job.lastError, claims: mine?.claims ?? null, statuses: mine?.statuses ?? null, problem: mine?.error ?? null };
    },
    (d) =>
      d.status !== "succeeded"
        ? `The run did not finish: ${d.error ?? "unknown error"}`
        : d.problem
          ? d.problem
          : (d.claims?.message ?? "The claims run has finished."),
  );
}

export async function requeueClaimAction(input: { apprenticeId: string }) {
  return run(
    async (actor) => ({ state: (await requeueClaim(actor, input)).state }),
    "The claim is back in the queue: it will be sent on the next run, or run the claims now.",
  );
}

export async function correctRecordForCertificationAction(input: unknown) {
  return run(
    (actor) => correctRecordForCertification(actor, input),
    "The record has been corrected. The claim will be rebuilt and sent again on the next run.",
  );
}
