import "server-only";
import { and, eq, isNull, notInArray, or } from "drizzle-orm";
import { apprentices, certificateClaims, standards } from "@/db/schema";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { certificateStage, EsfaRequestError, type EsfaClient } from "@/lib/esfa/client";
import { CLAIMS_ACTOR } from "../claims";
import { markKeyRejected } from "../seams";
import { CallLog } from "./call-log";
import { openClient, stopFor } from "./client";
import { plural } from "./run";
import type { EsfaClientFactory, Stop, SyncStatusesResult } from "./types";

/* Status sync: the stage of claimed certificates (Submitted, Printed, Delivered...) read back from ESFA. */

const FINAL_STAGES = ["Delivered", "NotDelivered"];

/** The EPAO's claimed certificates not yet Delivered/NotDelivered, least recently synced first. */
function syncCandidates(epaoId: string, limit: number) {
  return db()
    .select({ claim: certificateClaims, uln: apprentices.uln, familyName: apprentices.familyName, larsCode: standards.larsCode })
    .from(certificateClaims)
    .innerJoin(apprentices, eq(apprentices.id, certificateClaims.apprenticeId))
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .where(
      and(
        eq(certificateClaims.epaoId, epaoId),
        eq(certificateClaims.state, "claimed"),
        or(isNull(certificateClaims.certificateStatus), notInArray(certificateClaims.certificateStatus, FINAL_STAGES)),
      ),
    )
    .orderBy(certificateClaims.statusSyncedAt)
    .limit(limit);
}

type SyncRow = Awaited<ReturnType<typeof syncCandidates>>[number];

/** Reads one certificate from ESFA and stores its stage (audited when it changed); a different or no certificate fails. */
async function syncOne(client: EsfaClient, row: SyncRow, result: SyncStatusesResult, now: Date) {
  const certificate = await client.getCertificate(row.uln, row.familyName, row.larsCode);
  const stage = certificate ? certificateStage(certificate) : null;
  if (!certificate || certificate.certificateData.certificateReference !== row.claim.certificateReference) {
    result.failed++;
    return;
  }
  await db().transaction(async (tx) => {
    await tx.update(certificateClaims).set({ certificateStatus: stage, statusSyncedAt: now, updatedAt: now }).where(eq(certificateClaims.id, row.claim.id));
    if (stage !== row.claim.certificateStatus) {
      result.changed++;
      await recordAudit(tx, CLAIMS_ACTOR, {
        action: "certificate.status_changed",
        entityType: "apprentice",
        entityId: row.claim.apprenticeId,
        summary: `Certificate ${row.claim.certificateReference} is now ${stage} (was ${row.claim.certificateStatus ?? "unknown"})`,
        before: { certificateStatus: row.claim.certificateStatus },
        after: { certificateStatus: stage },
        organisationId: result.epaoId,
      });
    }
  });
}

/** Syncs the rows in order until ESFA stops it (key rejected, unavailable); the stop, if any. */
async function syncAll(client: EsfaClient, rows: SyncRow[], result: SyncStatusesResult, now: Date): Promise<Stop | null> {
  for (const row of rows) {
    result.checked++;
    try {
      await syncOne(client, row, result, now);
    } catch (error) {
      const stop = stopFor(error);
      if (stop) return stop;
      if (error instanceof EsfaRequestError) result.failed++;
      else throw error;
    }
  }
  return null;
}

/** Re-reads the EPAO's claimed certificates not yet Delivered/NotDelivered from ESFA and stores their stage. */
export async function syncStatuses(input: {
  epaoId: string;
  runId: string;
  now?: Date;
  clientFactory?: EsfaClientFactory;
  limit?: number;
}): Promise<SyncStatusesResult> {
  const now = input.now ?? new Date();
  const log = new CallLog(input.runId, input.epaoId);
  const result: SyncStatusesResult = { epaoId: input.epaoId, outcome: "completed", message: "", checked: 0, changed: 0, failed: 0, calls: 0 };
  const opened = await openClient(input.epaoId, input.clientFactory, log);
  if ("off" in opened) return { ...result, outcome: "claims_off", message: opened.off };
  const rows = await syncCandidates(input.epaoId, input.limit ?? 2000);
  let stop: Stop | null;
  try {
    stop = await syncAll(opened.client, rows, result, now);
  } finally {
    await log.flush();
  }
  result.calls = log.count;
  const done = `${plural(result.checked, "certificate")} checked, ${result.changed} changed, ${result.failed} not found`;
  if (stop?.kind === "auth") {
    await markKeyRejected(db(), input.epaoId, stop.error.message);
    return { ...result, outcome: "key_rejected", message: `Claims are off: ESFA rejected the API key (${stop.error.message}). ${done}.` };
  }
  if (stop?.kind === "unavailable") return { ...result, outcome: "unavailable", message: `ESFA was unavailable (${stop.error.message}): ${done}.` };
  return { ...result, message: `${done}.` };
}
