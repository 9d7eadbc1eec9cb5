import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, declarations, npqApplications, outcomes } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import { db } from "@/lib/db";
import type { LeadProviderActor } from "@/lib/dfe/actor";
import { NotFoundError } from "@/lib/errors";
import { createApplication, createLeadProvider, createParticipant, insertDeclaration, setupLeadProvider } from "@/tests/support/npq";
import { acceptApplication } from "./applications";
import { createOutcome, insertOutcomeInTx, listOutcomes, listParticipantOutcomes, voidOutcomesForDeclaration } from "./outcomes";
import { MESSAGES } from "@/lib/api/messages";
import { serializeOutcome } from "./serialize";
import type { NpqApplication } from "@/db/schema";
import { dfeWording, apiErrorsOf as errorsOf, page } from "@/tests/support/api";

const lpA = setupLeadProvider();
const lpB = setupLeadProvider();

async function enrol(actor: LeadProviderActor, course: NpqCourse = "npq-senior-leadership") {
  const person = await createParticipant();
  const app = await createApplication(actor.leadProviderId, person.id, { courseIdentifier: course });
  await acceptApplication(actor, app.id, { fundedPlace: true });
  const [accepted] = await db().select().from(npqApplications).where(eq(npqApplications.id, app.id));
  return { person, app: accepted! };
}

const completed = (app: NpqApplication, state: (typeof declarations.$inferInsert)["state"] = "eligible", createdAt = new Date()) =>
  insertDeclaration(app, { declarationType: "completed", declarationDate: new Date("2025-06-01T10:00:00Z"), state, hasPassed: true, createdAt });

/** What the declarations service does for a completed declaration. */
async function outcomeFor(
  actor: LeadProviderActor,
  app: NpqApplication,
  declarationId: string,
  state: "passed" | "failed" = "passed",
  completionDate = "2025-06-01",
) {
  return db().transaction((tx) =>
    insertOutcomeInTx(tx, actor, {
      participantId: app.participantId,
      applicationId: app.id,
      declarationId,
      courseIdentifier: app.courseIdentifier,
      state,
      completionDate,
    }),
  );
}

describe("outcomes recorded with completed declarations", () => {
  it("records an outcome in the caller's transaction, and none for courses without an assessment", async () => {
    const { app } = await enrol(lpA.actor);
    const declaration = await completed(app);
    const outcome = await outcomeFor(lpA.at("2025-06-02T08:00:00Z"), app, declaration.id);
    expect(outcome).toMatchObject({ state: "passed", completionDate: "2025-06-01", declarationId: declaration.id, leadProviderId: lpA.org.id });
    expect(serializeOutcome(outcome!)).toEqual({
      id: outcome!.id,
      type: "participant-outcome",
      attributes: {
        state: "passed",
        completion_date: "2025-06-01",
        course_identifier: "npq-senior-leadership",
        participant_id: app.participantId,
        created_at: "2025-06-02T08:00:00.000Z",
        updated_at: "2025-06-02T08:00:00.000Z",
      },
    });

    const ehco = await enrol(lpA.actor, "npq-early-headship-coaching-offer");
    expect(await outcomeFor(lpA.actor, ehco.app, (await completed(ehco.app)).id)).toBeNull();

    // Rolled back with the caller's transaction.
    const rolledBack = await db()
      .transaction(async (tx) => {
        await insertOutcomeInTx(tx, lpA.actor, {
          participantId: app.participantId,
          applicationId: app.id,
          declarationId: declaration.id,
          courseIdentifier: app.courseIdentifier,
          state: "failed",
          completionDate: "2025-06-01",
        });
        throw new Error("declaration refused");
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe("declaration refused");
    expect(await db().select().from(outcomes).where(eq(outcomes.declarationId, declaration.id))).toHaveLength(1);
  });

  it("voids a declaration's outcomes", async () => {
    const { app } = await enrol(lpA.actor);
    const declaration = await completed(app);
    const outcome = await outcomeFor(lpA.actor, app, declaration.id);
    const voided = await db().transaction((tx) => voidOutcomesForDeclaration(tx, declaration.id, lpA.at("2025-07-01T00:00:00Z")));
    expect(voided.map((o) => [o.id, o.state])).toEqual([[outcome!.id, "voided"]]);
    expect(voided[0]!.updatedAt).toEqual(new Date("2025-07-01T00:00:00Z"));
    expect(await db().transaction((tx) => voidOutcomesForDeclaration(tx, declaration.id))).toEqual([]);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, outcome!.id), eq(auditEvents.action, "npq_outcome.voided")));
    expect(audit).toHaveLength(1);
  });
});

describe("listing outcomes", () => {
  it("lists the provider's outcomes oldest first, filtered by created_since and paginated", async () => {
    const lp = await createLeadProvider();
    const first = await enrol(lp.actor);
    const second = await enrol(lp.actor);
    const o1 = await outcomeFor(lp.at("2025-06-01T00:00:00Z"), first.app, (await completed(first.app)).id);
    const o2 = await outcomeFor(lp.at("2025-06-03T00:00:00Z"), second.app, (await completed(second.app)).id);
    const theirs = await enrol(lpB.actor);
    await outcomeFor(lpB.actor, theirs.app, (await completed(theirs.app)).id);

    expect((await listOutcomes(lp.actor, { pagination: page() })).map((o) => o.id)).toEqual([o1!.id, o2!.id]);
    expect((await listOutcomes(lp.actor, { pagination: page(1, 2) })).map((o) => o.id)).toEqual([o2!.id]);
    expect(await listOutcomes(lp.actor, { pagination: page(1, 3) })).toEqual([]);
    expect((await listOutcomes(lp.actor, { pagination: page(), createdSince: new Date("2025-06-02T00:00:00Z") })).map((o) => o.id)).toEqual([o2!.id]);

    expect((await listParticipantOutcomes(lp.actor, first.person.id)).map((o) => o.id)).toEqual([o1!.id]);
    await expect(listParticipantOutcomes(lp.actor, theirs.person.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listParticipantOutcomes(lp.actor, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a lead provider updating an outcome", () => {
  const valid = { courseIdentifier: "npq-senior-leadership", state: "failed", completionDate: "2025-06-10" };

  it("records a new outcome on the latest completed declaration; the same outcome again is not recorded twice", async () => {
    const { person, app } = await enrol(lpA.actor);
    await completed(app, "voided", new Date("2025-06-01T00:00:00Z"));
    const latest = await completed(app, "payable", new Date("2025-06-02T00:00:00Z"));
    await outcomeFor(lpA.actor, app, latest.id, "passed", "2025-06-01");

    const actor = lpA.at("2025-06-20T12:00:00Z");
    const created = await createOutcome(actor, person.id, valid);
    expect(created).toMatchObject({ state: "failed", completionDate: "2025-06-10", declarationId: latest.id, participantId: person.id });
    expect(created.createdAt).toEqual(actor.now);
    const again = await createOutcome(actor, person.id, { ...valid, completionDate: "2025-06-10T00:00:00+00:00" });
    expect(again.id).toBe(created.id);
    expect((await listParticipantOutcomes(lpA.actor, person.id)).map((o) => o.state)).toEqual(["passed", "failed"]);
  });

  it("validates as DfE does", async () => {
    const { person, app } = await enrol(lpA.actor);
    const actor = lpA.at("2025-06-20T12:00:00Z");
    const noCompleted = {
      title: "base",
      detail: "The participant has not had a 'completed' declaration submitted for them. Therefore you cannot update their outcome.",
    };
    expect(await errorsOf(createOutcome(actor, person.id, valid))).toEqual([noCompleted]);
    await completed(app);

    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, state: "voided" }))).toEqual([
      {
        title: "state",
        detail:
          "The attribute '#/state' can only include 'passed' or 'failed' values. If you need to void an outcome, you will need to void the associated 'completed' declaration.",
      },
    ]);
    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, state: "" }))).toEqual([
      {
        title: "state",
        detail:
          "The attribute '#/state' can only include 'passed' or 'failed' values. If you need to void an outcome, you will need to void the associated 'completed' declaration.",
      },
      { title: "state", detail: "The '#/state' is missing from your request. Please include a 'passed' or 'failed' value and try again." },
    ]);
    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, completionDate: undefined }))).toEqual([
      { title: "completion_date", detail: "The '#/completion_date' is missing from your request. Please include a completion_date value and try again." },
    ]);
    for (const completionDate of ["31/05/2025", "2025-02-30", 20250531]) {
      expect(await errorsOf(createOutcome(actor, person.id, { ...valid, completionDate }))).toEqual([
        { title: "completion_date", detail: "The '#/completion_date' value must be in the following format: 'yyyy-mm-dd'" },
      ]);
    }
    // "Today" is England's: 23:30 UTC on 20 June is already 21 June in London.
    expect((await createOutcome(lpA.at("2025-06-20T23:30:00Z"), person.id, { ...valid, completionDate: "2025-06-21" })).completionDate).toBe("2025-06-21");
    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, completionDate: "2025-06-21" }))).toEqual([
      { title: "completion_date", detail: "The '#/completion_date' value cannot be a future date. Check the date and try again." },
    ]);
    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, courseIdentifier: "npq-early-headship-coaching-offer" }))).toEqual([
      { title: "course_identifier", detail: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again." },
      noCompleted,
    ]);
    expect(await errorsOf(createOutcome(actor, person.id, { ...valid, courseIdentifier: "npq-headship" }))).toEqual([noCompleted]);
    expect(await db().select().from(outcomes).where(eq(outcomes.participantId, person.id))).toHaveLength(1);
  });

  it("is not found for another provider's participant", async () => {
    const { person, app } = await enrol(lpB.actor);
    await completed(app);
    await expect(createOutcome(lpA.actor, person.id, valid)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("DfE wording not yet in lib/api/messages.ts", () => {
  it("is DfE's own", () => {
    const at = dfeWording();
    expect(at("activemodel", "errors", "models", "participant_outcomes/create", "attributes", "base", "no_completed_declarations")).toBe(
      MESSAGES["activemodel.errors.models.participant_outcomes/create.attributes.base.no_completed_declarations"],
    );
  });
});
