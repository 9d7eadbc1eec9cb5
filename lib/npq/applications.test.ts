import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, declarations, npqApplications, participants } from "@/db/schema";
import { createDb, db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { ApiValidationError } from "@/lib/api/http";
import { MESSAGES } from "@/lib/api/messages";
import { NotFoundError } from "@/lib/errors";
import {
  createApplication,
  createLeadProvider,
  createParticipant,
  ensureCohortWithoutSchedules,
  insertDeclaration,
  setupLeadProvider,
} from "@/tests/support/npq";
import {
  acceptApplication,
  changeFundedPlace,
  getApplication,
  listApplications,
  OTHER_APPLICATION_ACCEPTED,
  rejectApplication,
  REJECTED_BY_PROVIDER,
} from "./applications";
import { findSchedule } from "@/lib/dfe/schedules";
import { serializeApplication } from "./serialize";
import type { NpqApplication } from "@/db/schema";
import { dfeWording, apiErrorsOf as errorsOf, page } from "@/tests/support/api";

const lpA = setupLeadProvider();
const lpB = setupLeadProvider();

async function row(id: string) {
  const [r] = await db().select().from(npqApplications).where(eq(npqApplications.id, id));
  return r!;
}

const addDeclaration = (app: NpqApplication, state: (typeof declarations.$inferInsert)["state"], declarationType: "started" | "retained-1" = "started") =>
  insertDeclaration(app, { declarationType, declarationDate: new Date("2024-11-01T10:00:00Z"), state });

describe("listing and showing applications", () => {
  it("lists only the lead provider's applications, oldest first, paginated, with DfE's attributes", async () => {
    const lp = await createLeadProvider();
    const other = await createLeadProvider();
    const person = await createParticipant();
    const first = await createApplication(lp.org.id, person.id, { createdAt: new Date("2024-06-01T09:00:00Z") });
    const second = await createApplication(lp.org.id, person.id, { courseIdentifier: "npq-headship", createdAt: new Date("2024-06-02T09:00:00Z") });
    await createApplication(other.org.id, person.id);

    const all = await listApplications(lp.actor, { pagination: page() });
    expect(all.map((r) => r.application.id)).toEqual([first.id, second.id]);
    expect((await listApplications(lp.actor, { pagination: page(1, 2) })).map((r) => r.application.id)).toEqual([second.id]);
    expect(await listApplications(lp.actor, { pagination: page(1, 3) })).toEqual([]);

    const json = serializeApplication(all[0]!);
    expect(json).toMatchObject({
      id: first.id,
      type: "npq_application",
      attributes: {
        participant_id: person.id,
        full_name: person.fullName,
        email: person.email,
        teacher_reference_number: person.trn,
        teacher_reference_number_validated: true,
        course_identifier: "npq-senior-leadership",
        status: "pending",
        cohort: "2024",
        cohort_suffix: "a",
        eligible_for_funding: true,
        funded_place: null,
        schedule_identifier: null,
        created_at: "2024-06-01T09:00:00.000Z",
      },
    });
  });

  it("filters by cohort, participant and updated_since, and sorts", async () => {
    const lp = await createLeadProvider();
    const [p1, p2] = [await createParticipant(), await createParticipant()];
    const a = await createApplication(lp.org.id, p1.id, {
      cohort: 2023,
      createdAt: new Date("2024-01-01T00:00:00Z"),
      updatedAt: new Date("2024-03-01T00:00:00Z"),
    });
    const b = await createApplication(lp.org.id, p2.id, {
      cohort: 2024,
      createdAt: new Date("2024-02-01T00:00:00Z"),
      updatedAt: new Date("2024-02-15T00:00:00Z"),
    });
    await db()
      .update(participants)
      .set({ updatedAt: new Date("2020-01-01T00:00:00Z") })
      .where(inArray(participants.id, [p1.id, p2.id]));
    const ids = async (options: Omit<Parameters<typeof listApplications>[1], "pagination">) =>
      (await listApplications(lp.actor, { pagination: page(), ...options })).map((r) => r.application.id);

    expect(await ids({ cohorts: [2023] })).toEqual([a.id]);
    expect(await ids({ cohorts: [2023, 2024] })).toEqual([a.id, b.id]);
    expect(await ids({ cohorts: [] })).toEqual([]);
    expect(await ids({ participantIds: [p2.id] })).toEqual([b.id]);
    expect(await ids({ updatedSince: new Date("2024-02-20T00:00:00Z") })).toEqual([a.id]);
    // A change to the applicant counts as a change to the application (DfE).
    await db()
      .update(participants)
      .set({ updatedAt: new Date("2024-04-01T00:00:00Z") })
      .where(eq(participants.id, p2.id));
    expect(await ids({ updatedSince: new Date("2024-03-15T00:00:00Z") })).toEqual([b.id]);
    expect(await ids({ sort: [{ field: "created_at", direction: "desc" }] })).toEqual([b.id, a.id]);
    expect(await ids({ sort: [{ field: "updated_at", direction: "asc" }] })).toEqual([b.id, a.id]);
  });

  it("shows one application; another provider's or a malformed id is not found", async () => {
    const person = await createParticipant();
    const mine = await createApplication(lpA.org.id, person.id);
    const theirs = await createApplication(lpB.org.id, person.id);
    expect((await getApplication(lpA.actor, mine.id)).application.id).toBe(mine.id);
    await expect(getApplication(lpA.actor, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApplication(lpA.actor, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApplication(lpA.actor, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("accepting an application", () => {
  it("assigns the schedule DfE picks on the request date, starts training and audits", async () => {
    const person = await createParticipant();
    const app = await createApplication(lpA.org.id, person.id);
    const accepted = await acceptApplication(lpA.actor, app.id, { fundedPlace: true });
    expect(accepted.application).toMatchObject({ status: "accepted", trainingStatus: "active", fundedPlace: true });
    expect(accepted.application.acceptedAt).toEqual(lpA.actor.now);
    expect(accepted.application.updatedAt).toEqual(lpA.actor.now);
    expect(accepted.scheduleIdentifier).toBe("npq-leadership-autumn");

    const spring = await createApplication(lpA.org.id, (await createParticipant()).id);
    expect((await acceptApplication(lpA.at("2025-02-01T09:00:00Z"), spring.id, { fundedPlace: true })).scheduleIdentifier).toBe("npq-leadership-spring");

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, app.id), eq(auditEvents.action, "npq_application.accepted")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.organisationId).toBe(lpA.org.id);
  });

  it("rejects the participant's other pending applications for the course in the cohort, with every provider", async () => {
    const person = await createParticipant();
    const mine = await createApplication(lpA.org.id, person.id);
    const theirs = await createApplication(lpB.org.id, person.id);
    const otherCourse = await createApplication(lpB.org.id, person.id, { courseIdentifier: "npq-headship" });
    const otherCohort = await createApplication(lpB.org.id, person.id, { cohort: 2023 });
    await acceptApplication(lpA.actor, mine.id, { fundedPlace: true });
    expect(await row(theirs.id)).toMatchObject({ status: "rejected", reasonForRejection: OTHER_APPLICATION_ACCEPTED });
    expect((await row(theirs.id)).updatedAt).toEqual(lpA.actor.now);
    expect((await row(otherCourse.id)).status).toBe("pending");
    expect((await row(otherCohort.id)).status).toBe("pending");
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.entityId, theirs.id));
    expect(audit.map((a) => [a.action, a.organisationId])).toEqual([["npq_application.rejected", lpB.org.id]]);

    // The other provider can no longer accept it.
    expect(await errorsOf(acceptApplication(lpB.actor, theirs.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: MESSAGES["application.cannot_change_from_rejected"] },
      { title: "application", detail: MESSAGES["application.has_another_accepted_application"] },
    ]);
  });

  it("refuses a second acceptance for the course and cohort, whichever provider, and repeats", async () => {
    const person = await createParticipant();
    const first = await createApplication(lpB.org.id, person.id);
    await acceptApplication(lpB.actor, first.id, { fundedPlace: true });
    const late = await createApplication(lpA.org.id, person.id);
    expect(await errorsOf(acceptApplication(lpA.actor, late.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: "The participant has already had an application accepted for this course." },
    ]);
    expect(await errorsOf(acceptApplication(lpB.actor, first.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: "This NPQ application has already been accepted" },
    ]);
    expect((await row(late.id)).status).toBe("pending");

    // Another record of the same person (same verified TRN) counts too.
    const twin = await createParticipant({ trn: person.trn, trnValidated: true });
    const twinApp = await createApplication(lpA.org.id, twin.id);
    expect(await errorsOf(acceptApplication(lpA.actor, twinApp.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: MESSAGES["application.has_another_accepted_application"] },
    ]);
  });

  it("refuses a rejected application", async () => {
    const app = await createApplication(lpA.org.id, (await createParticipant()).id);
    await rejectApplication(lpA.actor, app.id);
    expect(await errorsOf(acceptApplication(lpA.actor, app.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: "Once rejected an application cannot change state" },
    ]);
  });

  it("takes a schedule that exists in the cohort and suits the course", async () => {
    const app = await createApplication(lpA.org.id, (await createParticipant()).id);
    expect((await acceptApplication(lpA.actor, app.id, { scheduleIdentifier: "npq-leadership-spring", fundedPlace: true })).scheduleIdentifier).toBe(
      "npq-leadership-spring",
    );
    expect((await row(app.id)).scheduleId).toBe((await findSchedule(db(), "npq-leadership-spring", 2024))!.id);

    const other = await createApplication(lpA.org.id, (await createParticipant()).id);
    expect(await errorsOf(acceptApplication(lpA.actor, other.id, { scheduleIdentifier: "npq-aso-march", fundedPlace: true }))).toEqual([
      { title: "schedule_identifier", detail: "The selected schedule cannot be found in the application cohort" },
    ]);
    expect(await errorsOf(acceptApplication(lpA.actor, other.id, { scheduleIdentifier: "npq-specialist-autumn", fundedPlace: true }))).toEqual([
      { title: "schedule_identifier", detail: "The selected schedule is not valid for the course" },
    ]);
    expect((await row(other.id)).status).toBe("pending");

    // A cohort without NPQ schedules: none can be assigned.
    const noSchedules = await createApplication(lpA.org.id, (await createParticipant()).id, { cohort: await ensureCohortWithoutSchedules() });
    expect(await errorsOf(acceptApplication(lpA.actor, noSchedules.id, { fundedPlace: true }))).toEqual([
      { title: "schedule", detail: MESSAGES["activemodel.errors.models.applications/accept.attributes.schedule.blank"] },
    ]);
  });

  it("applies DfE's funded place rules", async () => {
    const make = async (overrides: Partial<typeof npqApplications.$inferInsert> = {}) =>
      createApplication(lpA.org.id, (await createParticipant()).id, overrides);

    const uncapped = await make({ cohort: 2023 });
    expect((await acceptApplication(lpA.actor, uncapped.id, { fundedPlace: true })).application.fundedPlace).toBeNull();
    const uncappedNull = await make({ cohort: 2023 });
    expect((await acceptApplication(lpA.actor, uncappedNull.id, { fundedPlace: null })).application.fundedPlace).toBeNull();

    const capped = await make();
    for (const bad of ["true", "", 1]) {
      expect(await errorsOf(acceptApplication(lpA.actor, capped.id, { fundedPlace: bad }))).toEqual([
        { title: "funded_place", detail: "Set '#/funded_place' to true or false." },
      ]);
    }
    const ineligible = await make({ eligibleForFunding: false });
    expect(await errorsOf(acceptApplication(lpA.actor, ineligible.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: "The participant is not eligible for funding, so '#/funded_place' cannot be set to true." },
    ]);
    expect((await acceptApplication(lpA.actor, ineligible.id, { fundedPlace: false })).application.fundedPlace).toBe(false);
    expect((await acceptApplication(lpA.actor, capped.id, { fundedPlace: true })).application.fundedPlace).toBe(true);
    // From the first capped cohort the field is required, as DfE's accept service validates it: missing or null is refused.
    const silent = await make();
    for (const missing of [undefined, null]) {
      expect(await errorsOf(acceptApplication(lpA.actor, silent.id, { fundedPlace: missing }))).toEqual([
        { title: "funded_place", detail: "Set '#/funded_place' to true or false." },
      ]);
    }
    expect((await row(silent.id)).status).toBe("pending");
    // The portal's bulk accept: a funded place exactly where the applicant is eligible.
    const eligible = await make({ eligibleForFunding: true });
    const notEligible = await make({ eligibleForFunding: false });
    expect((await acceptApplication(lpA.actor, eligible.id, { fundedPlaceFromEligibility: true })).application.fundedPlace).toBe(true);
    expect((await acceptApplication(lpA.actor, notEligible.id, { fundedPlaceFromEligibility: true })).application.fundedPlace).toBe(false);
    // Ignored for cohorts without a cap.
    const oldCohort = await make({ cohort: 2023 });
    expect((await acceptApplication(lpA.actor, oldCohort.id, { fundedPlaceFromEligibility: true })).application.fundedPlace).toBeNull();
  });

  it("gives exactly one success to 50 simultaneous accepts across two providers, leaving nothing half-changed", async () => {
    const person = await createParticipant();
    const appA = await createApplication(lpA.org.id, person.id);
    const appB = await createApplication(lpB.org.id, person.id);
    const attempts = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? acceptApplication(lpA.actor, appA.id, { fundedPlace: true }) : acceptApplication(lpB.actor, appB.id, { fundedPlace: true }),
    );
    const results = await Promise.allSettled(attempts);

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(49);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(ApiValidationError);
      const details = (r.reason as ApiValidationError).errors.map((e) => e.detail);
      expect(
        details.includes("The participant has already had an application accepted for this course.") ||
          details.includes("This NPQ application has already been accepted"),
      ).toBe(true);
    }

    const rows = await db()
      .select()
      .from(npqApplications)
      .where(inArray(npqApplications.id, [appA.id, appB.id]));
    const accepted = rows.filter((r) => r.status === "accepted");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ trainingStatus: "active" });
    expect(accepted[0]!.scheduleId).not.toBeNull();
    for (const other of rows.filter((r) => r.status !== "accepted")) {
      expect(["rejected", "pending"]).toContain(other.status);
      expect(other).toMatchObject({ trainingStatus: null, acceptedAt: null, scheduleId: null });
    }
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.entityId, [appA.id, appB.id]), eq(auditEvents.action, "npq_application.accepted")));
    expect(audits).toHaveLength(1);
  });

  it.runIf(process.env.ATTAIN_TEST_DATABASE === "postgres")(
    "answers the unique index's refusal (an acceptance it could not see yet) with DfE's 422",
    async () => {
      const person = await createParticipant();
      const mine = await createApplication(lpA.org.id, person.id);
      const other = createDb(process.env.DATABASE_URL!, 1);
      let attempt: Promise<unknown> | null = null;
      try {
        await other.client.begin(async (sql) => {
          // Another path (not acceptApplication) writes an accepted application and has not committed yet.
          await sql`insert into npq_applications (participant_id, lead_provider_id, course_identifier, cohort, status, training_status, eligible_for_funding)
                  values (${person.id}, ${lpB.org.id}, 'npq-senior-leadership', 2024, 'accepted', 'active', true)`;
          attempt = acceptApplication(lpA.actor, mine.id, { fundedPlace: true }).then(
            () => null,
            (e: unknown) => e,
          );
          await new Promise((resolve) => setTimeout(resolve, 500));
        });
      } finally {
        await other.client.end({ timeout: 5 });
      }
      const error = await attempt!;
      expect(error).toBeInstanceOf(ApiValidationError);
      expect((error as ApiValidationError).errors).toEqual([{ title: "application", detail: MESSAGES["application.has_another_accepted_application"] }]);
      expect(await row(mine.id)).toMatchObject({ status: "pending", trainingStatus: null, scheduleId: null });
    },
  );

  it("is not found for another provider's application or a malformed id", async () => {
    const theirs = await createApplication(lpB.org.id, (await createParticipant()).id);
    await expect(acceptApplication(lpA.actor, theirs.id, { fundedPlace: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptApplication(lpA.actor, "123")).rejects.toBeInstanceOf(NotFoundError);
    expect((await row(theirs.id)).status).toBe("pending");
  });
});

describe("rejecting an application", () => {
  it("rejects once, with DfE's reason, and refuses a repeat", async () => {
    const app = await createApplication(lpA.org.id, (await createParticipant()).id);
    const rejected = await rejectApplication(lpA.at("2024-12-01T12:00:00Z"), app.id);
    expect(rejected.application).toMatchObject({ status: "rejected", reasonForRejection: REJECTED_BY_PROVIDER });
    expect(rejected.application.updatedAt).toEqual(new Date("2024-12-01T12:00:00Z"));
    expect(await errorsOf(rejectApplication(lpA.actor, app.id))).toEqual([{ title: "application", detail: "This NPQ application has already been rejected" }]);
    await expect(rejectApplication(lpB.actor, app.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses while billable declarations exist, and (as DfE) allows rejecting an accepted application without them", async () => {
    const app = await createApplication(lpA.org.id, (await createParticipant()).id);
    await acceptApplication(lpA.actor, app.id, { fundedPlace: true });
    const declaration = await addDeclaration(await row(app.id), "eligible");
    expect(await errorsOf(rejectApplication(lpA.actor, app.id))).toEqual([
      { title: "application", detail: MESSAGES["application.cannot_reject_with_declarations"] },
    ]);
    await db().update(declarations).set({ state: "voided" }).where(eq(declarations.id, declaration.id));
    expect((await rejectApplication(lpA.actor, app.id)).application).toMatchObject({ status: "rejected", trainingStatus: null });
  });
});

describe("changing the funded place", () => {
  async function acceptedApp(overrides: Partial<typeof npqApplications.$inferInsert> = {}, actor: LeadProviderActor = lpA.actor) {
    const app = await createApplication(actor.leadProviderId, (await createParticipant()).id, overrides);
    await acceptApplication(actor, app.id, { fundedPlace: overrides.eligibleForFunding !== false });
    return app;
  }

  it("changes it after acceptance and bumps updated_at", async () => {
    const app = await acceptedApp();
    const changed = await changeFundedPlace(lpA.at("2024-12-02T08:00:00Z"), app.id, { fundedPlace: true });
    expect(changed.application.fundedPlace).toBe(true);
    expect(changed.application.updatedAt).toEqual(new Date("2024-12-02T08:00:00Z"));
    expect((await changeFundedPlace(lpA.actor, app.id, { fundedPlace: false })).application.fundedPlace).toBe(false);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, app.id), eq(auditEvents.action, "npq_application.funded_place_changed")));
    expect(audit).toHaveLength(2);
  });

  it("applies DfE's rules", async () => {
    const pending = await createApplication(lpA.org.id, (await createParticipant()).id);
    expect(await errorsOf(changeFundedPlace(lpA.actor, pending.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: "You must accept the application before attempting to change the '#/funded_place' setting." },
    ]);
    const app = await acceptedApp();
    for (const bad of [undefined, null, "true"]) {
      expect(await errorsOf(changeFundedPlace(lpA.actor, app.id, { fundedPlace: bad }))).toEqual([
        { title: "funded_place", detail: "Set '#/funded_place' to true or false." },
      ]);
    }
    const ineligible = await acceptedApp({ eligibleForFunding: false });
    expect(await errorsOf(changeFundedPlace(lpA.actor, ineligible.id, { fundedPlace: true }))).toEqual([
      { title: "application", detail: MESSAGES["application.cannot_change_funded_status_non_eligible"] },
    ]);
    const uncapped = await acceptedApp({ cohort: 2023 });
    expect(await errorsOf(changeFundedPlace(lpA.actor, uncapped.id, { fundedPlace: false }))).toEqual([
      { title: "application", detail: MESSAGES["application.cohort_does_not_accept_capping"] },
    ]);
  });

  it("refuses to take the funded place away while billable declarations exist", async () => {
    const app = await acceptedApp();
    await changeFundedPlace(lpA.actor, app.id, { fundedPlace: true });
    const declaration = await addDeclaration(await row(app.id), "payable");
    expect(await errorsOf(changeFundedPlace(lpA.actor, app.id, { fundedPlace: false }))).toEqual([
      { title: "application", detail: MESSAGES["application.cannot_change_funded_place"] },
    ]);
    expect((await changeFundedPlace(lpA.actor, app.id, { fundedPlace: true })).application.fundedPlace).toBe(true);
    await db().update(declarations).set({ state: "voided" }).where(eq(declarations.id, declaration.id));
    expect((await changeFundedPlace(lpA.actor, app.id, { fundedPlace: false })).application.fundedPlace).toBe(false);
    await expect(changeFundedPlace(lpB.actor, app.id, { fundedPlace: true })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("DfE wording not yet in lib/api/messages.ts", () => {
  const at = dfeWording();

  it("is DfE's own", () => {
    expect(at("activemodel", "errors", "models", "applications/accept", "attributes", "schedule", "blank")).toBe(
      MESSAGES["activemodel.errors.models.applications/accept.attributes.schedule.blank"],
    );
    expect(at("application", "cannot_change_funded_status_non_eligible")).toBe(MESSAGES["application.cannot_change_funded_status_non_eligible"]);
  });
});
