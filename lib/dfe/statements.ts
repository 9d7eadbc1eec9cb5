import "server-only";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { cohorts, declarations, organisations, statements } from "@/db/schema";
import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db, isUniqueViolation, type DbOrTx } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { parseInput } from "@/lib/validation";

/**
 * Financial statements, NPQ and ECF (each programme has its own, `programme`): the next open output-fee statement a
 * declaration or clawback goes on, and the platform admin's statements and payment run: open → payable once the
 * deadline has passed (eligible declarations become payable) → paid when payment is authorised (payable
 * declarations become paid, those awaiting clawback on it clawed back). What a lead provider reads of its
 * statements is the programme's (lib/npq/statements.ts).
 */

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

// ---------------------------------------------------------------------------------------------------------------
// Platform admin: adding statements and the payment run, NPQ and ECF

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
const isPeriodClash = (error: unknown) => isUniqueViolation(error, PERIOD_KEY);

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
      // What the statement records (written to the table and to the audit event).
      const recorded = {
        cohort: data.cohort,
        year: data.year,
        month: data.month,
        deadlineDate: data.deadlineDate,
        paymentDate: data.paymentDate,
        outputFee: data.outputFee,
      };
      const [row] = await tx
        .insert(statements)
        .values({ leadProviderId: provider.id, programme: data.programme, ...recorded })
        .returning();
      await recordAudit(tx, admin, {
        action: "npq_statement.created",
        entityType: "statement",
        entityId: row!.id,
        summary: `Added the ${data.month}/${data.year} ${data.programme.toUpperCase()} statement for ${provider.name}, cohort ${data.cohort}`,
        after: recorded,
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
    const statement = await oneOrNotFound(tx.select().from(statements).where(eq(statements.id, statementId)).for("update"), "Statement not found.");
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
