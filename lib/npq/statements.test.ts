import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, declarations, statements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { createApplication, createLeadProvider, createParticipant, createStatements } from "@/tests/support/npq";
import { createDeclaration, getDeclaration, voidDeclaration } from "./declarations";
import { findSchedule } from "@/lib/dfe/schedules";
import { serializeStatement } from "./serialize-declarations";
import { createStatement, markStatementPaid, markStatementsPayable } from "@/lib/dfe/statements";
import { getStatement, listStatements, statementTotals } from "./statements";

// Statements here live in the 2021 cohort and 2021–22 dates so the payment runs below (which act on every lead
// provider's statements due by a date unless limited to one) never touch other test files' 2024 statements.
const page = { page: 1, perPage: 100, offset: 0 };
const at = (actor: LeadProviderActor, date: string): LeadProviderActor => ({ ...actor, now: new Date(date) });

async function provider() {
  const lp = await createLeadProvider(new Date("2021-11-15T10:00:00Z"));
  const rows = await createStatements(lp.org.id, 2021, [
    { year: 2021, month: 11 },
    { year: 2021, month: 12 },
    { year: 2022, month: 1 },
  ]);
  const byMonth = (month: number) => rows.find((s) => s.month === month)!;
  return { ...lp, statements: rows, byMonth };
}
type Provider = Awaited<ReturnType<typeof provider>>;

async function enrol(lp: Provider, app: { eligibleForFunding?: boolean } = {}) {
  const participant = await createParticipant();
  const schedule = await findSchedule(db(), "npq-leadership-autumn", 2021);
  await createApplication(lp.org.id, participant.id, {
    status: "accepted",
    trainingStatus: "active",
    cohort: 2021,
    scheduleId: schedule!.id,
    acceptedAt: new Date("2021-11-02T09:00:00Z"),
    ...app,
  });
  return participant;
}

const declare = (lp: Provider, participantId: string, type = "started", actor: LeadProviderActor = lp.actor) =>
  createDeclaration(actor, {
    participant_id: participantId,
    declaration_type: type,
    declaration_date: "2021-11-10T10:00:00Z",
    course_identifier: "npq-senior-leadership",
  });

let admin: UserActor;
let lpAdmin: UserActor;
beforeAll(async () => {
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
  lpAdmin = (await createLeadProvider()).admin;
});

describe("listStatements and getStatement", () => {
  it("lists the provider's output-fee statements by payment date with cohort and updated_since filters", async () => {
    const lp = await provider();
    const other = await provider();
    const [older] = await createStatements(lp.org.id, 2022, [{ year: 2021, month: 10 }]);
    const [noFee] = await db()
      .insert(statements)
      .values({ leadProviderId: lp.org.id, cohort: 2021, year: 2021, month: 9, deadlineDate: "2021-09-30", paymentDate: "2021-10-25", outputFee: false })
      .returning();
    await db()
      .update(statements)
      .set({ updatedAt: new Date("2021-06-01T00:00:00Z") })
      .where(eq(statements.leadProviderId, lp.org.id));
    await db()
      .update(statements)
      .set({ updatedAt: new Date("2021-12-20T00:00:00Z") })
      .where(eq(statements.id, lp.byMonth(12).id));

    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(ids(await listStatements(lp.actor, { pagination: page }))).toEqual([older!.id, lp.byMonth(11).id, lp.byMonth(12).id, lp.byMonth(1).id]);
    expect(ids(await listStatements(lp.actor, { pagination: { page: 2, perPage: 3, offset: 3 } }))).toEqual([lp.byMonth(1).id]);
    expect(ids(await listStatements(lp.actor, { pagination: page, cohorts: [2022] }))).toEqual([older!.id]);
    expect(await listStatements(lp.actor, { pagination: page, cohorts: [] })).toEqual([]);
    expect(ids(await listStatements(lp.actor, { pagination: page, updatedSince: new Date("2021-12-01T00:00:00Z") }))).toEqual([lp.byMonth(12).id]);
    expect(ids(await listStatements(other.actor, { pagination: page }))).not.toContain(lp.byMonth(11).id);

    const nov = await getStatement(lp.actor, lp.byMonth(11).id);
    expect(serializeStatement(nov)).toEqual({
      id: nov.id,
      type: "statement",
      attributes: {
        month: "November",
        year: "2021",
        cohort: "2021",
        cut_off_date: "2021-11-30",
        payment_date: "2021-12-25",
        paid: false,
        created_at: nov.createdAt.toISOString(),
        updated_at: "2021-06-01T00:00:00.000Z",
      },
    });
    await expect(getStatement(other.actor, nov.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStatement(lp.actor, noFee!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStatement(lp.actor, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("createStatement", () => {
  it("lets a platform admin add a statement, audited, and refuses duplicates and bad dates", async () => {
    const lp = await createLeadProvider();
    const input = { leadProviderId: lp.org.id, cohort: 2022, year: 2022, month: 5, deadlineDate: "2022-04-30", paymentDate: "2022-05-25" };
    const row = await createStatement(admin, input);
    expect(row).toMatchObject({ leadProviderId: lp.org.id, cohort: 2022, month: 5, state: "open", outputFee: true });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, row.id), eq(auditEvents.action, "npq_statement.created")));
    expect(audit).toMatchObject({ organisationId: lp.org.id, actorUserId: admin.userId });

    await expect(createStatement(admin, input)).rejects.toMatchObject({
      fieldErrors: { month: "A statement for this lead provider, programme, cohort, year and month already exists" },
    });
    await expect(createStatement(admin, { ...input, month: 6, paymentDate: "2022-04-01" })).rejects.toMatchObject({
      fieldErrors: { paymentDate: "The payment date must be on or after the deadline date" },
    });
    await expect(createStatement(admin, { ...input, month: 13 })).rejects.toBeInstanceOf(ValidationError);
    await expect(createStatement(admin, { ...input, month: 7, cohort: 2019 })).rejects.toMatchObject({ fieldErrors: { cohort: "Choose a cohort" } });
    await expect(createStatement(admin, { ...input, month: 7, leadProviderId: admin.organisationId })).rejects.toMatchObject({
      fieldErrors: { leadProviderId: "Choose a lead provider" },
    });
    await expect(createStatement(admin, { ...input, month: 7, leadProviderId: crypto.randomUUID() })).rejects.toMatchObject({
      fieldErrors: { leadProviderId: "Choose a lead provider" },
    });
    await expect(createStatement(lpAdmin, { ...input, month: 8 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the payment run", () => {
  it("open → payable after the deadline → paid; clawbacks on the next statement are clawed back when it is paid", async () => {
    const lp = await provider();
    const [a, b, c] = [await enrol(lp), await enrol(lp, { eligibleForFunding: false }), await enrol(lp)];
    const startedA = await declare(lp, a.id);
    const startedB = await declare(lp, b.id);
    const retainedC = await declare(lp, c.id, "retained-1");
    expect([startedA.state, startedB.state, retainedC.state]).toEqual(["eligible", "submitted", "eligible"]);

    const nov = lp.byMonth(11).id;
    const dec = lp.byMonth(12).id;
    expect(await statementTotals(lp.actor, nov)).toMatchObject({
      byType: { started: { eligible: 1, submitted: 1 }, "retained-1": { eligible: 1 } },
      byState: { eligible: 2, submitted: 1 },
      billable: 2,
      clawbacks: 0,
    });

    // Not due yet on the 30th (the deadline day).
    expect(await markStatementsPayable(admin, "2021-11-30", { leadProviderId: lp.org.id })).toEqual({ statements: 0, declarations: 0 });
    expect(await markStatementsPayable(admin, "2021-12-01", { leadProviderId: lp.org.id })).toEqual({ statements: 1, declarations: 2 });
    expect((await getDeclaration(lp.actor, startedA.id)).state).toBe("payable");
    expect((await getDeclaration(lp.actor, startedB.id)).state).toBe("submitted");
    expect((await getStatement(lp.actor, dec)).state).toBe("open");
    const [payableAudit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, nov), eq(auditEvents.action, "npq_statement.payable")));
    expect(payableAudit).toMatchObject({ organisationId: lp.org.id, after: { state: "payable", declarationsPayable: 2 } });

    await expect(markStatementPaid(admin, dec)).rejects.toMatchObject({
      fieldErrors: { statement: "This statement is not payable yet: its deadline has not passed" },
    });
    expect(await markStatementPaid(admin, nov)).toEqual({ paid: 2, clawedBack: 0 });
    await expect(markStatementPaid(admin, nov)).rejects.toMatchObject({ fieldErrors: { statement: "This statement has already been paid" } });
    expect(serializeStatement(await getStatement(lp.actor, nov)).attributes.paid).toBe(true);
    expect((await getDeclaration(lp.actor, startedA.id)).state).toBe("paid");

    // Voiding a paid declaration claws it back on the next open statement (December by the request's clock).
    const clawback = await voidDeclaration(at(lp.actor, "2021-12-05T10:00:00Z"), startedA.id);
    expect(clawback).toMatchObject({ state: "awaiting_clawback", statementId: nov, clawbackStatementId: dec });
    expect(await statementTotals(lp.actor, dec)).toMatchObject({ clawbacks: 1, clawbacksByType: { started: 1 }, billable: 0 });
    expect(await statementTotals(lp.actor, nov)).toMatchObject({ byState: { awaiting_clawback: 1, paid: 1, submitted: 1 } });

    expect(await markStatementsPayable(admin, "2022-01-01", { leadProviderId: lp.org.id })).toEqual({ statements: 1, declarations: 0 });
    expect(await markStatementPaid(admin, dec)).toEqual({ paid: 0, clawedBack: 1 });
    expect((await getDeclaration(lp.actor, startedA.id)).state).toBe("clawed_back");
    const [paidAudit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, dec), eq(auditEvents.action, "npq_statement.paid")));
    expect(paidAudit).toMatchObject({
      organisationId: lp.org.id,
      actorUserId: admin.userId,
      after: { state: "paid", declarationsPaid: 0, declarationsClawedBack: 1 },
    });
  });

  it("runs across lead providers when not limited to one", async () => {
    const lp = await createLeadProvider();
    const other = await createLeadProvider();
    // Deadlines earlier than any other test's statements.
    const [mine] = await createStatements(lp.org.id, 2021, [{ year: 2021, month: 3 }]);
    const [theirs] = await createStatements(other.org.id, 2021, [{ year: 2021, month: 3 }]);
    const [later] = await createStatements(other.org.id, 2021, [{ year: 2021, month: 5 }]);
    const result = await markStatementsPayable(admin, "2021-04-01");
    expect(result.statements).toBeGreaterThanOrEqual(2);
    const states = await db().select({ id: statements.id, state: statements.state }).from(statements).where(eq(statements.cohort, 2021));
    const stateOf = (id: string) => states.find((s) => s.id === id)!.state;
    expect([stateOf(mine!.id), stateOf(theirs!.id), stateOf(later!.id)]).toEqual(["payable", "payable", "open"]);
  });

  it("is for platform admins only", async () => {
    await expect(markStatementsPayable(lpAdmin, "2021-04-01")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markStatementPaid(lpAdmin, crypto.randomUUID())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markStatementPaid(admin, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    await expect(markStatementsPayable(admin, "1 April")).rejects.toBeInstanceOf(ValidationError);
  });

  it("keeps statement totals to the provider's own statements", async () => {
    const lp = await provider();
    const other = await provider();
    await expect(statementTotals(other.actor, lp.byMonth(11).id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await statementTotals(lp.actor, lp.byMonth(11).id)).toMatchObject({ byType: {}, byState: {}, billable: 0, clawbacks: 0 });
    // Another provider's declarations never count on this statement.
    const participant = await enrol(other);
    const d = await declare(other, participant.id);
    await db()
      .update(declarations)
      .set({ statementId: lp.byMonth(11).id })
      .where(eq(declarations.id, d.id));
    expect((await statementTotals(lp.actor, lp.byMonth(11).id)).billable).toBe(0);
  });
});
