import "server-only";
import { and, asc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { declarations, statements } from "@/db/schema";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { isUuid, type Pagination } from "@/lib/api/http";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import type { StatementRecord } from "./serialize-declarations";

/**
 * NPQ financial statements as the lead provider sees them: DfE API v3 /statements (output-fee statements only, as
 * DfE's Statements::Query) and the totals of one statement for the portal. Adding statements and the payment run,
 * NPQ and ECF alike, are in lib/dfe/statements.ts.
 */

const statementColumns = {
  id: statements.id,
  cohort: statements.cohort,
  month: statements.month,
  year: statements.year,
  deadlineDate: statements.deadlineDate,
  paymentDate: statements.paymentDate,
  state: statements.state,
  createdAt: statements.createdAt,
  updatedAt: statements.updatedAt,
};

const ownOutputFee = (actor: LeadProviderActor) =>
  and(eq(statements.leadProviderId, actor.leadProviderId), eq(statements.programme, "npq"), eq(statements.outputFee, true));

export type ListStatementsOptions = { pagination: Pagination; cohorts?: number[]; updatedSince?: Date };

/** GET /api/v3/statements: the actor's output-fee statements by payment date. */
export async function listStatements(actor: LeadProviderActor, options: ListStatementsOptions): Promise<StatementRecord[]> {
  if (options.cohorts?.length === 0) return [];
  const conditions: (SQL | undefined)[] = [ownOutputFee(actor)];
  if (options.cohorts) conditions.push(inArray(statements.cohort, options.cohorts));
  if (options.updatedSince) conditions.push(gte(statements.updatedAt, options.updatedSince));
  return db()
    .select(statementColumns)
    .from(statements)
    .where(and(...conditions))
    .orderBy(asc(statements.paymentDate), asc(statements.deadlineDate), asc(statements.id))
    .limit(options.pagination.perPage)
    .offset(options.pagination.offset);
}

/** GET /api/v3/statements/{id}: another lead provider's, a non-output-fee or an unknown id is not found. */
export async function getStatement(actor: LeadProviderActor, id: string): Promise<StatementRecord> {
  if (!isUuid(id)) throw new NotFoundError("Statement not found.");
  return oneOrNotFound(
    db()
      .select(statementColumns)
      .from(statements)
      .where(and(ownOutputFee(actor), eq(statements.id, id))),
    "Statement not found.",
  );
}

export type StatementTotals = {
  statement: StatementRecord & { outputFee: boolean };
  /** Declarations on the statement, by type and state. */
  byType: Record<string, Record<string, number>>;
  /** Declarations on the statement, by state. */
  byState: Record<string, number>;
  /** Eligible, payable and paid declarations: what the statement pays for. */
  billable: number;
  /** Declarations clawed back on this statement (awaiting_clawback or clawed_back), by type. */
  clawbacksByType: Record<string, number>;
  clawbacks: number;
};

/** What a statement holds, for the lead provider's portal: its declarations by type and state, and its clawbacks. */
export async function statementTotals(actor: LeadProviderActor, statementId: string): Promise<StatementTotals> {
  if (!isUuid(statementId)) throw new NotFoundError("Statement not found.");
  const statement = await oneOrNotFound(
    db()
      .select({ ...statementColumns, outputFee: statements.outputFee })
      .from(statements)
      .where(and(eq(statements.leadProviderId, actor.leadProviderId), eq(statements.programme, "npq"), eq(statements.id, statementId))),
    "Statement not found.",
  );
  const scope = and(eq(declarations.leadProviderId, actor.leadProviderId), sql`${declarations.applicationId} is not null`);
  const [onStatement, clawedBack] = await Promise.all([
    db()
      .select({ type: declarations.declarationType, state: declarations.state, count: sql<number>`count(*)::int` })
      .from(declarations)
      .where(and(scope, eq(declarations.statementId, statementId)))
      .groupBy(declarations.declarationType, declarations.state),
    db()
      .select({ type: declarations.declarationType, count: sql<number>`count(*)::int` })
      .from(declarations)
      .where(and(scope, eq(declarations.clawbackStatementId, statementId), inArray(declarations.state, ["awaiting_clawback", "clawed_back"])))
      .groupBy(declarations.declarationType),
  ]);
  const byType: Record<string, Record<string, number>> = {};
  const byState: Record<string, number> = {};
  for (const r of onStatement) {
    (byType[r.type] ??= {})[r.state] = r.count;
    byState[r.state] = (byState[r.state] ?? 0) + r.count;
  }
  const clawbacksByType = Object.fromEntries(clawedBack.map((r) => [r.type, r.count]));
  return {
    statement,
    byType,
    byState,
    billable: (byState.eligible ?? 0) + (byState.payable ?? 0) + (byState.paid ?? 0),
    clawbacksByType,
    clawbacks: clawedBack.reduce((sum, r) => sum + r.count, 0),
  };
}
