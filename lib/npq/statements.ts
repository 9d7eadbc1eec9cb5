import { and, asc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { cohorts, declarations, organisations, statements } from "@/db/schema";
import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { isUuid, type Pagination } from "@/lib/dfe/http";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { StatementRecord } from "./serialize-declarations";

/**
 * Financial statements: the lead provider's view (DfE API v3 /statements, output-fee statements only, as DfE's
 * Statements::Query), totals for the portal, and the platform admin's payment run: open → payable once the
 * deadline has passed (eligible declarations become payable) → paid when payment is authorised (payable
 * declarations become paid, those awaiting clawback on it clawed back).
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
  const [row] = await db()
    .select(statementColumns)
    .from(statements)
    .where(and(ownOutputFee(actor), eq(statements.id, id)));
  if (!row) throw new NotFoundError("Statement not found.");
  return row;
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
  const [statement] = await db()
    .select({ ...statementColumns, outputFee: statements.outputFee })
    .from(statements)
    .where(and(eq(statements.leadProviderId, actor.leadProviderId), eq(statements.programme, "npq"), eq(statements.id, statementId)));
  if (!statement) throw new NotFoundError("Statement not found.");
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

// ---------------------------------------------------------------------------------------------------------------
// Platform admin

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date in the format YYYY-MM-DD" });

export const newStatementSchema = z
  .object({
    leadProviderId: z.uuid({ error: "Choose a lead provider" }),
    cohort: z.coerce.number({ error: "Choose a cohort" }).int({ error: "Choose a cohort" }),
    year: z.coerce
      .number({ error: "Enter the statement's year" })
      .int()
      .min(2020, { error: "Enter a year from 2020 to 2050" })
      .max(2050, { error: "Enter a year from 2020 to 2050" }),
    month: z.coerce
      .number({ error: "Enter the statement's month" })
      .int()
      .min(1, { error: "Enter a month from 1 to 12" })
      .max(12, { error: "Enter a month from 1 to 12" }),
    deadlineDate: isoDate,
    paymentDate: isoDate,
    outputFee: z.boolean().default(true),
    programme: z.enum(["npq", "ecf"], { error: "Choose NPQ or ECF" }).default("npq"),
  })
  .refine((s) => s.paymentDate >= s.deadlineDate, { path: ["paymentDate"], error: "The payment date must be on or after the deadline date" });

const PERIOD_KEY = "statements_period_key";
function isPeriodClash(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === "23505" && (pg.constraint_name ?? pg.constraint) === PERIOD_KEY) return true;
  }
  return false;
}

/** A platform admin adds a lead provider's statement for a cohort and month. */
export async function createStatement(admin: UserActor, input: unknown) {
  assertCan(admin, "npq.admin");
  const data = parseInput(newStatementSchema, input);
  try {
    return await db().transaction(async (tx) => {
      const [provider] = await tx
        .select({ id: organisations.id, name: organisations.name, type: organisations.type })
        .from(organisations)
        .where(eq(organisations.id, data.leadProviderId));
      if (!provider || provider.type !== "lead_provider") throw new ValidationError({ leadProviderId: "Choose a lead provider" });
      const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.startYear, data.cohort));
      if (!cohort) throw new ValidationError({ cohort: "Choose a cohort" });
      const [row] = await tx
        .insert(statements)
        .values({
          leadProviderId: provider.id,
          programme: data.programme,
          cohort: data.cohort,
          year: data.year,
          month: data.month,
          deadlineDate: data.deadlineDate,
          paymentDate: data.paymentDate,
          outputFee: data.outputFee,
        })
        .returning();
      await recordAudit(tx, admin, {
        action: "npq_statement.created",
        entityType: "statement",
        entityId: row!.id,
        summary: `Added the ${data.month}/${data.year} ${data.programme.toUpperCase()} statement for ${provider.name}, cohort ${data.cohort}`,
        after: {
          cohort: data.cohort,
          year: data.year,
          month: data.month,
          deadlineDate: data.deadlineDate,
          paymentDate: data.paymentDate,
          outputFee: data.outputFee,
        },
        organisationId: provider.id,
      });
      return row!;
    });
  } catch (error) {
    // DfE's wording (activerecord.errors.models.statement.attributes.lead_provider_id.taken).
    if (isPeriodClash(error)) throw new ValidationError({ month: "A statement for this lead provider, programme, cohort, year and month already exists" });
    throw error;
  }
}

/**
 * The daily run: every open statement whose deadline is before `today` (YYYY-MM-DD) becomes payable and its
 * eligible declarations payable (optionally for one lead provider only). Returns what changed.
 */
export async function markStatementsPayable(
  admin: UserActor,
  today: string,
  options: { leadProviderId?: string } = {},
): Promise<{ statements: number; declarations: number }> {
  assertCan(admin, "npq.admin");
  return statementsPastDeadlinePayable(admin, today, options);
}

/** The daily job's actor in audit logs. */
export const STATEMENTS_JOB_ACTOR: SystemActor = { kind: "system", label: "Daily statements job" };

/**
 * The daily job (server/jobs.ts): every open statement, NPQ and ECF, of every lead provider whose deadline
 * is before `today` becomes payable with its eligible declarations. Idempotent: a second run finds nothing open.
 */
export async function statementsPastDeadlinePayable(
  actor: UserActor | SystemActor,
  today: string,
  options: { leadProviderId?: string } = {},
): Promise<{ statements: number; declarations: number }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new ValidationError({ today: "Enter a date in the format YYYY-MM-DD" });
  if (options.leadProviderId !== undefined && !isUuid(options.leadProviderId)) return { statements: 0, declarations: 0 };
  return db().transaction(async (tx) => {
    const due = await tx
      .select()
      .from(statements)
      .where(
        and(
          eq(statements.state, "open"),
          lt(statements.deadlineDate, today),
          options.leadProviderId === undefined ? undefined : eq(statements.leadProviderId, options.leadProviderId),
        ),
      )
      .orderBy(asc(statements.id))
      .for("update");
    if (due.length === 0) return { statements: 0, declarations: 0 };
    const now = new Date();
    const ids = due.map((s) => s.id);
    const moved = await tx
      .update(declarations)
      .set({ state: "payable", updatedAt: now })
      .where(and(inArray(declarations.statementId, ids), eq(declarations.state, "eligible")))
      .returning({ id: declarations.id, statementId: declarations.statementId });
    await tx.update(statements).set({ state: "payable", updatedAt: now }).where(inArray(statements.id, ids));
    const countFor = (id: string) => moved.filter((d) => d.statementId === id).length;
    await recordAuditMany(
      tx,
      actor,
      due.map((s) => ({
        action: "npq_statement.payable",
        entityType: "statement",
        entityId: s.id,
        summary: `The ${s.month}/${s.year} statement (cohort ${s.cohort}) passed its deadline: now payable, ${countFor(s.id)} declaration(s) payable`,
        before: { state: "open" },
        after: { state: "payable", declarationsPayable: countFor(s.id) },
        organisationId: s.leadProviderId,
      })),
    );
    return { statements: due.length, declarations: moved.length };
  });
}

/** A platform admin authorises payment of a payable statement: payable declarations become paid, clawbacks on it clawed back. */
export async function markStatementPaid(admin: UserActor, statementId: string): Promise<{ paid: number; clawedBack: number }> {
  assertCan(admin, "npq.admin");
  if (!isUuid(statementId)) throw new NotFoundError("Statement not found.");
  return db().transaction(async (tx) => {
    const [statement] = await tx.select().from(statements).where(eq(statements.id, statementId)).for("update");
    if (!statement) throw new NotFoundError("Statement not found.");
    if (statement.state === "open") throw new ValidationError({ statement: "This statement is not payable yet: its deadline has not passed" });
    if (statement.state === "paid") throw new ValidationError({ statement: "This statement has already been paid" });
    const now = new Date();
    const paid = await tx
      .update(declarations)
      .set({ state: "paid", updatedAt: now })
      .where(and(eq(declarations.statementId, statementId), eq(declarations.state, "payable")))
      .returning({ id: declarations.id });
    const clawedBack = await tx
      .update(declarations)
      .set({ state: "clawed_back", updatedAt: now })
      .where(and(eq(declarations.clawbackStatementId, statementId), eq(declarations.state, "awaiting_clawback")))
      .returning({ id: declarations.id });
    await tx.update(statements).set({ state: "paid", markedPaidAt: now, updatedAt: now }).where(eq(statements.id, statementId));
    await recordAudit(tx, admin, {
      action: "npq_statement.paid",
      entityType: "statement",
      entityId: statementId,
      summary: `Authorised payment of the ${statement.month}/${statement.year} statement (cohort ${statement.cohort}): ${paid.length} declaration(s) paid, ${clawedBack.length} clawed back`,
      before: { state: statement.state },
      after: { state: "paid", declarationsPaid: paid.length, declarationsClawedBack: clawedBack.length },
      organisationId: statement.leadProviderId,
    });
    return { paid: paid.length, clawedBack: clawedBack.length };
  });
}
