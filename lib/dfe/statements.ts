import { and, asc, eq, gte } from "drizzle-orm";
import { statements } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";

/**
 * The next open output-fee statement of a lead provider's programme (NPQ or ECF) for a cohort: the earliest whose
 * deadline is today or later. New declarations and clawbacks go on it. Locked FOR SHARE so the payment step
 * cannot close it while the caller's transaction attaches to it.
 */
export async function nextOutputFeeStatement(tx: DbOrTx, programme: "npq" | "ecf", leadProviderId: string, cohort: number, today: string) {
  const [row] = await tx
    .select()
    .from(statements)
    .where(
      and(
        eq(statements.leadProviderId, leadProviderId),
        eq(statements.programme, programme),
        eq(statements.cohort, cohort),
        eq(statements.state, "open"),
        eq(statements.outputFee, true),
        gte(statements.deadlineDate, today),
      ),
    )
    .orderBy(asc(statements.deadlineDate), asc(statements.id))
    .limit(1)
    .for("share");
  return row ?? null;
}
