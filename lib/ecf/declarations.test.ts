import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, declarations, statements } from "@/db/schema";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { createEcfParticipant, ecfStatements, insertEcfDeclaration } from "@/tests/support/ecf";
import { createApplication, createLeadProvider, createParticipant, setupLeadProvider } from "@/tests/support/npq";
import { createEcfDeclaration, evidenceRule, getEcfDeclaration, listEcfDeclarations, voidEcfDeclaration } from "./declarations";
import { serializeEcfDeclaration } from "./serialize";
import { apiErrorsOf as errorsOf } from "@/tests/support/api";

const INVALID_PARTICIPANT = "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.";
const INVALID_COURSE = "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.";

const lp = setupLeadProvider(); // now: 2024-11-15T10:00:00Z
const other = setupLeadProvider();
let november: typeof statements.$inferSelect;
beforeAll(async () => {
  const created = await ecfStatements(lp.org.id, 2024, { year: 2024, month: 11 }, 24);
  november = created.find((s) => s.year === 2024 && s.month === 11)!;
  await ecfStatements(lp.org.id, 2025, { year: 2025, month: 9 }, 30);
  await ecfStatements(other.org.id, 2024, { year: 2024, month: 11 }, 24);
});

const started = (participantId: string, extra: Record<string, unknown> = {}) => ({
  participant_id: participantId,
  declaration_type: "started",
  declaration_date: "2024-11-01T10:00:00Z",
  course_identifier: "ecf-induction",
  ...extra,
});

describe("recording a declaration", () => {
  it("records an eligible declaration on the next open output-fee statement, audited", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    const record = await createEcfDeclaration(lp.actor, started(participant.id));
    expect(record).toMatchObject({
      participantId: participant.id,
      trainingRecordId: profile.id,
      courseIdentifier: "ecf-induction",
      cohort: 2024,
      state: "eligible",
      statementId: november.id,
      clawbackStatementId: null,
    });
    expect(serializeEcfDeclaration(record)).toEqual({
      id: record.id,
      type: "participant-declaration",
      attributes: {
        participant_id: participant.id,
        declaration_type: "started",
        declaration_date: "2024-11-01T10:00:00Z",
        course_identifier: "ecf-induction",
        state: "eligible",
        updated_at: "2024-11-15T10:00:00Z",
        has_passed: null,
      },
    });
    const [row] = await db().select().from(declarations).where(eq(declarations.id, record.id));
    expect(row).toMatchObject({ applicationId: null, ecfProfileId: profile.id, leadProviderId: lp.org.id });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, record.id), eq(auditEvents.action, "ecf_declaration.created")));
    expect(audit).toMatchObject({ organisationId: lp.org.id });
  });

  it("records a mentor's declaration on ecf-mentor, and a participant not eligible for funding as submitted with no statement", async () => {
    const mentor = await createEcfParticipant(lp.org.id, { type: "mentor", profile: { eligibleForFunding: null } });
    const record = await createEcfDeclaration(lp.actor, started(mentor.participant.id, { course_identifier: "ecf-mentor" }));
    expect(record).toMatchObject({ courseIdentifier: "ecf-mentor", state: "submitted", statementId: null });
  });

  it("needs an open output-fee statement only when the declaration would be paid", async () => {
    const fresh = await createLeadProvider();
    const eligible = await createEcfParticipant(fresh.org.id);
    expect(await errorsOf(createEcfDeclaration(fresh.actor, started(eligible.participant.id)))).toEqual([
      {
        title: "cohort",
        detail:
          "You cannot submit or void declarations for the 2024 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
      },
    ]);
    const unfunded = await createEcfParticipant(fresh.org.id, { profile: { eligibleForFunding: false } });
    expect(await createEcfDeclaration(fresh.actor, started(unfunded.participant.id))).toMatchObject({ state: "submitted" });
  });

  it("answers an exact copy with the same declaration, and refuses a second billable one for the event", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const first = await createEcfDeclaration(lp.actor, started(participant.id));
    const again = await createEcfDeclaration(lp.at("2024-11-16T10:00:00Z"), started(participant.id));
    expect(again).toEqual(first);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-11-02T10:00:00Z" })))).toEqual([
      { title: "base", detail: "A declaration has already been submitted that will be, or has been, paid for this event" },
    ]);
    const rows = await db().select().from(declarations).where(eq(declarations.participantId, participant.id));
    expect(rows).toHaveLength(1);
  });

  it("lets a voided declaration be declared again", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const first = await createEcfDeclaration(lp.actor, started(participant.id));
    await voidEcfDeclaration(lp.actor, first.id);
    expect(await createEcfDeclaration(lp.actor, started(participant.id))).toMatchObject({ state: "eligible" });
  });

  it("stores a duplicate of another participant record with the same TRN as ineligible", async () => {
    const trn = String(8_000_000 + Math.floor(Math.random() * 999_999));
    const elsewhere = await createEcfParticipant(other.org.id, { participant: { trn } });
    await insertEcfDeclaration(elsewhere.profile, { state: "paid" });
    const { participant } = await createEcfParticipant(lp.org.id, { participant: { trn } });
    const record = await createEcfDeclaration(lp.actor, started(participant.id));
    expect(record).toMatchObject({ state: "ineligible", statementId: november.id });
    const [row] = await db().select().from(declarations).where(eq(declarations.id, record.id));
    expect(row!.ineligibleForFundingReason).toBe("duplicate_declaration");
  });

  it("answers two concurrent copies of a request with one declaration", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const [a, b] = await Promise.all([createEcfDeclaration(lp.actor, started(participant.id)), createEcfDeclaration(lp.actor, started(participant.id))]);
    expect(a.id).toBe(b.id);
    expect(await db().select().from(declarations).where(eq(declarations.participantId, participant.id))).toHaveLength(1);
  });
});

describe("declaration dates", () => {
  it("needs a readable date, in RFC 3339, not in the future", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    for (const value of [undefined, "", "next tuesday", "2024-02-30T10:00:00Z", 20241101]) {
      expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: value })))).toEqual([
        { title: "declaration_date", detail: "Enter a '#/declaration_date'." },
      ]);
    }
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-11-01" })))).toEqual([
      { title: "declaration_date", detail: "Enter a valid RCF3339 '#/declaration_date'." },
    ]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-11-15T10:00:01Z" })))).toEqual([
      { title: "declaration_date", detail: "The '#/declaration_date' value cannot be a future date. Check the date and try again." },
    ]);
    // Offsets and London time without one are read as DfE reads them.
    expect(await createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-11-15T11:00:00+01:00" }))).toMatchObject({
      declarationDate: new Date("2024-11-15T10:00:00Z"),
    });
  });

  it("must fall inside the milestone window, in London time", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-05-31T22:59:59Z" })))).toEqual([
      { title: "declaration_date", detail: "Enter a '#/declaration_date' that's on or after the milestone start." },
    ]);
    // 23:30 UTC on 31 May 2024 is already 1 June in London: the window has opened.
    expect(await createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-05-31T23:30:00Z" }))).toMatchObject({ state: "eligible" });

    const later = await createEcfParticipant(lp.org.id);
    const may = lp.at("2025-05-01T10:00:00Z");
    expect(
      await errorsOf(
        createEcfDeclaration(
          may,
          started(later.participant.id, { declaration_type: "retained-1", declaration_date: "2025-04-15T10:00:00Z", evidence_held: "other" }),
        ),
      ),
    ).toEqual([{ title: "declaration_date", detail: "Enter a '#/declaration_date' that's before the milestone end date." }]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(later.participant.id, { declaration_date: "2025-01-10T10:00:00Z" })))).toEqual([
      {
        title: "declaration_date",
        detail:
          "The '#/declaration_date' value cannot be a future date. Check the date and try again., Enter a '#/declaration_date' that's before the milestone end date.",
      },
    ]);
  });

  it("refuses a date after the participant withdrew, and accepts one before", async () => {
    const { participant } = await createEcfParticipant(lp.org.id, {
      profile: { trainingStatus: "withdrawn", withdrawnAt: new Date("2024-11-01T00:00:00Z"), withdrawalReason: "moved-school" },
    });
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-11-05T10:00:00Z" })))).toEqual([
      {
        title: "participant_id",
        detail: "This participant withdrew from this course on 2024-11-01T00:00:00Z. Enter a '#/declaration_date' that's on or before the withdrawal date.",
      },
    ]);
    expect(await createEcfDeclaration(lp.actor, started(participant.id, { declaration_date: "2024-10-20T10:00:00Z" }))).toMatchObject({ state: "eligible" });
  });
});

describe("declaration types and evidence", () => {
  it("needs a type that the participant's schedule has", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_type: "extended-1", evidence_held: "other" })))).toEqual([
      { title: "declaration_type", detail: "The property '#/declaration_type' does not exist for this schedule." },
    ]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_type: "retained-9" })))).toEqual([
      { title: "declaration_type", detail: "The property '#/declaration_type' does not exist for this schedule." },
    ]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { declaration_type: undefined })))).toEqual([
      { title: "declaration_type", detail: "Enter a '#/declaration_type'., The property '#/declaration_type' does not exist for this schedule." },
    ]);
  });

  it("needs evidence held for retained declarations before 2025, from the three simple types", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const february = lp.at("2025-02-01T10:00:00Z");
    const retained = (evidence?: string) =>
      started(participant.id, { declaration_type: "retained-1", declaration_date: "2025-01-15T10:00:00Z", evidence_held: evidence });
    expect(await errorsOf(createEcfDeclaration(february, retained()))).toEqual([
      { title: "evidence_held", detail: "Enter a '#/evidence_held' value for this participant." },
    ]);
    expect(await errorsOf(createEcfDeclaration(february, retained("materials-engaged-with-offline")))).toEqual([
      { title: "evidence_held", detail: "Enter an available '#/evidence_held' type for this participant's event and course." },
    ]);
    expect(await createEcfDeclaration(february, retained("self-study-material-completed"))).toMatchObject({ declarationType: "retained-1", state: "eligible" });
  });

  it("applies the 2025 evidence types, and lets 2025 mentors declare only started and completed", async () => {
    const ect = await createEcfParticipant(lp.org.id, { cohort: 2025 });
    const autumn = lp.at("2025-10-01T10:00:00Z");
    const start2025 = (id: string, extra: Record<string, unknown> = {}) => started(id, { declaration_date: "2025-09-15T10:00:00Z", ...extra });
    expect(await errorsOf(createEcfDeclaration(autumn, start2025(ect.participant.id, { evidence_held: "75-percent-engagement-met" })))).toEqual([
      { title: "evidence_held", detail: "Enter an available '#/evidence_held' type for this participant's event and course." },
    ]);
    expect(await createEcfDeclaration(autumn, start2025(ect.participant.id))).toMatchObject({ cohort: 2025, state: "eligible" });

    const summer = lp.at("2026-05-01T10:00:00Z");
    const retained2 = (evidence: string) =>
      started(ect.participant.id, { declaration_type: "retained-2", declaration_date: "2026-04-15T10:00:00Z", evidence_held: evidence });
    expect(await errorsOf(createEcfDeclaration(summer, retained2("training-event-attended")))).toEqual([
      { title: "evidence_held", detail: "Enter an available '#/evidence_held' type for this participant's event and course." },
    ]);
    expect(await createEcfDeclaration(summer, retained2("75-percent-engagement-met-reduced-induction"))).toMatchObject({ declarationType: "retained-2" });

    const mentor = await createEcfParticipant(lp.org.id, { type: "mentor", cohort: 2025 });
    const mentorStarted = await createEcfDeclaration(
      autumn,
      start2025(mentor.participant.id, { course_identifier: "ecf-mentor", evidence_held: "materials-engaged-with-offline" }),
    );
    expect(mentorStarted).toMatchObject({ state: "eligible" });
    // The evidence held is kept with the declaration (the API does not return it).
    const [stored] = await db().select({ evidenceHeld: declarations.evidenceHeld }).from(declarations).where(eq(declarations.id, mentorStarted.id));
    expect(stored).toEqual({ evidenceHeld: "materials-engaged-with-offline" });
    expect(
      await errorsOf(
        createEcfDeclaration(
          lp.at("2026-02-01T10:00:00Z"),
          started(mentor.participant.id, {
            course_identifier: "ecf-mentor",
            declaration_type: "retained-1",
            declaration_date: "2026-01-15T10:00:00Z",
            evidence_held: "other",
          }),
        ),
      ),
    ).toEqual([
      {
        title: "declaration_type",
        detail:
          "You cannot send retained or extended declarations for participants who began their mentor training after June 2025. Resubmit this declaration with either a started or completed declaration.",
      },
    ]);
  });

  it("knows which evidence each participant type, cohort and declaration type takes", () => {
    expect(evidenceRule("ect", 2024, "started")).toBeNull();
    expect(evidenceRule("mentor", 2024, "retained-3")).toEqual({
      required: true,
      allowed: ["training-event-attended", "self-study-material-completed", "other"],
    });
    expect(evidenceRule("ect", 2025, "started")).toEqual({
      required: false,
      allowed: ["training-event-attended", "self-study-material-completed", "materials-engaged-with-offline", "other"],
    });
    expect(evidenceRule("ect", 2025, "completed")).toEqual({
      required: true,
      allowed: ["75-percent-engagement-met", "75-percent-engagement-met-reduced-induction", "one-term-induction"],
    });
    expect(evidenceRule("ect", 2025, "extended-2")?.allowed).toContain("materials-engaged-with-offline");
    expect(evidenceRule("mentor", 2025, "completed")).toEqual({
      required: true,
      allowed: ["75-percent-engagement-met", "75-percent-engagement-met-reduced-induction"],
    });
    expect(evidenceRule("mentor", 2025, "retained-1")).toBeNull();
  });
});

describe("who can be declared for", () => {
  it("does not recognise an unknown participant, another provider's or a missing id", async () => {
    const theirs = await createEcfParticipant(other.org.id);
    const stranger = await createParticipant();
    for (const id of [theirs.participant.id, stranger.id, crypto.randomUUID(), "not-a-uuid", undefined]) {
      expect(await errorsOf(createEcfDeclaration(lp.actor, started(id as string)))).toEqual([
        { title: "participant_id", detail: INVALID_PARTICIPANT },
        { title: "course_identifier", detail: INVALID_COURSE },
      ]);
    }
    expect(await db().select().from(declarations).where(eq(declarations.participantId, theirs.participant.id))).toHaveLength(0);
  });

  it("needs the participant's own course, and no longer takes NPQ courses", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { course_identifier: "ecf-mentor" })))).toEqual([
      { title: "course_identifier", detail: INVALID_COURSE },
    ]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { course_identifier: undefined })))).toEqual([
      { title: "course_identifier", detail: INVALID_COURSE },
    ]);
    expect(await errorsOf(createEcfDeclaration(lp.actor, started(participant.id, { course_identifier: "npq-headship" })))).toEqual([
      { title: "course_identifier", detail: "NPQ Courses are no longer supported" },
    ]);
  });
});

describe("voiding", () => {
  it("voids an unpaid declaration once, audited", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const record = await createEcfDeclaration(lp.actor, started(participant.id));
    const voided = await voidEcfDeclaration(lp.actor, record.id);
    expect(voided).toMatchObject({ state: "voided", statementId: november.id, clawbackStatementId: null });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, record.id), eq(auditEvents.action, "ecf_declaration.voided")));
    expect(audit).toMatchObject({ organisationId: lp.org.id, before: { state: "eligible" }, after: { state: "voided" } });
    expect(await errorsOf(voidEcfDeclaration(lp.actor, record.id))).toEqual([{ title: "Invalid action", detail: "This declaration has already been voided." }]);
  });

  it("voids submitted, payable and ineligible declarations", async () => {
    const { profile } = await createEcfParticipant(lp.org.id);
    for (const state of ["submitted", "payable", "ineligible"] as const) {
      const row = await insertEcfDeclaration(profile, {
        state,
        declarationType: state === "submitted" ? "started" : state === "payable" ? "retained-1" : "retained-2",
      });
      expect(await voidEcfDeclaration(lp.actor, row.id)).toMatchObject({ state: "voided" });
    }
  });

  it("claws back a paid declaration on the next output-fee statement", async () => {
    const { profile } = await createEcfParticipant(lp.org.id);
    const paid = await insertEcfDeclaration(profile, { state: "paid" });
    const record = await voidEcfDeclaration(lp.actor, paid.id);
    expect(record).toMatchObject({ state: "awaiting_clawback", clawbackStatementId: november.id });
    expect(serializeEcfDeclaration(record).attributes.state).toBe("awaiting-clawback");
    expect(await errorsOf(voidEcfDeclaration(lp.actor, paid.id))).toEqual([
      { title: "Invalid action", detail: "This declaration cannot be voided. Contact the DfE if you have any questions about why you cannot void it." },
    ]);
    const clawedBack = await insertEcfDeclaration(profile, { state: "clawed_back", declarationType: "retained-1" });
    expect(await errorsOf(voidEcfDeclaration(lp.actor, clawedBack.id))).toEqual([
      { title: "Invalid action", detail: "This declaration cannot be voided. Contact the DfE if you have any questions about why you cannot void it." },
    ]);
  });

  it("cannot claw back without an open output-fee statement", async () => {
    const fresh = await createLeadProvider();
    const { profile } = await createEcfParticipant(fresh.org.id);
    const paid = await insertEcfDeclaration(profile, { state: "paid" });
    expect(await errorsOf(voidEcfDeclaration(fresh.actor, paid.id))).toEqual([
      {
        title: "Invalid action",
        detail:
          "Participant declaration You cannot submit or void declarations for the 2024 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
      },
    ]);
  });

  it("does not find another provider's declaration, an NPQ one, or an unknown id", async () => {
    const { profile } = await createEcfParticipant(other.org.id);
    const theirs = await insertEcfDeclaration(profile);
    const person = await createParticipant();
    const application = await createApplication(lp.org.id, person.id, { status: "accepted", trainingStatus: "active" });
    const [npq] = await db()
      .insert(declarations)
      .values({
        participantId: person.id,
        applicationId: application.id,
        leadProviderId: lp.org.id,
        courseIdentifier: "npq-senior-leadership",
        cohort: 2024,
        declarationType: "started",
        declarationDate: new Date("2024-10-01T10:00:00Z"),
        state: "eligible",
      })
      .returning();
    for (const id of [theirs.id, npq!.id, crypto.randomUUID(), "nope"]) {
      await expect(voidEcfDeclaration(lp.actor, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getEcfDeclaration(lp.actor, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    const [still] = await db().select().from(declarations).where(eq(declarations.id, theirs.id));
    expect(still!.state).toBe("eligible");
  });
});

describe("listing declarations", () => {
  it("lists the lead provider's ECF declarations by created_at, filtered by participant and updated_since", async () => {
    const fresh = await createLeadProvider();
    const a = await createEcfParticipant(fresh.org.id);
    const b = await createEcfParticipant(fresh.org.id, { type: "mentor" });
    const first = await insertEcfDeclaration(a.profile, { createdAt: new Date("2024-10-01T10:00:00Z"), updatedAt: new Date("2024-10-01T10:00:00Z") });
    const second = await insertEcfDeclaration(b.profile, { createdAt: new Date("2024-10-02T10:00:00Z"), updatedAt: new Date("2024-11-02T10:00:00Z") });
    const third = await insertEcfDeclaration(a.profile, {
      declarationType: "retained-1",
      state: "voided",
      createdAt: new Date("2024-10-03T10:00:00Z"),
      updatedAt: new Date("2024-10-03T10:00:00Z"),
    });
    await insertEcfDeclaration((await createEcfParticipant(other.org.id)).profile);

    const ids = async (filters: Parameters<typeof listEcfDeclarations>[1]) => (await listEcfDeclarations(fresh.actor, filters)).map((d) => d.id);
    expect(await ids({})).toEqual([first.id, second.id, third.id]);
    expect(await ids({ pagination: { page: 2, perPage: 2, offset: 2 } })).toEqual([third.id]);
    expect(await ids({ participantIds: [a.participant.id] })).toEqual([first.id, third.id]);
    expect(await ids({ updatedSince: new Date("2024-10-15T00:00:00Z") })).toEqual([second.id]);
    expect((await getEcfDeclaration(fresh.actor, second.id)).courseIdentifier).toBe("ecf-mentor");
  });
});
