import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { jobs, npqApplications, statements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { STATEMENTS_PAYABLE_JOB } from "@/lib/npq/jobs";
import { createOrganisation, createUser } from "@/tests/support/factories";
import {
  createApplication,
  createDeliveryPartner,
  createLeadProvider,
  createParticipant,
  createStatements,
  ensureCohortWithoutSchedules,
} from "@/tests/support/npq";

// The actions read the signed-in user from the session and revalidate pages: stand in for both.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/session", () => ({
  requireActor: async () => {
    if (!session.actor) throw new Error("not signed in");
    return session.actor;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("./portal-actions");

let lp: Awaited<ReturnType<typeof createLeadProvider>>;
let other: Awaited<ReturnType<typeof createLeadProvider>>;
let partnerId: string;
let admin: UserActor;

/** This month and next, so that an open statement takes declarations made today. */
function currentMonths() {
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return [
    { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 },
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1 },
  ];
}

beforeAll(async () => {
  [lp, other] = await Promise.all([createLeadProvider(), createLeadProvider()]);
  partnerId = (await createDeliveryPartner(lp.org.id, [2024])).id;
  await createStatements(lp.org.id, 2024, currentMonths());
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
});

beforeEach(() => {
  session.actor = lp.admin;
});

describe("portal actions for lead providers", () => {
  it("bulk-accepts applications one by one and reports each result with DfE's message; a competing application elsewhere is rejected", async () => {
    const teacher = await createParticipant();
    const mine = await createApplication(lp.org.id, teacher.id, { courseIdentifier: "npq-headship", cohort: 2024 });
    const competing = await createApplication(other.org.id, teacher.id, { courseIdentifier: "npq-headship", cohort: 2024 });
    // A cohort with no schedules: DfE cannot pick one.
    const noSchedule = await createApplication(lp.org.id, (await createParticipant()).id, {
      courseIdentifier: "npq-senco",
      cohort: await ensureCohortWithoutSchedules(),
    });

    const result = await actions.bulkDecideApplicationsAction({ decision: "accept", ids: [mine.id, noSchedule.id, competing.id] });
    expect(result).toMatchObject({
      ok: true,
      data: {
        decision: "accept",
        results: [
          { id: mine.id, ok: true, status: "accepted" },
          { id: noSchedule.id, ok: false, problems: ["Schedule cannot be determined"] },
          { id: competing.id, ok: false, problems: ["This application cannot be found."] },
        ],
      },
    });
    const [theirs] = await db().select().from(npqApplications).where(eq(npqApplications.id, competing.id));
    expect(theirs).toMatchObject({ status: "rejected", reasonForRejection: "other_application_in_this_cohort_accepted" });

    const again = await actions.acceptApplicationAction(mine.id, { scheduleIdentifier: "", fundedPlace: "" });
    expect(again).toMatchObject({ ok: false, status: 422, fieldErrors: { application: "This NPQ application has already been accepted" } });

    expect(await actions.bulkDecideApplicationsAction({ decision: "reject", ids: [] })).toMatchObject({
      ok: false,
      status: 422,
      fieldErrors: { ids: "Select at least one application" },
    });
    const rejected = await actions.bulkDecideApplicationsAction({ decision: "reject", ids: [noSchedule.id] });
    expect(rejected).toMatchObject({ ok: true, data: { results: [{ id: noSchedule.id, ok: true, status: "rejected" }] } });
  });

  it("accepts with a chosen schedule and funded place, and maps DfE's errors onto the form's fields", async () => {
    const teacher = await createParticipant();
    const app = await createApplication(lp.org.id, teacher.id, { courseIdentifier: "npq-senco", cohort: 2024, eligibleForFunding: true });
    const wrong = await actions.acceptApplicationAction(app.id, { scheduleIdentifier: "npq-leadership-autumn", fundedPlace: "yes" });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { scheduleIdentifier: "The selected schedule is not valid for the course" } });
    expect(await actions.acceptApplicationAction(app.id, { scheduleIdentifier: "npq-specialist-autumn", fundedPlace: "yes" })).toMatchObject({
      ok: true,
      data: { status: "accepted" },
    });
    const [row] = await db().select().from(npqApplications).where(eq(npqApplications.id, app.id));
    expect(row).toMatchObject({ fundedPlace: true, status: "accepted" });
    expect(await actions.changeFundedPlaceAction(app.id, { fundedPlace: "no" })).toMatchObject({ ok: true, data: { fundedPlace: false } });
    expect(await actions.changeFundedPlaceAction(app.id, {})).toMatchObject({
      ok: false,
      fieldErrors: { fundedPlace: "Select whether this is a funded place" },
    });
  });

  it("submits and voids declarations, and manages the enrolment, through the services", async () => {
    const teacher = await createParticipant();
    const app = await createApplication(lp.org.id, teacher.id, { courseIdentifier: "npq-headship", cohort: 2024 });
    expect(await actions.acceptApplicationAction(app.id, { scheduleIdentifier: "npq-leadership-autumn", fundedPlace: "" })).toMatchObject({
      ok: false,
      fieldErrors: { fundedPlace: "Select whether this is a funded place" },
    });
    expect(await actions.acceptApplicationAction(app.id, { scheduleIdentifier: "npq-leadership-autumn", fundedPlace: "yes" })).toMatchObject({ ok: true });
    const form = {
      courseIdentifier: "npq-headship",
      declarationType: "started",
      declarationDate: "2025-03-03",
      hasPassed: "",
      deliveryPartnerId: partnerId,
      secondaryDeliveryPartnerId: "",
    };

    expect(await actions.deferParticipantAction(teacher.id, { courseIdentifier: "npq-headship", reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "Select the reason for the deferral" },
    });
    expect(await actions.deferParticipantAction(teacher.id, { courseIdentifier: "npq-headship", reason: "bereavement" })).toMatchObject({
      ok: false,
      fieldErrors: { participant_id: "You cannot defer an NPQ participant that has no declarations" },
    });

    expect(await actions.createDeclarationAction(teacher.id, { ...form, declarationDate: "2099-01-01" })).toMatchObject({
      ok: false,
      fieldErrors: { declarationDate: "The '#/declaration_date' value cannot be a future date. Check the date and try again." },
    });
    expect(await actions.createDeclarationAction(teacher.id, { ...form, deliveryPartnerId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { deliveryPartnerId: "The property '#/delivery_partner_id' must be present" },
    });
    expect(await actions.createDeclarationAction(teacher.id, { ...form, declarationType: "completed" })).toMatchObject({
      ok: false,
      fieldErrors: { hasPassed: "Select whether the participant passed the course" },
    });

    const created = await actions.createDeclarationAction(teacher.id, form);
    expect(created).toMatchObject({ ok: true, data: { state: "eligible" } });
    if (!created.ok) throw new Error("not created");
    expect(await actions.createDeclarationAction(teacher.id, form)).toMatchObject({
      ok: false,
      fieldErrors: { base: "A declaration has already been submitted that will be, or has been, paid for this event" },
    });

    expect(await actions.changeScheduleAction(teacher.id, { courseIdentifier: "npq-headship", scheduleIdentifier: "npq-leadership-autumn" })).toMatchObject({
      ok: false,
      fieldErrors: { scheduleIdentifier: "The participant already has the specified schedule" },
    });
    expect(await actions.deferParticipantAction(teacher.id, { courseIdentifier: "npq-headship", reason: "bereavement" })).toMatchObject({ ok: true });
    expect(await actions.resumeParticipantAction(teacher.id, { courseIdentifier: "npq-headship" })).toMatchObject({ ok: true });
    expect(await actions.withdrawParticipantAction(teacher.id, { courseIdentifier: "npq-headship", reason: "started-in-error" })).toMatchObject({ ok: true });

    expect(await actions.voidDeclarationAction(created.data.id)).toMatchObject({ ok: true, data: { state: "voided" } });
    expect(await actions.voidDeclarationAction(created.data.id)).toMatchObject({
      ok: false,
      fieldErrors: { declaration: "This declaration has already been voided." },
    });

    // Another lead provider cannot touch them.
    session.actor = other.admin;
    expect(await actions.voidDeclarationAction(created.data.id)).toMatchObject({ ok: false, status: 404 });
    expect(await actions.resumeParticipantAction(teacher.id, { courseIdentifier: "npq-headship" })).toMatchObject({ ok: false, status: 404 });
  });

  it("is refused to users who are not lead provider users", async () => {
    session.actor = admin;
    const app = await createApplication(lp.org.id, (await createParticipant()).id);
    expect(await actions.rejectApplicationAction(app.id)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("portal actions for platform admins", () => {
  it("adds a statement, runs the payment step and marks a statement paid", async () => {
    session.actor = admin;
    const input = {
      leadProviderId: lp.org.id,
      cohort: "2023",
      month: "3",
      year: "2031",
      deadlineDate: "2020-03-31",
      paymentDate: "2020-04-25",
      outputFee: true,
    };
    const created = await actions.createStatementAction(input);
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) throw new Error("not created");
    expect(await actions.createStatementAction(input)).toMatchObject({
      ok: false,
      fieldErrors: { month: "A statement for this lead provider, programme, cohort, year and month already exists" },
    });
    expect(await actions.createStatementAction({ ...input, leadProviderId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { leadProviderId: "Choose a lead provider" },
    });

    expect(await actions.markStatementPaidAction(created.data.id)).toMatchObject({
      ok: false,
      fieldErrors: { statement: "This statement is not payable yet: its deadline has not passed" },
    });
    const run = await actions.markStatementsPayableAction({ leadProviderId: lp.org.id });
    expect(run).toMatchObject({ ok: true });
    if (!run.ok) throw new Error("not run");
    expect(run.data.statements).toBeGreaterThanOrEqual(1);
    expect(run.data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The run is the daily job's, run now: kept in its history with who asked and what it did.
    const [jobRun] = await db()
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, STATEMENTS_PAYABLE_JOB.kind), sql`${jobs.payload}->>'leadProviderId' = ${lp.org.id}`));
    expect(jobRun).toMatchObject({
      status: "succeeded",
      requestedBy: `${admin.name} (Platform admin)`,
      result: { statements: run.data.statements, leadProviderId: lp.org.id },
    });
    expect(jobRun!.key).toMatch(/^manual:/);
    expect(await actions.markStatementPaidAction(created.data.id)).toMatchObject({ ok: true, data: { paid: 0, clawedBack: 0 } });
    const [row] = await db().select().from(statements).where(eq(statements.id, created.data.id));
    expect(row).toMatchObject({ state: "paid" });

    // Opening a cohort by copying schedules: field errors come back to the form.
    expect(await actions.copyNpqSchedulesAction({ fromCohort: "2024", toCohort: "2022" })).toMatchObject({
      ok: false,
      fieldErrors: { toCohort: "Choose a cohort after the one you copy from" },
    });
    expect(await actions.copyNpqSchedulesAction({ fromCohort: "2021", toCohort: "2024" })).toMatchObject({
      ok: false,
      fieldErrors: { toCohort: "Cohort 2024 already has NPQ schedules" },
    });

    session.actor = lp.admin;
    expect(await actions.markStatementsPayableAction({ leadProviderId: lp.org.id })).toMatchObject({ ok: false, status: 403 });
    expect(await actions.copyNpqSchedulesAction({ fromCohort: "2024", toCohort: "2025" })).toMatchObject({ ok: false, status: 403 });
  });
});
