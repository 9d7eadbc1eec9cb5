import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, declarations, ecfProfiles, participantIdChanges, participants } from "@/db/schema";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { findSchedule } from "@/lib/dfe/schedules";
import { addEcfRecord, createEcfParticipant, insertEcfDeclaration } from "@/tests/support/ecf";
import { createLeadProvider, createParticipant, setupLeadProvider } from "@/tests/support/npq";
import {
  changeEcfSchedule,
  deferEcfParticipant,
  getEcfParticipant,
  listEcfParticipants,
  resumeEcfParticipant,
  scheduleAllowsCourse,
  withdrawEcfParticipant,
} from "./participants";
import { listEcfDeclarations } from "./declarations";
import { seedEcfDemo } from "../../seeds/ecf";
import { serializeEcfParticipant } from "./serialize";
import { apiErrorsOf as errorsOf } from "@/tests/support/api";

const INVALID_PARTICIPANT = "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.";
const INVALID_COURSE = "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.";

const lp = setupLeadProvider();
const other = setupLeadProvider();

describe("listing and showing ECF participants", () => {
  it("lists only the lead provider's own training records, oldest first, one per teacher", async () => {
    const fresh = await createLeadProvider();
    const mentor = await createEcfParticipant(fresh.org.id, { type: "mentor", profile: { createdAt: new Date("2024-07-01T09:00:00Z") } });
    const ect = await createEcfParticipant(fresh.org.id, {
      profile: { mentorParticipantId: mentor.participant.id, createdAt: new Date("2024-07-02T09:00:00Z") },
    });
    // A teacher who is both an ECT (withdrawn) and a mentor (active) with this provider appears once, as the active record.
    const both = await createEcfParticipant(fresh.org.id, { profile: { trainingStatus: "withdrawn", createdAt: new Date("2024-07-03T09:00:00Z") } });
    const bothMentor = await addEcfRecord(fresh.org.id, both.participant.id, { participantType: "mentor", createdAt: new Date("2024-07-04T09:00:00Z") });
    await createEcfParticipant(other.org.id);

    const rows = await listEcfParticipants(fresh.actor, { pagination: { page: 1, perPage: 100, offset: 0 } });
    expect(rows.map((r) => r.trainingRecordId)).toEqual([mentor.profile.id, ect.profile.id, bothMentor.id]);
    expect(rows[1]).toMatchObject({
      participantId: ect.participant.id,
      participantType: "ect",
      mentorId: mentor.participant.id,
      scheduleIdentifier: "ecf-standard-september",
      cohort: 2024,
    });

    const page2 = await listEcfParticipants(fresh.actor, { pagination: { page: 2, perPage: 2, offset: 2 } });
    expect(page2.map((r) => r.trainingRecordId)).toEqual([bothMentor.id]);
    expect(await listEcfParticipants(fresh.actor, { pagination: { page: 3, perPage: 2, offset: 4 } })).toEqual([]);
  });

  it("filters by cohort and by the later of the teacher's and the record's updated_at", async () => {
    const fresh = await createLeadProvider();
    const old = new Date("2024-01-01T00:00:00Z");
    const a = await createEcfParticipant(fresh.org.id, { cohort: 2024, participant: { updatedAt: old }, profile: { updatedAt: old } });
    const b = await createEcfParticipant(fresh.org.id, {
      cohort: 2025,
      participant: { updatedAt: old },
      profile: { updatedAt: new Date("2024-06-01T00:00:00Z") },
    });
    const c = await createEcfParticipant(fresh.org.id, {
      cohort: 2025,
      participant: { updatedAt: new Date("2024-07-01T00:00:00Z") },
      profile: { updatedAt: old },
    });
    const ids = async (filters: Parameters<typeof listEcfParticipants>[1]) =>
      (await listEcfParticipants(fresh.actor, filters)).map((r) => r.participantId).sort();
    expect(await ids({ cohorts: [2025] })).toEqual([b.participant.id, c.participant.id].sort());
    expect(await ids({ cohorts: [2024, 2025] })).toHaveLength(3);
    expect(await ids({ cohorts: [] })).toEqual([]);
    expect(await ids({ updatedSince: new Date("2024-05-01T00:00:00Z") })).toEqual([b.participant.id, c.participant.id].sort());
    expect(await ids({ updatedSince: new Date("2024-06-15T00:00:00Z"), cohorts: [2025] })).toEqual([c.participant.id]);
    const [record] = await listEcfParticipants(fresh.actor, { cohorts: [2024] });
    expect(record!.participantId).toBe(a.participant.id);
  });

  it("shows a participant, and another provider's or an unknown one is not found", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    expect(await getEcfParticipant(lp.actor, participant.id)).toMatchObject({ participantId: participant.id, trainingRecordId: profile.id });
    await expect(getEcfParticipant(other.actor, participant.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEcfParticipant(lp.actor, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEcfParticipant(lp.actor, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("serialises as DfE: email hidden once withdrawn, mentor_id for ECTs only, TRN validation null without a TRN", async () => {
    // A mentor's record never shows a mentor_id, even if one was stored.
    const someone = await createParticipant();
    const mentor = await createEcfParticipant(lp.org.id, {
      type: "mentor",
      participant: { trn: null },
      profile: { eligibleForFunding: null, mentorParticipantId: someone.id },
    });
    const serialized = serializeEcfParticipant(await getEcfParticipant(lp.actor, mentor.participant.id));
    expect(serialized).toEqual({
      id: mentor.participant.id,
      type: "participant",
      attributes: {
        email: mentor.participant.email,
        full_name: mentor.participant.fullName,
        mentor_id: null,
        school_urn: "106286",
        participant_type: "mentor",
        cohort: "2024",
        status: "active",
        teacher_reference_number: null,
        teacher_reference_number_validated: null,
        eligible_for_funding: null,
        pupil_premium_uplift: false,
        sparsity_uplift: false,
        training_status: "active",
        training_record_id: mentor.profile.id,
        schedule_identifier: "ecf-standard-september",
        updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
    });
    const withdrawn = await createEcfParticipant(lp.org.id, { profile: { trainingStatus: "withdrawn" } });
    expect(serializeEcfParticipant(await getEcfParticipant(lp.actor, withdrawn.participant.id)).attributes).toMatchObject({
      email: null,
      teacher_reference_number_validated: true,
    });
    const schoolWithdrawn = await createEcfParticipant(lp.org.id, { profile: { status: "withdrawn" } });
    expect(serializeEcfParticipant(await getEcfParticipant(lp.actor, schoolWithdrawn.participant.id)).attributes).toMatchObject({
      email: null,
      status: "withdrawn",
      training_status: "active",
    });
  });
});

describe("defer, resume and withdraw", () => {
  it("defers with a reason, records it in the audit log, and refuses to defer twice", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    const record = await deferEcfParticipant(lp.actor, participant.id, { reason: "parental-leave", course_identifier: "ecf-induction" });
    expect(record).toMatchObject({ trainingRecordId: profile.id, trainingStatus: "deferred" });
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.id, profile.id));
    expect(row).toMatchObject({ deferralReason: "parental-leave", deferredAt: lp.actor.now, updatedAt: lp.actor.now });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, profile.id), eq(auditEvents.action, "ecf_participant.deferred")));
    expect(audit).toMatchObject({
      organisationId: lp.org.id,
      before: { trainingStatus: "active" },
      after: { trainingStatus: "deferred", deferralReason: "parental-leave" },
    });

    expect(await errorsOf(deferEcfParticipant(lp.actor, participant.id, { reason: "other", course_identifier: "ecf-induction" }))).toEqual([
      { title: "participant_profile", detail: "The participant is already deferred" },
    ]);
  });

  it("answers a missing or unknown reason with both of DfE's reason messages, as its Rails validators do", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    expect(await errorsOf(deferEcfParticipant(lp.actor, participant.id, { course_identifier: "ecf-induction" }))).toEqual([
      { title: "reason", detail: "The property '#/reason' must be present, The property '#/reason' must be a valid reason" },
    ]);
    expect(await errorsOf(deferEcfParticipant(lp.actor, participant.id, { reason: "left-teaching-profession", course_identifier: "ecf-induction" }))).toEqual([
      { title: "reason", detail: "The property '#/reason' must be a valid reason" },
    ]);
  });

  it("does not recognise another provider's participant, an unknown one, or the wrong course", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const notRecognised = [
      { title: "participant_id", detail: INVALID_PARTICIPANT },
      { title: "course_identifier", detail: INVALID_COURSE },
    ];
    for (const [actor, id, course] of [
      [other.actor, participant.id, "ecf-induction"],
      [lp.actor, crypto.randomUUID(), "ecf-induction"],
      [lp.actor, "nonsense", "ecf-induction"],
      [lp.actor, participant.id, "ecf-mentor"],
      [lp.actor, participant.id, "npq-headship"],
    ] as const) {
      expect(await errorsOf(deferEcfParticipant(actor, id, { reason: "other", course_identifier: course }))).toEqual(notRecognised);
      expect(await errorsOf(resumeEcfParticipant(actor, id, { course_identifier: course }))).toEqual(notRecognised);
    }
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.participantId, participant.id));
    expect(row!.trainingStatus).toBe("active");
  });

  it("resumes a deferred participant but not an active or a withdrawn one", async () => {
    const { participant } = await createEcfParticipant(lp.org.id, { type: "mentor", profile: { trainingStatus: "deferred", deferralReason: "bereavement" } });
    expect(await resumeEcfParticipant(lp.actor, participant.id, { course_identifier: "ecf-mentor" })).toMatchObject({ trainingStatus: "active" });
    expect(await errorsOf(resumeEcfParticipant(lp.actor, participant.id, { course_identifier: "ecf-mentor" }))).toEqual([
      { title: "participant_profile", detail: "The participant is already active" },
    ]);
    const withdrawn = await createEcfParticipant(lp.org.id, { profile: { trainingStatus: "withdrawn" } });
    expect(await errorsOf(resumeEcfParticipant(lp.actor, withdrawn.participant.id, { course_identifier: "ecf-induction" }))).toEqual([
      { title: "participant_profile", detail: "The participant is already withdrawn" },
    ]);
    expect(await errorsOf(deferEcfParticipant(lp.actor, withdrawn.participant.id, { reason: "other", course_identifier: "ecf-induction" }))).toEqual([
      { title: "participant_profile", detail: "The participant is already withdrawn" },
    ]);
  });

  it("withdraws without a started declaration (DfE requires one only for NPQ) and only once", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    const record = await withdrawEcfParticipant(lp.actor, participant.id, { reason: "moved-school", course_identifier: "ecf-induction" });
    expect(record).toMatchObject({ trainingStatus: "withdrawn" });
    expect(serializeEcfParticipant(record).attributes.email).toBeNull();
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.id, profile.id));
    expect(row).toMatchObject({ withdrawalReason: "moved-school", withdrawnAt: lp.actor.now });
    expect(await errorsOf(withdrawEcfParticipant(lp.actor, participant.id, { reason: "other", course_identifier: "ecf-induction" }))).toEqual([
      { title: "participant_profile", detail: "The participant is already withdrawn" },
    ]);
  });

  it("checks the withdrawal reason against v2's list, and a missing course with both course messages", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    expect(await errorsOf(withdrawEcfParticipant(lp.actor, participant.id, { reason: "career-break", course_identifier: "ecf-induction" }))).toEqual([
      { title: "reason", detail: "The property '#/reason' must be a valid reason" },
    ]);
    expect(await errorsOf(withdrawEcfParticipant(lp.actor, participant.id, { reason: "other" }))).toEqual([
      { title: "participant_id", detail: INVALID_PARTICIPANT },
      { title: "course_identifier", detail: `${INVALID_COURSE}, Enter a '#/course_identifier' value for this participant.` },
    ]);
  });

  it("follows DfE's participant id changes to the kept participant", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const retired = crypto.randomUUID();
    await db().insert(participantIdChanges).values({ participantId: participant.id, fromParticipantId: retired, toParticipantId: participant.id });
    expect(await deferEcfParticipant(lp.actor, retired, { reason: "other", course_identifier: "ecf-induction" })).toMatchObject({
      participantId: participant.id,
      trainingStatus: "deferred",
    });
  });
});

describe("change schedule", () => {
  it("moves the training record to another schedule of its cohort", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    await insertEcfDeclaration(profile, { declarationDate: new Date("2024-10-01T10:00:00Z") });
    const record = await changeEcfSchedule(lp.actor, participant.id, {
      schedule_identifier: "ecf-reduced-september",
      course_identifier: "ecf-induction",
      cohort: "2024",
    });
    expect(record).toMatchObject({ scheduleIdentifier: "ecf-reduced-september", cohort: 2024 });
    const reduced = await findSchedule(db(), "ecf-reduced-september", 2024);
    const [row] = await db().select().from(ecfProfiles).where(eq(ecfProfiles.id, profile.id));
    expect(row!.scheduleId).toBe(reduced!.id);
    expect(
      await errorsOf(changeEcfSchedule(lp.actor, participant.id, { schedule_identifier: "ecf-reduced-september", course_identifier: "ecf-induction" })),
    ).toEqual([{ title: "schedule_identifier", detail: "Selected schedule is already on the profile" }]);
  });

  it("refuses a schedule that would put a billable declaration outside its milestones, but not a voided one", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    const declaration = await insertEcfDeclaration(profile, { declarationDate: new Date("2024-10-01T10:00:00Z") });
    expect(
      await errorsOf(changeEcfSchedule(lp.actor, participant.id, { schedule_identifier: "ecf-standard-january", course_identifier: "ecf-induction" })),
    ).toEqual([{ title: "schedule_identifier", detail: "Changing schedule would invalidate existing declarations. Please void them first." }]);
    await db().update(declarations).set({ state: "voided" }).where(eq(declarations.id, declaration.id));
    expect(
      await changeEcfSchedule(lp.actor, participant.id, { schedule_identifier: "ecf-standard-january", course_identifier: "ecf-induction" }),
    ).toMatchObject({ scheduleIdentifier: "ecf-standard-january" });
  });

  it("keeps replacement schedules for mentors, refuses unknown schedules and withdrawn participants", async () => {
    const ect = await createEcfParticipant(lp.org.id);
    expect(
      await errorsOf(changeEcfSchedule(lp.actor, ect.participant.id, { schedule_identifier: "ecf-replacement-september", course_identifier: "ecf-induction" })),
    ).toEqual([{ title: "schedule_identifier", detail: "Selected schedule is not valid for the course" }]);
    const mentor = await createEcfParticipant(lp.org.id, { type: "mentor" });
    expect(
      await changeEcfSchedule(lp.actor, mentor.participant.id, { schedule_identifier: "ecf-replacement-september", course_identifier: "ecf-mentor" }),
    ).toMatchObject({ scheduleIdentifier: "ecf-replacement-september" });
    expect(scheduleAllowsCourse("ecf_standard", "ecf-mentor")).toBe(true);

    for (const attributes of [
      { schedule_identifier: "ecf-made-up", course_identifier: "ecf-induction" },
      { schedule_identifier: "npq-leadership-autumn", course_identifier: "ecf-induction" },
      { schedule_identifier: "ecf-standard-january", course_identifier: "ecf-induction", cohort: "2019" },
      { course_identifier: "ecf-induction" },
    ]) {
      expect(await errorsOf(changeEcfSchedule(lp.actor, ect.participant.id, attributes))).toEqual([
        { title: "schedule_identifier", detail: "The property '#/schedule_identifier' must be present and correspond to a valid schedule" },
      ]);
    }
    const withdrawn = await createEcfParticipant(lp.org.id, { profile: { trainingStatus: "withdrawn" } });
    expect(
      await errorsOf(
        changeEcfSchedule(lp.actor, withdrawn.participant.id, { schedule_identifier: "ecf-standard-january", course_identifier: "ecf-induction" }),
      ),
    ).toEqual([{ title: "participant_id", detail: "Cannot perform actions on a withdrawn participant" }]);
  });

  it("changes the cohort only while there are no billable declarations", async () => {
    const { participant, profile } = await createEcfParticipant(lp.org.id);
    const moved = await changeEcfSchedule(lp.actor, participant.id, {
      schedule_identifier: "ecf-standard-september",
      course_identifier: "ecf-induction",
      cohort: "2025",
    });
    expect(moved).toMatchObject({ cohort: 2025, scheduleIdentifier: "ecf-standard-september" });
    await db().update(ecfProfiles).set({ cohort: 2024, scheduleId: profile.scheduleId }).where(eq(ecfProfiles.id, profile.id));
    await insertEcfDeclaration(profile);
    // The 2025 schedule's milestones start in 2025, so DfE also reports the started declaration of 2024.
    expect(
      await errorsOf(
        changeEcfSchedule(lp.actor, participant.id, { schedule_identifier: "ecf-reduced-september", course_identifier: "ecf-induction", cohort: 2025 }),
      ),
    ).toEqual([
      { title: "schedule_identifier", detail: "Changing schedule would invalidate existing declarations. Please void them first." },
      { title: "cohort", detail: "The property '#/cohort' cannot be changed" },
    ]);
  });

  it("does not recognise another provider's participant, an unknown one, or the wrong course", async () => {
    const { participant } = await createEcfParticipant(lp.org.id);
    const attributes = { schedule_identifier: "ecf-reduced-september", course_identifier: "ecf-induction" };
    const unknown = [
      { title: "participant_id", detail: INVALID_PARTICIPANT },
      { title: "course_identifier", detail: INVALID_COURSE },
    ];
    expect(await errorsOf(changeEcfSchedule(other.actor, participant.id, attributes))).toEqual(unknown);
    expect(await errorsOf(changeEcfSchedule(lp.actor, participant.id, { ...attributes, course_identifier: "ecf-mentor", cohort: "2024" }))).toEqual([
      { title: "course_identifier", detail: INVALID_COURSE },
    ]);
    const people = await db().select().from(participants).where(eq(participants.id, participant.id));
    expect(people).toHaveLength(1);
    const stranger = await createParticipant();
    expect(await errorsOf(changeEcfSchedule(lp.actor, stranger.id, { ...attributes, cohort: "2024" }))).toEqual(unknown);
  });
});

describe("demo data", () => {
  it("gives a lead provider mentors and ECTs in 2024 and 2025 on ecf-standard-september, idempotently", async () => {
    const demo = await createLeadProvider();
    await seedEcfDemo(db(), { leadProviderIds: [demo.org.id] });
    const rows = await listEcfParticipants(demo.actor);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.cohort))).toEqual(new Set([2024, 2025]));
    expect(rows.every((r) => r.scheduleIdentifier === "ecf-standard-september")).toBe(true);
    expect(rows.filter((r) => r.participantType === "mentor")).toHaveLength(4);
    const mentored = rows.filter((r) => r.participantType === "ect" && r.mentorId);
    expect(mentored.length).toBeGreaterThan(0);
    expect(mentored.every((r) => rows.some((m) => m.participantId === r.mentorId && m.participantType === "mentor"))).toBe(true);
    const declared = await listEcfDeclarations(demo.actor);
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.every((d) => d.cohort === 2024 && d.declarationType === "started")).toBe(true);

    await seedEcfDemo(db(), { leadProviderIds: [demo.org.id] });
    expect(await listEcfParticipants(demo.actor)).toHaveLength(10);
    expect(await listEcfParticipants(other.actor)).not.toContainEqual(expect.objectContaining({ trainingRecordId: rows[0]!.trainingRecordId }));
  });
});
