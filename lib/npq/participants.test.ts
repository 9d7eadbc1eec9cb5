import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, declarations, npqApplications, participantIdChanges, participants } from "@/db/schema";
import { type NpqCourse, WITHDRAWAL_REASONS } from "@/lib/domain";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { MESSAGES } from "@/lib/api/messages";
import { NotFoundError } from "@/lib/errors";
import { createApplication, createLeadProvider, createParticipant, insertDeclaration, setupLeadProvider } from "@/tests/support/npq";
import { acceptApplication } from "./applications";
import {
  changeSchedule,
  deferParticipant,
  getParticipant,
  listParticipants,
  INVALID_TRAINING_STATUS,
  resumeParticipant,
  withdrawParticipant,
} from "./participants";
import { serializeParticipant } from "./serialize";
import type { NpqApplication, Participant } from "@/db/schema";
import { dfeWording, apiErrorsOf as errorsOf, page } from "@/tests/support/api";

const lpA = setupLeadProvider();
const lpB = setupLeadProvider();

/** A new person with an accepted application with the lead provider. */
async function enrol(
  actor: LeadProviderActor,
  options: { course?: NpqCourse; cohort?: number; person?: Participant; eligibleForFunding?: boolean; scheduleIdentifier?: string } = {},
) {
  // Last changed long ago, so the participant's updated_at follows their enrolments.
  const person = options.person ?? (await createParticipant({ updatedAt: new Date("2024-01-01T00:00:00Z") }));
  const app = await createApplication(actor.leadProviderId, person.id, {
    courseIdentifier: options.course ?? "npq-senior-leadership",
    cohort: options.cohort ?? 2024,
    eligibleForFunding: options.eligibleForFunding ?? true,
  });
  await acceptApplication(actor, app.id, { scheduleIdentifier: options.scheduleIdentifier, fundedPlace: true });
  const [accepted] = await db().select().from(npqApplications).where(eq(npqApplications.id, app.id));
  return { person, app: accepted! };
}

async function addDeclaration(
  app: NpqApplication,
  options: { type?: "started" | "retained-1" | "retained-2" | "completed"; state?: (typeof declarations.$inferInsert)["state"]; date?: string } = {},
) {
  const type = options.type ?? "started";
  return insertDeclaration(app, {
    declarationType: type,
    declarationDate: new Date(options.date ?? "2024-11-01T10:00:00Z"),
    state: options.state ?? "eligible",
    hasPassed: type === "completed" ? true : null,
  });
}

const enrolmentOf = (record: Awaited<ReturnType<typeof getParticipant>>, course: string = "npq-senior-leadership") =>
  serializeParticipant(record).attributes.npq_enrolments.find((e) => e.course_identifier === course)!;

describe("listing and showing participants", () => {
  it("lists people with an accepted application with the provider, with only that provider's enrolments", async () => {
    const lp = await createLeadProvider();
    const early = await createParticipant({ createdAt: new Date("2023-01-01T00:00:00Z") });
    const late = await createParticipant({ createdAt: new Date("2023-02-01T00:00:00Z"), trnValidated: false, previousNames: ["Jo Bloggs"] });
    await enrol(lp.actor, { person: late });
    const { app } = await enrol(lp.actor, { person: early });
    await enrol(lpB.actor, { person: early, course: "npq-headship" });
    await createApplication(lp.org.id, (await createParticipant()).id); // pending only: not a participant
    await createApplication(lp.org.id, early.id, { courseIdentifier: "npq-senco" }); // pending: not an enrolment

    const all = await listParticipants(lp.actor, { pagination: page() });
    expect(all.map((r) => r.participant.id)).toEqual([early.id, late.id]);
    expect((await listParticipants(lp.actor, { pagination: page(1, 2) })).map((r) => r.participant.id)).toEqual([late.id]);
    expect(await listParticipants(lp.actor, { pagination: page(1, 3) })).toEqual([]);

    const json = serializeParticipant(all[0]!);
    expect(json).toMatchObject({
      id: early.id,
      type: "npq-participant",
      attributes: {
        full_name: early.fullName,
        teacher_reference_number: early.trn,
        participant_id_changes: [],
        npq_enrolments: [
          {
            email: early.email,
            course_identifier: "npq-senior-leadership",
            schedule_identifier: "npq-leadership-autumn",
            cohort: "2024",
            cohort_suffix: "a",
            npq_application_id: app.id,
            eligible_for_funding: true,
            training_status: "active",
            withdrawal: null,
            deferral: null,
            created_at: "2024-11-15T10:00:00Z",
            funded_place: true,
          },
        ],
      },
    });
    expect(json.attributes.npq_enrolments).toHaveLength(1);
    // DfE shows a TRN only once verified.
    expect(serializeParticipant(all[1]!).attributes).toMatchObject({ teacher_reference_number: null, previous_names: ["Jo Bloggs"] });
  });

  it("filters by training status, updated_since and from_participant_id, and sorts", async () => {
    const lp = await createLeadProvider(new Date("2024-11-15T10:00:00Z"));
    const one = await enrol(lp.actor, { person: await createParticipant({ createdAt: new Date("2023-03-01T00:00:00Z") }) });
    const two = await enrol(lp.actor, { person: await createParticipant({ createdAt: new Date("2023-04-01T00:00:00Z") }) });
    await db()
      .update(participants)
      .set({ updatedAt: new Date("2024-01-01T00:00:00Z") })
      .where(inArray(participants.id, [one.person.id, two.person.id]));
    await addDeclaration(two.app);
    await deferParticipant(lp.at("2024-12-01T00:00:00Z"), two.person.id, { courseIdentifier: "npq-senior-leadership", reason: "bereavement" });
    const ids = async (options: Omit<Parameters<typeof listParticipants>[1], "pagination">) =>
      (await listParticipants(lp.actor, { pagination: page(), ...options })).map((r) => r.participant.id);

    expect(await ids({ trainingStatus: "deferred" })).toEqual([two.person.id]);
    expect(await ids({ trainingStatus: "active" })).toEqual([one.person.id]);
    expect(await ids({ trainingStatus: "withdrawn" })).toEqual([]);
    expect(await ids({ updatedSince: new Date("2024-11-20T00:00:00Z") })).toEqual([two.person.id]);
    expect(await ids({ sort: [{ field: "updated_at", direction: "desc" }] })).toEqual([two.person.id, one.person.id]);
    expect(await ids({ sort: [{ field: "created_at", direction: "desc" }] })).toEqual([two.person.id, one.person.id]);
    expect(await ids({ cohorts: [2023] })).toEqual([]);

    const retired = crypto.randomUUID();
    await db()
      .insert(participantIdChanges)
      .values({ participantId: one.person.id, fromParticipantId: retired, toParticipantId: one.person.id, createdAt: new Date("2024-12-05T00:00:00Z") });
    expect(await ids({ fromParticipantId: retired })).toEqual([one.person.id]);
    expect(await ids({ fromParticipantId: "nonsense" })).toEqual([]);
    // An id change counts as an update.
    expect(await ids({ updatedSince: new Date("2024-12-04T00:00:00Z") })).toEqual([one.person.id]);
    const record = await getParticipant(lp.actor, one.person.id);
    expect(serializeParticipant(record).attributes).toMatchObject({
      updated_at: "2024-12-05T00:00:00.000Z",
      participant_id_changes: [{ from_participant_id: retired, to_participant_id: one.person.id, changed_at: "2024-12-05T00:00:00Z" }],
    });
  });

  it("shows a participant; a pending-only applicant, another provider's participant or a malformed id is not found", async () => {
    const { person } = await enrol(lpA.actor);
    expect((await getParticipant(lpA.actor, person.id)).participant.id).toBe(person.id);
    await expect(getParticipant(lpB.actor, person.id)).rejects.toBeInstanceOf(NotFoundError);
    const applicant = await createParticipant();
    await createApplication(lpA.org.id, applicant.id);
    await expect(getParticipant(lpA.actor, applicant.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getParticipant(lpA.actor, "x")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("participant actions", () => {
  it("checks the course: unknown, or one the participant is not enrolled on with this provider", async () => {
    const { person, app } = await enrol(lpA.actor);
    await addDeclaration(app);
    expect(await errorsOf(deferParticipant(lpA.actor, person.id, { courseIdentifier: "npq-nonsense", reason: "other" }))).toEqual([
      { title: "course_identifier", detail: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again." },
      { title: "participant_id", detail: MESSAGES["participant_id.invalid_participant"] },
    ]);
    expect(await errorsOf(resumeParticipant(lpA.actor, person.id, { courseIdentifier: "npq-headship" }))).toEqual([
      { title: "participant_id", detail: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again." },
    ]);
    await expect(deferParticipant(lpB.actor, person.id, { courseIdentifier: "npq-senior-leadership", reason: "other" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(withdrawParticipant(lpA.actor, crypto.randomUUID(), { courseIdentifier: "npq-senior-leadership", reason: "other" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("defers (with a declaration and a valid reason) and resumes", async () => {
    const { person, app } = await enrol(lpA.actor);
    const input = { courseIdentifier: "npq-senior-leadership", reason: "parental-leave" };
    expect(await errorsOf(deferParticipant(lpA.actor, person.id, input))).toEqual([
      { title: "participant_id", detail: "You cannot defer an NPQ participant that has no declarations" },
    ]);
    await addDeclaration(app, { state: "voided" });
    expect(await errorsOf(deferParticipant(lpA.actor, person.id, { ...input, reason: "holiday" }))).toEqual([
      { title: "reason", detail: "The property '#/reason' must be a valid reason" },
    ]);
    expect(await errorsOf(resumeParticipant(lpA.actor, person.id, input))).toEqual([{ title: "participant_id", detail: "The participant is already active" }]);

    const deferred = await deferParticipant(lpA.at("2025-01-10T09:30:00Z"), person.id, input);
    expect(enrolmentOf(deferred)).toMatchObject({
      training_status: "deferred",
      deferral: { reason: "parental-leave", date: "2025-01-10T09:30:00Z" },
      withdrawal: null,
    });
    expect(serializeParticipant(deferred).attributes.updated_at).toBe("2025-01-10T09:30:00.000Z");
    expect(await errorsOf(deferParticipant(lpA.actor, person.id, input))).toEqual([{ title: "participant_id", detail: "The participant is already deferred" }]);

    const resumed = await resumeParticipant(lpA.at("2025-03-01T00:00:00Z"), person.id, input);
    expect(enrolmentOf(resumed)).toMatchObject({ training_status: "active", deferral: null });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.entityId, app.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["npq_participant.deferred", "npq_participant.resumed"]));
  });

  it("withdraws only with a started declaration and a valid reason; then refuses to defer or withdraw again", async () => {
    const { person, app } = await enrol(lpA.actor);
    const input = { courseIdentifier: "npq-senior-leadership", reason: "quality-of-programme-structure-not-suitable." };
    const noStarted = {
      title: "participant_id",
      detail: "An NPQ participant who has not got a started declaration cannot be withdrawn. Please contact support for assistance",
    };
    expect(await errorsOf(withdrawParticipant(lpA.actor, person.id, input))).toEqual([noStarted]);
    await addDeclaration(app, { type: "retained-1" });
    expect(await errorsOf(withdrawParticipant(lpA.actor, person.id, { ...input, reason: "bored" }))).toEqual([
      { title: "reason", detail: "The property '#/reason' must be a valid reason" },
      noStarted,
    ]);
    await addDeclaration(app, { type: "started", state: "voided" });
    expect(WITHDRAWAL_REASONS).toContain("non-payment-of-invoice");

    const withdrawn = await withdrawParticipant(lpA.at("2025-02-02T10:00:00Z"), person.id, input);
    expect(enrolmentOf(withdrawn)).toMatchObject({
      training_status: "withdrawn",
      withdrawal: { reason: input.reason, date: "2025-02-02T10:00:00Z" },
      deferral: null,
    });
    expect(await errorsOf(withdrawParticipant(lpA.actor, person.id, input))).toEqual([
      { title: "participant_id", detail: "The participant is already withdrawn" },
    ]);
    expect(await errorsOf(deferParticipant(lpA.actor, person.id, { courseIdentifier: "npq-senior-leadership", reason: "other" }))).toEqual([
      { title: "participant_id", detail: "The participant is already withdrawn" },
    ]);
    // DfE lets a withdrawn participant resume.
    expect(enrolmentOf(await resumeParticipant(lpA.actor, person.id, input)).training_status).toBe("active");
  });
});

describe("changing schedule", () => {
  const course = "npq-senior-leadership";

  it("moves to another schedule of the cohort and audits", async () => {
    const { person, app } = await enrol(lpA.actor);
    const changed = await changeSchedule(lpA.at("2025-01-05T00:00:00Z"), person.id, { scheduleIdentifier: "npq-leadership-spring", courseIdentifier: course });
    expect(enrolmentOf(changed)).toMatchObject({ schedule_identifier: "npq-leadership-spring", cohort: "2024" });
    expect(serializeParticipant(changed).attributes.updated_at).toBe("2025-01-05T00:00:00.000Z");
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, app.id), eq(auditEvents.action, "npq_participant.schedule_changed")));
    expect(audit).toBeDefined();
  });

  it("refuses the same schedule, an unknown one and one for another course", async () => {
    const { person } = await enrol(lpA.actor);
    expect(await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course }))).toEqual([
      { title: "schedule_identifier", detail: "The participant already has the specified schedule" },
    ]);
    for (const scheduleIdentifier of ["npq-unknown", "", undefined]) {
      expect(await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier, courseIdentifier: course }))).toEqual([
        { title: "schedule_identifier", detail: "The property '#/schedule_identifier' must be present" },
      ]);
    }
    expect(await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-specialist-spring", courseIdentifier: course }))).toEqual([
      { title: "schedule_identifier", detail: MESSAGES["schedule_identifier.invalid_for_course"] },
    ]);
  });

  it("refuses a schedule whose milestone windows would not hold the existing billable declarations", async () => {
    const { person, app } = await enrol(lpA.actor);
    const declaration = await addDeclaration(app, { date: "2024-11-01T10:00:00Z" });
    expect(await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-spring", courseIdentifier: course }))).toEqual([
      { title: "schedule_identifier", detail: "Changing schedule would invalidate existing declarations. Please void them first." },
    ]);
    await db().update(declarations).set({ state: "voided" }).where(eq(declarations.id, declaration.id));
    expect(
      enrolmentOf(await changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-spring", courseIdentifier: course })).schedule_identifier,
    ).toBe("npq-leadership-spring");
  });

  it("reads declaration dates as days in England", async () => {
    const { person, app } = await enrol(lpA.actor, { scheduleIdentifier: "npq-leadership-spring" });
    // 23:30 UTC on 30 September 2024 is 1 October in London: inside the autumn schedule's window, which opens that day.
    await addDeclaration(app, { date: "2024-09-30T23:30:00Z" });
    expect(
      enrolmentOf(await changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course })).schedule_identifier,
    ).toBe("npq-leadership-autumn");
  });

  it("changes cohort only without billable declarations and never from a capped cohort to an uncapped one", async () => {
    const capped = await enrol(lpA.actor);
    expect(
      await errorsOf(changeSchedule(lpA.actor, capped.person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course, cohort: "2023" })),
    ).toEqual([{ title: "cohort", detail: MESSAGES["cohort.cannot_change_to_cohort_without_funding_cap"] }]);

    const uncapped = await enrol(lpA.actor, { cohort: 2023 });
    const withDeclaration = await enrol(lpA.actor, { cohort: 2023 });
    await addDeclaration(withDeclaration.app, { date: "2024-11-01T10:00:00Z" });
    expect(
      await errorsOf(
        changeSchedule(lpA.actor, withDeclaration.person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course, cohort: "2024" }),
      ),
    ).toEqual([{ title: "cohort", detail: MESSAGES["cohort.cannot_change_with_declarations"] }]);
    // Into a capped cohort: DfE sets the funded place from funding eligibility.
    const moved = await changeSchedule(lpA.actor, uncapped.person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course, cohort: 2024 });
    expect(enrolmentOf(moved)).toMatchObject({ cohort: "2024", schedule_identifier: "npq-leadership-autumn", funded_place: true });
    expect(
      await errorsOf(
        changeSchedule(lpA.actor, uncapped.person.id, { scheduleIdentifier: "npq-leadership-spring", courseIdentifier: course, cohort: "twenty" }),
      ),
    ).toEqual([{ title: "schedule_identifier", detail: "The property '#/schedule_identifier' must be present" }]);
  });

  it("refuses a cohort where another provider already has the participant on the course", async () => {
    const person = await createParticipant();
    const mine = await enrol(lpA.actor, { person, cohort: 2023 });
    await enrol(lpB.actor, { person, cohort: 2024 });
    expect(
      await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-autumn", courseIdentifier: course, cohort: "2024" })),
    ).toEqual([{ title: "cohort", detail: MESSAGES["application.has_another_accepted_application"] }]);
    const [row] = await db().select().from(npqApplications).where(eq(npqApplications.id, mine.app.id));
    expect(row).toMatchObject({ cohort: 2023, scheduleId: mine.app.scheduleId });
  });

  it("refuses a withdrawn participant", async () => {
    const { person, app } = await enrol(lpA.actor);
    await addDeclaration(app, { state: "voided" });
    await withdrawParticipant(lpA.actor, person.id, { courseIdentifier: course, reason: "other" });
    expect(await errorsOf(changeSchedule(lpA.actor, person.id, { scheduleIdentifier: "npq-leadership-spring", courseIdentifier: course }))).toEqual([
      { title: "participant_id", detail: "The participant is already withdrawn" },
    ]);
  });
});

describe("DfE wording not yet in lib/api/messages.ts", () => {
  const at = dfeWording();

  it("is DfE's own", () => {
    expect(at("cohort", "cannot_change_with_declarations")).toBe(MESSAGES["cohort.cannot_change_with_declarations"]);
    expect(at("cohort", "cannot_change_to_cohort_without_funding_cap")).toBe(MESSAGES["cohort.cannot_change_to_cohort_without_funding_cap"]);
    expect((at("invalid_training_status") as string).replace("%{valid_training_status}", '["active", "deferred", "withdrawn"]')).toBe(INVALID_TRAINING_STATUS);
  });
});
