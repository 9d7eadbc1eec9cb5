import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, declarations, npqApplications, outcomes, participantIdChanges, scheduleMilestones, schedules } from "@/db/schema";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { ApiValidationError } from "@/lib/api/http";
import { NotFoundError } from "@/lib/errors";
import { createApplication, createDeliveryPartner, createLeadProvider, createParticipant, createStatements } from "@/tests/support/npq";
import { londonDate } from "@/lib/calendar/london";
import { parseDeclarationDate } from "@/lib/dfe/declarations";
import { changeDeliveryPartner, createDeclaration, getDeclaration, listDeclarations, voidDeclaration } from "./declarations";
import { DECLARATION_MESSAGES } from "@/lib/api/messages";
import { findSchedule } from "@/lib/dfe/schedules";
import { serializeDeclaration } from "./serialize-declarations";

const NOW = "2024-11-15T10:00:00Z";
const page = { page: 1, perPage: 100, offset: 0 };

type Provider = Awaited<ReturnType<typeof provider>>;
/** A lead provider (API clock NOW) with Nov 2024–Jan 2025 statements for cohort 2024 and a 2024 delivery partner. */
async function provider() {
  const lp = await createLeadProvider(new Date(NOW));
  const statements = await createStatements(lp.org.id, 2024, [
    { year: 2024, month: 11 },
    { year: 2024, month: 12 },
    { year: 2025, month: 1 },
  ]);
  const partner = await createDeliveryPartner(lp.org.id, [2024]);
  const byMonth = (month: number) => statements.find((s) => s.month === month)!;
  return { ...lp, statements, partner, byMonth };
}

/** A participant with an accepted application (enrolment) with the lead provider. */
async function enrol(lp: Provider, options: { schedule?: string; cohort?: number; app?: Partial<typeof npqApplications.$inferInsert>; trn?: string } = {}) {
  const participant = await createParticipant(options.trn ? { trn: options.trn } : {});
  const schedule = await findSchedule(db(), options.schedule ?? "npq-leadership-autumn", options.cohort ?? 2024);
  const application = await createApplication(lp.org.id, participant.id, {
    status: "accepted",
    trainingStatus: "active",
    scheduleId: schedule!.id,
    acceptedAt: new Date("2024-10-05T09:00:00Z"),
    cohort: options.cohort ?? 2024,
    ...options.app,
  });
  return { participant, application };
}

function started(lp: Provider, participantId: string, overrides: Record<string, unknown> = {}) {
  return {
    participant_id: participantId,
    declaration_type: "started",
    declaration_date: "2024-11-10T10:00:00Z",
    course_identifier: "npq-senior-leadership",
    delivery_partner_id: lp.partner.id,
    ...overrides,
  };
}

/** The 422 errors a call fails with. */
async function errorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiValidationError) return error.errors;
    throw error;
  }
  throw new Error("Expected a 422");
}

const at = (actor: LeadProviderActor, date: string): LeadProviderActor => ({ ...actor, now: new Date(date) });

let lp: Provider;
let other: Provider;
beforeAll(async () => {
  [lp, other] = await Promise.all([provider(), provider()]);
});

describe("createDeclaration", () => {
  it("records an eligible started declaration on the next open output-fee statement, with an audit event", async () => {
    const { participant, application } = await enrol(lp);
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { secondary_delivery_partner_id: undefined }));
    expect(d).toMatchObject({
      participantId: participant.id,
      applicationId: application.id,
      state: "eligible",
      statementId: lp.byMonth(11).id,
      clawbackStatementId: null,
      deliveryPartnerId: lp.partner.id,
      deliveryPartnerName: lp.partner.name,
      leadProviderName: lp.org.name,
      cohort: 2024,
      outcomeState: null,
    });
    expect(d.createdAt.toISOString()).toBe("2024-11-15T10:00:00.000Z");
    expect(serializeDeclaration(d).attributes).toEqual({
      participant_id: participant.id,
      declaration_type: "started",
      course_identifier: "npq-senior-leadership",
      declaration_date: "2024-11-10T10:00:00Z",
      state: "eligible",
      has_passed: null,
      statement_id: lp.byMonth(11).id,
      clawback_statement_id: null,
      uplift_paid: false,
      lead_provider_name: lp.org.name,
      ineligible_for_funding_reason: null,
      created_at: "2024-11-15T10:00:00.000Z",
      delivery_partner_id: lp.partner.id,
      delivery_partner_name: lp.partner.name,
      secondary_delivery_partner_id: null,
      secondary_delivery_partner_name: null,
      application_id: application.id,
      updated_at: "2024-11-15T10:00:00.000Z",
    });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, d.id), eq(auditEvents.action, "npq_declaration.created")));
    expect(audit).toMatchObject({ organisationId: lp.org.id, actorLabel: "API token …test" });
    expect(await getDeclaration(lp.actor, d.id)).toEqual(d);
  });

  it("is submitted when the participant is not fundable (not eligible for funding, or funded_place false)", async () => {
    const a = await enrol(lp, { app: { eligibleForFunding: false } });
    const b = await enrol(lp, { app: { fundedPlace: false } });
    const c = await enrol(lp, { app: { fundedPlace: true } });
    expect((await createDeclaration(lp.actor, started(lp, a.participant.id))).state).toBe("submitted");
    expect((await createDeclaration(lp.actor, started(lp, b.participant.id))).state).toBe("submitted");
    expect((await createDeclaration(lp.actor, started(lp, c.participant.id))).state).toBe("eligible");
  });

  it("goes on the statement whose deadline is next by the request's clock", async () => {
    const { participant } = await enrol(lp);
    const d = await createDeclaration(at(lp.actor, "2024-12-01T00:30:00Z"), started(lp, participant.id));
    expect(d.statementId).toBe(lp.byMonth(12).id);
    // London is on GMT in winter: 2024-11-30T23:30Z is still the 30th, the November deadline.
    const e = await enrol(lp);
    expect((await createDeclaration(at(lp.actor, "2024-11-30T23:30:00Z"), started(lp, e.participant.id))).statementId).toBe(lp.byMonth(11).id);
  });

  it("refuses a second billable declaration of the same type (DfE's guide: duplicates return an error), allows it again once voided", async () => {
    const { participant } = await enrol(lp);
    const first = await createDeclaration(lp.actor, started(lp, participant.id));
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { declaration_date: "2024-11-11T10:00:00Z" })))).toEqual([
      { title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" },
    ]);
    // A different type is fine.
    expect((await createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "retained-1" }))).state).toBe("eligible");
    await voidDeclaration(lp.actor, first.id);
    expect((await createDeclaration(lp.actor, started(lp, participant.id))).state).toBe("eligible");
  });

  it("stores the same person's declaration under another participant_id (same TRN) as an ineligible duplicate", async () => {
    const trn = String(3_000_000 + Math.floor(Math.random() * 999_999));
    const original = await enrol(other, { trn });
    await createDeclaration(other.actor, started(other, original.participant.id));
    const twin = await enrol(lp, { trn });
    const d = await createDeclaration(lp.actor, started(lp, twin.participant.id));
    expect(d).toMatchObject({ state: "ineligible", ineligibleForFundingReason: "duplicate_declaration", statementId: lp.byMonth(11).id });
    expect(serializeDeclaration(d).attributes.ineligible_for_funding_reason).toBe("duplicate_declaration");
    // Only billable twins count: a retained-1 is not duplicated.
    expect((await createDeclaration(lp.actor, started(lp, twin.participant.id, { declaration_type: "retained-1" }))).state).toBe("eligible");
  });

  it("records the outcome of a completed declaration in the same transaction; voiding voids it", async () => {
    const { participant, application } = await enrol(lp);
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "completed", has_passed: true }));
    expect(d.outcomeState).toBe("passed");
    expect(serializeDeclaration(d).attributes.has_passed).toBe("true");
    const [outcome] = await db().select().from(outcomes).where(eq(outcomes.declarationId, d.id));
    expect(outcome).toMatchObject({
      participantId: participant.id,
      applicationId: application.id,
      leadProviderId: lp.org.id,
      courseIdentifier: "npq-senior-leadership",
      state: "passed",
      completionDate: "2024-11-10",
    });
    const voided = await voidDeclaration(lp.actor, d.id);
    expect(serializeDeclaration(voided).attributes).toMatchObject({ state: "voided", has_passed: null });
    const after = await db().select().from(outcomes).where(eq(outcomes.declarationId, d.id));
    expect(after.map((o) => o.state)).toEqual(["voided"]);

    const failed = await createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "completed", has_passed: "false" }));
    expect(serializeDeclaration(failed).attributes.has_passed).toBe("false");
  });

  it("takes the completion date in London time", async () => {
    await createStatements(lp.org.id, 2024, [{ year: 2025, month: 6 }]);
    const { participant } = await enrol(lp);
    const d = await createDeclaration(
      at(lp.actor, "2025-06-15T12:00:00Z"),
      started(lp, participant.id, { declaration_type: "completed", has_passed: true, declaration_date: "2025-06-10T23:30:00Z" }),
    );
    const [outcome] = await db().select().from(outcomes).where(eq(outcomes.declarationId, d.id));
    expect(outcome!.completionDate).toBe("2025-06-11");
  });

  it("lists every missing required attribute with DfE's messages", async () => {
    expect(await errorsOf(createDeclaration(lp.actor, {}))).toEqual([
      { title: "participant_id", detail: "The property '#/participant_id' must be present" },
      { title: "declaration_type", detail: "Enter a '#/declaration_type'." },
      { title: "declaration_date", detail: "Enter a '#/declaration_date'." },
      { title: "course_identifier", detail: "Enter a '#/course_identifier' value for this participant." },
    ]);
    expect(
      await errorsOf(
        createDeclaration(lp.actor, {
          participant_id: " ",
          declaration_type: "started",
          declaration_date: "2024-11-10T10:00:00Z",
          course_identifier: "npq-headship",
        }),
      ),
    ).toEqual([{ title: "participant_id", detail: "The property '#/participant_id' must be present" }]);
  });

  it("refuses unknown participants, other providers' participants and courses without an accepted application", async () => {
    const invalidParticipant = [
      { title: "participant_id", detail: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again." },
    ];
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, crypto.randomUUID())))).toEqual(invalidParticipant);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, "not-a-uuid")))).toEqual(invalidParticipant);
    const theirs = await enrol(other);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, theirs.participant.id)))).toEqual(invalidParticipant);
    // Pending only: not this provider's participant yet.
    const pending = await createParticipant();
    await createApplication(lp.org.id, pending.id);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, pending.id)))).toEqual(invalidParticipant);

    const { participant } = await enrol(lp);
    const notFound = [
      {
        title: "participant_id",
        detail: "Your update cannot be made as an accepted application cannot be found for the given '#/participant_id' and '#/course_identifier'.",
      },
    ];
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { course_identifier: "npq-headship" })))).toEqual(notFound);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { course_identifier: "ecf-induction" })))).toEqual(notFound);
  });

  it("reports a retired participant_id with its replacement", async () => {
    const { participant } = await enrol(lp);
    const retired = crypto.randomUUID();
    await db().insert(participantIdChanges).values({ participantId: participant.id, fromParticipantId: retired, toParticipantId: participant.id });
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, retired)))).toEqual([
      { title: "participant_id", detail: `The participant_id '${retired}' has been replaced with '${participant.id}'.` },
    ]);
  });

  it("checks the declaration date: RFC 3339, not in the future by the request's clock, inside the milestone window", async () => {
    const { participant } = await enrol(lp);
    const invalidDate = [{ title: "declaration_date", detail: "Enter a valid RFC3339 '#/declaration_date'." }];
    for (const bad of ["2024-11-10", "10/11/2024", "2024-13-01T10:00:00Z", "2024-02-30T10:00:00Z", "2024-11-10T25:00:00Z", 20241110]) {
      expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { declaration_date: bad })))).toEqual(invalidDate);
    }
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { declaration_date: "2024-11-15T10:00:01Z" })))).toEqual([
      { title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." },
    ]);
    // The same date is fine once the clock has moved on (X-With-Server-Date).
    expect(
      (await createDeclaration(at(lp.actor, "2024-11-16T00:00:00Z"), started(lp, participant.id, { declaration_date: "2024-11-15T10:00:01Z" }))).state,
    ).toBe("eligible");

    const other2 = await enrol(lp);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, other2.participant.id, { declaration_date: "2024-09-30T12:00:00Z" })))).toEqual([
      { title: "declaration_date", detail: "Enter a '#/declaration_date' that's on or after the schedule start." },
    ]);
    // 2024-09-30T23:30Z is 1 October in London (BST): on the schedule start.
    expect((await createDeclaration(lp.actor, started(lp, other2.participant.id, { declaration_date: "2024-09-30T23:30:00Z" }))).state).toBe("eligible");
  });

  it("refuses a date after the milestone's end", async () => {
    const [schedule] = await db()
      .insert(schedules)
      .values({ identifier: `npq-test-${crypto.randomUUID().slice(0, 8)}`, name: "Test schedule", type: "npq_test", cohort: 2024 }) // a type of its own: never picked as a default schedule by other tests
      .returning();
    await db()
      .insert(scheduleMilestones)
      .values({ scheduleId: schedule!.id, name: "Start", declarationType: "started", startDate: "2024-10-01", milestoneDate: "2024-10-31" });
    const { participant } = await enrol(lp, { app: { scheduleId: schedule!.id } });
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id)))).toEqual([
      { title: "declaration_date", detail: DECLARATION_MESSAGES.declaration_after_schedule_end },
    ]);
    expect((await createDeclaration(lp.actor, started(lp, participant.id, { declaration_date: "2024-10-31T18:00:00Z" }))).state).toBe("eligible");
  });

  it("checks the declaration type against DfE's list and the participant's schedule", async () => {
    const { participant } = await enrol(lp);
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "retained-3" })))).toEqual([
      { title: "declaration_type", detail: "The entered '#/declaration_type' is not recognised." },
    ]);
    const specialist = await enrol(lp, { schedule: "npq-specialist-autumn", app: { courseIdentifier: "npq-senco" } });
    expect(
      await errorsOf(createDeclaration(lp.actor, started(lp, specialist.participant.id, { course_identifier: "npq-senco", declaration_type: "retained-2" }))),
    ).toEqual([{ title: "declaration_type", detail: "The property '#/declaration_type' does not exist for this schedule." }]);
    const noSchedule = await enrol(lp, { app: { scheduleId: null } });
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, noSchedule.participant.id)))).toEqual([
      { title: "application", detail: "The application is missing a schedule." },
    ]);
  });

  it("needs has_passed true or false on a completed declaration", async () => {
    const { participant } = await enrol(lp);
    const message = "Enter 'true' or 'false' in the '#/has_passed' field to indicate whether this participant has passed or failed their course.";
    for (const value of [undefined, null, "", "yes", 1]) {
      expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "completed", has_passed: value })))).toEqual([
        { title: "has_passed", detail: message },
      ]);
    }
  });

  it("refuses dates after a withdrawal", async () => {
    const { participant } = await enrol(lp, { app: { trainingStatus: "withdrawn", withdrawnAt: new Date("2024-11-05T09:30:00Z"), withdrawalReason: "other" } });
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, participant.id)))).toEqual([
      {
        title: "participant_id",
        detail: "This participant withdrew from this course on 2024-11-05T09:30:00Z. Enter a '#/declaration_date' that's on or before the withdrawal date.",
      },
    ]);
    expect((await createDeclaration(lp.actor, started(lp, participant.id, { declaration_date: "2024-11-05T09:30:00Z" }))).state).toBe("eligible");
  });

  it("needs an open output-fee statement for the cohort", async () => {
    const { participant } = await enrol(lp);
    expect(await errorsOf(createDeclaration(at(lp.actor, "2025-08-01T10:00:00Z"), started(lp, participant.id)))).toEqual([
      {
        title: "cohort",
        detail:
          "You cannot submit or void declarations for the 2024 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
      },
    ]);
  });

  it("applies DfE's delivery partner rules", async () => {
    const { participant } = await enrol(lp);
    const second = await createDeliveryPartner(lp.org.id, [2024]);
    const only2025 = await createDeliveryPartner(lp.org.id, [2025]);
    const errors = (attrs: Record<string, unknown>) => errorsOf(createDeclaration(lp.actor, started(lp, participant.id, attrs)));
    expect(await errors({ delivery_partner_id: undefined })).toEqual([
      { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' must be present" },
    ]);
    expect(await errors({ delivery_partner_id: crypto.randomUUID() })).toEqual([
      { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' does not exist" },
    ]);
    expect(await errors({ secondary_delivery_partner_id: "nope" })).toEqual([
      { title: "secondary_delivery_partner_id", detail: "The property '#/secondary_delivery_partner_id' does not exist" },
    ]);
    const notOurs = [
      { title: "delivery_partner_id", detail: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort" },
    ];
    expect(await errors({ delivery_partner_id: other.partner.id })).toEqual(notOurs);
    expect(await errors({ delivery_partner_id: only2025.id })).toEqual(notOurs);
    expect(await errors({ secondary_delivery_partner_id: lp.partner.id })).toEqual([
      {
        title: "secondary_delivery_partner_id",
        detail: "The property '#/secondary_delivery_partner_id' cannot have the same value as the property '#/delivery_partner_id'",
      },
    ]);
    expect(await errors({ secondary_delivery_partner_id: other.partner.id })).toEqual([
      {
        title: "secondary_delivery_partner_id",
        detail: "The entered '#/secondary_delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
      },
    ]);
    expect(await errors({ delivery_partner_id: null, secondary_delivery_partner_id: second.id })).toEqual([
      { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' must be present" },
      {
        title: "secondary_delivery_partner_id",
        detail: "The property '#/secondary_delivery_partner_id' cannot be specified without the property '#/delivery_partner_id'",
      },
    ]);
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { secondary_delivery_partner_id: second.id }));
    expect(d).toMatchObject({ deliveryPartnerId: lp.partner.id, secondaryDeliveryPartnerId: second.id, secondaryDeliveryPartnerName: second.name });

    // Outside England: no delivery partner, and none required.
    const abroad = await enrol(lp, { app: { teacherCatchment: false, teacherCatchmentCountry: "France" } });
    expect(await errorsOf(createDeclaration(lp.actor, started(lp, abroad.participant.id)))).toEqual([
      { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' cannot be specified for Applications from outside of England" },
    ]);
    expect((await createDeclaration(lp.actor, started(lp, abroad.participant.id, { delivery_partner_id: undefined }))).deliveryPartnerId).toBeNull();
  });

  it("does not require a delivery partner before the 2024 cohort", async () => {
    await createStatements(lp.org.id, 2023, [{ year: 2024, month: 11 }]);
    const { participant } = await enrol(lp, { cohort: 2023 });
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { delivery_partner_id: undefined }));
    expect(d).toMatchObject({ cohort: 2023, deliveryPartnerId: null, state: "eligible" });
  });
});

describe("concurrent creates", () => {
  it("20 simultaneous identical started declarations: exactly one recorded, the rest refused, nothing half-written", async () => {
    const { participant } = await enrol(lp);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "completed", has_passed: true }))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused)
      expect((r.reason as ApiValidationError).errors).toEqual([{ title: "base", detail: DECLARATION_MESSAGES.declaration_already_exists }]);
    const rows = await db().select().from(declarations).where(eq(declarations.participantId, participant.id));
    expect(rows).toHaveLength(1);
    expect(await db().select().from(outcomes).where(eq(outcomes.participantId, participant.id))).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, rows[0]!.id), eq(auditEvents.action, "npq_declaration.created"))),
    ).toHaveLength(1);
  });

  it("holds across enrolments with two lead providers (the unique index backs the application lock)", async () => {
    // One person, the same course in two cohorts with two providers: each provider locks its own application,
    // so only the partial unique index on (participant, course, type) stops a second billable started declaration.
    await createStatements(lp.org.id, 2023, [{ year: 2024, month: 11 }]);
    const participant = await createParticipant();
    const base = { status: "accepted" as const, trainingStatus: "active" as const, acceptedAt: new Date("2024-10-05T09:00:00Z") };
    await createApplication(lp.org.id, participant.id, { ...base, cohort: 2023, scheduleId: (await findSchedule(db(), "npq-leadership-autumn", 2023))!.id });
    await createApplication(other.org.id, participant.id, { ...base, cohort: 2024, scheduleId: (await findSchedule(db(), "npq-leadership-autumn", 2024))!.id });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? createDeclaration(lp.actor, started(lp, participant.id, { delivery_partner_id: undefined }))
          : createDeclaration(other.actor, started(other, participant.id)),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected")
        expect((r.reason as ApiValidationError).errors).toEqual([{ title: "base", detail: DECLARATION_MESSAGES.declaration_already_exists }]);
    expect(await db().select().from(declarations).where(eq(declarations.participantId, participant.id))).toHaveLength(1);
  });
});

describe("voidDeclaration", () => {
  async function declared(state: "submitted" | "eligible" | "payable" | "paid" | "ineligible" | "awaiting_clawback" | "clawed_back" | "voided") {
    const { participant } = await enrol(lp);
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { declaration_type: "completed", has_passed: false }));
    await db().update(declarations).set({ state }).where(eq(declarations.id, d.id));
    return d;
  }

  it("voids submitted, eligible, payable and ineligible declarations", async () => {
    for (const state of ["submitted", "eligible", "payable", "ineligible"] as const) {
      const d = await declared(state);
      const voided = await voidDeclaration(at(lp.actor, "2024-11-20T08:00:00Z"), d.id);
      expect(voided).toMatchObject({ state: "voided", statementId: lp.byMonth(11).id, clawbackStatementId: null, outcomeState: "voided" });
      expect(voided.updatedAt.toISOString()).toBe("2024-11-20T08:00:00.000Z");
      const [audit] = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, d.id), eq(auditEvents.action, "npq_declaration.voided")));
      expect(audit!.before).toEqual({ state, clawbackStatementId: null });
    }
  });

  it("puts a paid declaration on the next open output-fee statement as awaiting clawback", async () => {
    const d = await declared("paid");
    const clawback = await voidDeclaration(at(lp.actor, "2024-12-05T08:00:00Z"), d.id);
    expect(clawback).toMatchObject({
      state: "awaiting_clawback",
      statementId: lp.byMonth(11).id,
      clawbackStatementId: lp.byMonth(12).id,
      outcomeState: "voided",
    });
    expect(await errorsOf(voidDeclaration(lp.actor, d.id))).toEqual([{ title: "declaration", detail: "The declaration will or has been be refunded." }]);
  });

  it("refuses voided, clawed back and paid-without-statement declarations", async () => {
    expect(await errorsOf(voidDeclaration(lp.actor, (await declared("voided")).id))).toEqual([
      { title: "declaration", detail: "This declaration has already been voided." },
    ]);
    expect(await errorsOf(voidDeclaration(lp.actor, (await declared("clawed_back")).id))).toEqual([
      { title: "declaration", detail: "The declaration will or has been be refunded." },
    ]);
    const paid = await declared("paid");
    expect(await errorsOf(voidDeclaration(at(lp.actor, "2025-08-01T10:00:00Z"), paid.id))).toEqual([
      {
        title: "declaration",
        detail:
          "You cannot submit or void declarations for the 2024 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
      },
    ]);
    expect((await getDeclaration(lp.actor, paid.id)).state).toBe("paid");
  });

  it("is not found for another lead provider or a malformed id", async () => {
    const d = await declared("eligible");
    await expect(voidDeclaration(other.actor, d.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(voidDeclaration(lp.actor, "123")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDeclaration(other.actor, d.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getDeclaration(lp.actor, d.id)).state).toBe("eligible");
  });
});

describe("changeDeliveryPartner", () => {
  it("changes the partners, clears an omitted secondary and audits it", async () => {
    const { participant } = await enrol(lp);
    const second = await createDeliveryPartner(lp.org.id, [2024]);
    const d = await createDeclaration(lp.actor, started(lp, participant.id, { secondary_delivery_partner_id: second.id }));
    const swapped = await changeDeliveryPartner(at(lp.actor, "2024-11-20T08:00:00Z"), d.id, {
      delivery_partner_id: second.id,
      secondary_delivery_partner_id: lp.partner.id,
    });
    expect(swapped).toMatchObject({ deliveryPartnerId: second.id, deliveryPartnerName: second.name, secondaryDeliveryPartnerId: lp.partner.id });
    expect(swapped.updatedAt.toISOString()).toBe("2024-11-20T08:00:00.000Z");
    const cleared = await changeDeliveryPartner(lp.actor, d.id, { delivery_partner_id: lp.partner.id });
    expect(cleared).toMatchObject({ deliveryPartnerId: lp.partner.id, secondaryDeliveryPartnerId: null, secondaryDeliveryPartnerName: null });
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, d.id), eq(auditEvents.action, "npq_declaration.delivery_partner_changed")));
    expect(audits).toHaveLength(2);
  });

  it("reports DfE's errors", async () => {
    const { participant } = await enrol(lp);
    const d = await createDeclaration(lp.actor, started(lp, participant.id));
    const change = (attrs: Record<string, unknown>) => errorsOf(changeDeliveryPartner(lp.actor, d.id, attrs));
    const notListed = "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort";
    expect(await change({})).toEqual([
      { title: "delivery_partner", detail: notListed },
      { title: "delivery_partner_id", detail: "The property '#/delivery_partner_id' must be present" },
    ]);
    expect(await change({ delivery_partner_id: crypto.randomUUID() })).toEqual([{ title: "delivery_partner", detail: notListed }]);
    expect(await change({ delivery_partner_id: other.partner.id })).toEqual([{ title: "delivery_partner_id", detail: notListed }]);
    expect(await change({ delivery_partner_id: lp.partner.id, secondary_delivery_partner_id: crypto.randomUUID() })).toEqual([
      {
        title: "secondary_delivery_partner",
        detail: "The entered '#/secondary_delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
      },
    ]);
    expect(await change({ delivery_partner_id: lp.partner.id, secondary_delivery_partner_id: lp.partner.id })).toEqual([
      {
        title: "secondary_delivery_partner_id",
        detail: "The property '#/secondary_delivery_partner_id' cannot have the same value as the property '#/delivery_partner_id'",
      },
    ]);
    await expect(changeDeliveryPartner(other.actor, d.id, { delivery_partner_id: other.partner.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getDeclaration(lp.actor, d.id)).deliveryPartnerId).toBe(lp.partner.id);
  });
});

describe("listDeclarations", () => {
  it("lists only the provider's declarations by created_at then id, with cohort, participant and updated_since filters", async () => {
    const mine = await provider();
    const a = await enrol(mine);
    const b = await enrol(mine);
    const first = await createDeclaration(
      at(mine.actor, "2024-11-12T09:00:00Z"),
      started(mine, a.participant.id, { declaration_date: "2024-11-11T10:00:00Z" }),
    );
    const second = await createDeclaration(
      at(mine.actor, "2024-11-13T09:00:00Z"),
      started(mine, b.participant.id, { declaration_date: "2024-11-11T10:00:00Z" }),
    );
    const third = await createDeclaration(
      at(mine.actor, "2024-11-14T09:00:00Z"),
      started(mine, a.participant.id, { declaration_type: "completed", has_passed: true, declaration_date: "2024-11-11T10:00:00Z" }),
    );
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(ids(await listDeclarations(mine.actor, { pagination: page }))).toEqual([first.id, second.id, third.id]);
    expect(ids(await listDeclarations(mine.actor, { pagination: { page: 2, perPage: 2, offset: 2 } }))).toEqual([third.id]);
    expect(await listDeclarations(mine.actor, { pagination: { page: 3, perPage: 2, offset: 4 } })).toEqual([]);
    expect(ids(await listDeclarations(mine.actor, { pagination: page, participantIds: [a.participant.id] }))).toEqual([first.id, third.id]);
    expect(ids(await listDeclarations(mine.actor, { pagination: page, cohorts: [2023] }))).toEqual([]);
    expect(ids(await listDeclarations(mine.actor, { pagination: page, cohorts: [2023, 2024] }))).toHaveLength(3);
    expect(await listDeclarations(mine.actor, { pagination: page, cohorts: [] })).toEqual([]);
    expect(ids(await listDeclarations(mine.actor, { pagination: page, updatedSince: new Date("2024-11-13T09:00:00Z") }))).toEqual([second.id, third.id]);
    // An outcome changed later brings its declaration back into updated_since.
    await db()
      .update(outcomes)
      .set({ updatedAt: new Date("2024-12-01T00:00:00Z") })
      .where(eq(outcomes.declarationId, third.id));
    await db()
      .update(declarations)
      .set({ updatedAt: new Date("2024-11-14T09:00:00Z") })
      .where(eq(declarations.id, third.id));
    expect(ids(await listDeclarations(mine.actor, { pagination: page, updatedSince: new Date("2024-11-20T00:00:00Z") }))).toEqual([third.id]);
    expect(await listDeclarations(other.actor, { pagination: page, participantIds: [a.participant.id] })).toEqual([]);
  });
});

describe("dates", () => {
  it("reads RFC 3339 like DfE (no offset means London time) and gives London calendar dates", () => {
    expect(parseDeclarationDate("2024-11-10T10:00:00Z")?.toISOString()).toBe("2024-11-10T10:00:00.000Z");
    expect(parseDeclarationDate("2024-11-10T10:00:00.123456+01:00")?.toISOString()).toBe("2024-11-10T09:00:00.123Z");
    expect(parseDeclarationDate("2024-11-10T10:00:00-0530")?.toISOString()).toBe("2024-11-10T15:30:00.000Z");
    expect(parseDeclarationDate("2024-07-01T10:00:00")?.toISOString()).toBe("2024-07-01T09:00:00.000Z");
    expect(parseDeclarationDate("2024-12-01T10:00:00")?.toISOString()).toBe("2024-12-01T10:00:00.000Z");
    expect(parseDeclarationDate("2024-11-10 10:00:00Z")).toBeNull();
    expect(parseDeclarationDate("2023-02-29T10:00:00Z")).toBeNull();
    expect(londonDate(new Date("2024-06-30T23:30:00Z"))).toBe("2024-07-01");
    expect(londonDate(new Date("2024-12-31T23:30:00Z"))).toBe("2024-12-31");
  });
});
