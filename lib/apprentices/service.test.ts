import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { apprenticeInput, createOrganisation, createStandard, createUser, linkProvider, uniqueUln } from "@/tests/support/factories";
import { exportApprenticesCsv, listApprentices, matchingIds, parseListQuery } from "./list";
import {
  apprenticeTimeline,
  assignApprentices,
  cancelEpaoChange,
  createApprentice,
  getApprentice,
  listIncomingEpaoChanges,
  requestEpaoChange,
  respondToEpaoChange,
  resumeFromBreak,
  startBreak,
  updateApprentice,
  withdrawApprentice,
} from "./service";
import { validationOutcome as fieldErrors } from "@/tests/support/errors";
import { auditEventOf } from "@/tests/support/audit";

type Org = Awaited<ReturnType<typeof createOrganisation>>;
let provider: Org, otherProvider: Org, epao: Org, otherEpao: Org, thirdEpao: Org;
let providerUser: UserActor,
  otherProviderUser: UserActor,
  epaoStaff: UserActor,
  otherEpaoStaff: UserActor,
  thirdEpaoStaff: UserActor,
  assessor: UserActor,
  assessor2: UserActor,
  foreignAssessor: UserActor;
let standard: Awaited<ReturnType<typeof createStandard>>, unlinkedStandard: Awaited<ReturnType<typeof createStandard>>;

beforeAll(async () => {
  [provider, otherProvider, epao, otherEpao, thirdEpao] = await Promise.all([
    createOrganisation("training_provider"),
    createOrganisation("training_provider"),
    createOrganisation("epao"),
    createOrganisation("epao"),
    createOrganisation("epao"),
  ]);
  [standard, unlinkedStandard] = await Promise.all([createStandard({ options: [] }), createStandard()]);
  await linkProvider(provider.id, epao.id, [standard.id]);
  await linkProvider(provider.id, otherEpao.id, [standard.id]);
  await linkProvider(otherProvider.id, epao.id, [standard.id]);
  providerUser = await createUser(provider, "provider_user");
  otherProviderUser = await createUser(otherProvider, "provider_admin");
  epaoStaff = await createUser(epao, "epao_staff");
  otherEpaoStaff = await createUser(otherEpao, "epao_staff");
  thirdEpaoStaff = await createUser(thirdEpao, "epao_admin");
  assessor = await createUser(epao, "assessor", { name: "Assessor One" });
  assessor2 = await createUser(epao, "assessor", { name: "Assessor Two" });
  foreignAssessor = await createUser(otherEpao, "assessor");
});

const create = (overrides: Record<string, unknown> = {}, actor = providerUser) => createApprentice(actor, apprenticeInput(standard.id, epao.id, overrides));

describe("createApprentice", () => {
  it("creates a record for a linked EPAO and standard, audited on the record's timeline", async () => {
    const r = await create({ familyName: "  Okoro ", email: "" });
    expect(r).toMatchObject({ providerId: provider.id, epaoId: epao.id, status: "in_training", familyName: "Okoro", email: null, version: 1 });
    const timeline = await apprenticeTimeline(providerUser, r.id);
    expect(timeline[0]).toMatchObject({ action: "apprentice.created" });
    expect(timeline[0]!.summary).toContain("Okoro");
  });

  it("refuses an EPAO or standard without an active link", async () => {
    expect(await fieldErrors(createApprentice(providerUser, apprenticeInput(standard.id, thirdEpao.id)))).toEqual({
      epaoId: expect.stringContaining("You are not linked with"),
    });
    expect(await fieldErrors(createApprentice(providerUser, apprenticeInput(unlinkedStandard.id, epao.id)))).toEqual({
      epaoId: expect.stringContaining(unlinkedStandard.reference),
    });
  });

  it("reports every bad field", async () => {
    expect(
      await fieldErrors(
        create({
          uln: "12345",
          givenNames: "",
          dateOfBirth: "2000-02-30",
          startDate: "2025-09-01",
          plannedEndDate: "2025-01-01",
          employerPostcode: "nope",
          email: "x@",
          standardVersion: "9.9",
        }),
      ),
    ).toEqual({
      uln: "ULN must be exactly 10 digits",
      givenNames: "Enter the apprentice's given names",
      dateOfBirth: "The date of birth must be a real date in the format YYYY-MM-DD",
      email: "Enter the apprentice's email address in the correct format, like name@example.com",
      employerPostcode: "Enter a real UK postcode, like SW1A 1AA",
      plannedEndDate: "The planned end date must be after the start date",
    });
    expect(await fieldErrors(create({ standardVersion: "9.9" }))).toEqual({ standardVersion: "Version must be one of 1.0, 1.1" });
    expect(await fieldErrors(create({ dateOfBirth: "2015-01-01" }))).toEqual({ dateOfBirth: "The apprentice must be at least 16 on the start date" });
  });

  it("refuses a second active record for the same ULN and standard, but allows one after withdrawal", async () => {
    const uln = uniqueUln();
    const first = await create({ uln });
    expect(await fieldErrors(create({ uln }))).toEqual({ uln: "This apprentice already has an active record on this standard" });
    expect(await fieldErrors(createApprentice(otherProviderUser, apprenticeInput(standard.id, epao.id, { uln })))).toEqual({
      uln: "This apprentice already has an active record on this standard",
    });
    await withdrawApprentice(providerUser, { id: first.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Left the employer" });
    await expect(create({ uln })).resolves.toMatchObject({ uln });
  });

  it("two simultaneous creates of the same ULN and standard: exactly one wins", async () => {
    const uln = uniqueUln();
    const results = await Promise.allSettled([create({ uln }), create({ uln })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
  });

  it("is refused to EPAO users and assessors", async () => {
    await expect(create({}, epaoStaff)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(create({}, assessor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("visibility", () => {
  it("provider and its EPAO see the record; another provider, another EPAO and unassigned assessors do not", async () => {
    const r = await create();
    await expect(getApprentice(providerUser, r.id)).resolves.toBeTruthy();
    await expect(getApprentice(epaoStaff, r.id)).resolves.toBeTruthy();
    for (const outsider of [otherProviderUser, otherEpaoStaff, assessor, foreignAssessor]) {
      await expect(getApprentice(outsider, r.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(apprenticeTimeline(outsider, r.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await assignApprentices(epaoStaff, { apprenticeIds: [r.id], assessorId: assessor.userId });
    await expect(getApprentice(assessor, r.id)).resolves.toBeTruthy();
    await expect(getApprentice(assessor2, r.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists only visible records, and another organisation's lists never include them", async () => {
    const uln = uniqueUln();
    await create({ uln });
    const q = parseListQuery({ q: uln });
    expect((await listApprentices(providerUser, q)).total).toBe(1);
    expect((await listApprentices(epaoStaff, q)).total).toBe(1);
    expect((await listApprentices(otherProviderUser, q)).total).toBe(0);
    expect((await listApprentices(otherEpaoStaff, q)).total).toBe(0);
    expect(await exportApprenticesCsv(otherEpaoStaff, q)).not.toContain(uln);
  });
});

describe("updateApprentice", () => {
  it("edits details with optimistic concurrency; a stale form is refused", async () => {
    const r = await create();
    const input = { ...apprenticeInput(standard.id, epao.id, { uln: r.uln, familyName: "Smith-Jones" }), id: r.id, version: 1 };
    const updated = await updateApprentice(providerUser, input);
    expect(updated).toMatchObject({ familyName: "Smith-Jones", version: 2 });
    await expect(updateApprentice(providerUser, { ...input, familyName: "Stale" })).rejects.toBeInstanceOf(ConflictError);
    const event = await auditEventOf(r.id, "apprentice.updated");
    expect(event).toMatchObject({ before: { familyName: "Khan" }, after: { familyName: "Smith-Jones" } });
  });

  it("another provider cannot edit; EPAO users cannot edit", async () => {
    const r = await create();
    const input = { ...apprenticeInput(standard.id, epao.id, { uln: r.uln }), id: r.id, version: 1 };
    await expect(updateApprentice(otherProviderUser, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateApprentice(epaoStaff, input)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getApprentice(providerUser, r.id)).record.version).toBe(1);
  });
});

describe("break in learning and withdrawal", () => {
  it("starts and ends a break, returning to the previous status", async () => {
    const r = await create();
    const onBreak = await startBreak(providerUser, { id: r.id, version: 1, breakStartDate: "2026-02-01", breakExpectedReturnDate: "2026-05-01" });
    expect(onBreak).toMatchObject({ status: "on_break", statusBeforeBreak: "in_training", breakStartDate: "2026-02-01" });
    expect(
      await fieldErrors(startBreak(providerUser, { id: r.id, version: onBreak.version, breakStartDate: "2026-02-01", breakExpectedReturnDate: "2026-05-01" })),
    ).toEqual({
      form: "A record that is break in learning cannot go on a break in learning.",
    });
    const back = await resumeFromBreak(providerUser, { id: r.id, version: onBreak.version });
    expect(back).toMatchObject({ status: "in_training", breakStartDate: null, statusBeforeBreak: null });
    const actions = (await apprenticeTimeline(epaoStaff, r.id)).map((e) => e.action);
    expect(actions).toEqual(["apprentice.break_ended", "apprentice.break_started", "apprentice.created"]);
  });

  it("validates break dates", async () => {
    const r = await create();
    expect(await fieldErrors(startBreak(providerUser, { id: r.id, version: 1, breakStartDate: "2026-05-01", breakExpectedReturnDate: "2026-04-01" }))).toEqual({
      breakExpectedReturnDate: "The expected return date must be after the break start date",
    });
    expect(await fieldErrors(startBreak(providerUser, { id: r.id, version: 1, breakStartDate: "2020-05-01", breakExpectedReturnDate: "2026-04-01" }))).toEqual({
      breakStartDate: "The break cannot start before the apprenticeship start date",
    });
  });

  it("withdraws a record, which is then read-only but kept", async () => {
    const r = await create();
    expect(await fieldErrors(withdrawApprentice(providerUser, { id: r.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Because" }))).toEqual({
      withdrawalReason: "Select the reason for the withdrawal",
    });
    const w = await withdrawApprentice(providerUser, { id: r.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Other", details: "Moved abroad" });
    expect(w).toMatchObject({ status: "withdrawn", withdrawnDate: "2026-01-10", withdrawalReason: "Other: Moved abroad" });
    const edit = { ...apprenticeInput(standard.id, epao.id, { uln: r.uln }), id: r.id, version: w.version };
    expect(await fieldErrors(updateApprentice(providerUser, edit))).toEqual({ form: "This record is withdrawn and can no longer be changed." });
    expect(
      await fieldErrors(startBreak(providerUser, { id: r.id, version: w.version, breakStartDate: "2026-02-01", breakExpectedReturnDate: "2026-03-01" })),
    ).toHaveProperty("form");
    await expect(getApprentice(epaoStaff, r.id)).resolves.toMatchObject({ record: { status: "withdrawn" } });
  });
});

describe("isolation of lifecycle changes", () => {
  it("another provider, EPAO users and assessors cannot break, resume, withdraw or move a record; nothing changes", async () => {
    const r = await create();
    const attempts = (actor: UserActor) => [
      startBreak(actor, { id: r.id, version: 1, breakStartDate: "2026-02-01", breakExpectedReturnDate: "2026-05-01" }),
      resumeFromBreak(actor, { id: r.id, version: 1 }),
      withdrawApprentice(actor, { id: r.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Left the employer" }),
      requestEpaoChange(actor, { id: r.id, version: 1, toEpaoId: otherEpao.id, reason: "x" }),
    ];
    for (const result of await Promise.allSettled(attempts(otherProviderUser))) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    }
    for (const actor of [epaoStaff, assessor, otherEpaoStaff]) {
      for (const result of await Promise.allSettled(attempts(actor))) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ForbiddenError);
    }
    const after = await getApprentice(providerUser, r.id);
    expect(after.record).toMatchObject({ status: "in_training", version: 1, epaoId: epao.id });
    expect(after.epaoChanges).toHaveLength(0);
  });
});

describe("change of EPAO", () => {
  it("the new EPAO accepts; the record moves, the assessor is cleared and the old EPAO loses access", async () => {
    const r = await create();
    await assignApprentices(epaoStaff, { apprenticeIds: [r.id], assessorId: assessor.userId });
    const current = (await getApprentice(providerUser, r.id)).record;
    expect(
      await fieldErrors(requestEpaoChange(providerUser, { id: r.id, version: current.version, toEpaoId: thirdEpao.id, reason: "Closer to home" })),
    ).toEqual({
      toEpaoId: expect.stringContaining("You are not linked with"),
    });
    const change = await requestEpaoChange(providerUser, { id: r.id, version: current.version, toEpaoId: otherEpao.id, reason: "Closer to home" });
    expect((await listIncomingEpaoChanges(otherEpaoStaff)).map((c) => c.id)).toContain(change.id);
    expect((await listIncomingEpaoChanges(epaoStaff)).map((c) => c.id)).not.toContain(change.id);
    await expect(respondToEpaoChange(thirdEpaoStaff, { changeId: change.id, decision: "accept" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(respondToEpaoChange(epaoStaff, { changeId: change.id, decision: "accept" })).rejects.toBeInstanceOf(NotFoundError);

    await respondToEpaoChange(otherEpaoStaff, { changeId: change.id, decision: "accept" });
    const moved = await getApprentice(otherEpaoStaff, r.id);
    expect(moved.record).toMatchObject({ epaoId: otherEpao.id, assessorId: null });
    expect(moved.epaoChanges[0]).toMatchObject({ status: "accepted", fromName: epao.name, toName: otherEpao.name });
    await expect(getApprentice(epaoStaff, r.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApprentice(assessor, r.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(respondToEpaoChange(otherEpaoStaff, { changeId: change.id, decision: "decline", declineReason: "again" })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("a declined or cancelled request leaves the record where it was", async () => {
    const r = await create();
    const c1 = await requestEpaoChange(providerUser, { id: r.id, version: 1, toEpaoId: otherEpao.id, reason: "Try" });
    expect(await fieldErrors(respondToEpaoChange(otherEpaoStaff, { changeId: c1.id, decision: "decline" }))).toEqual({
      declineReason: "Enter the reason for declining",
    });
    await respondToEpaoChange(otherEpaoStaff, { changeId: c1.id, decision: "decline", declineReason: "No capacity" });
    const v = (await getApprentice(providerUser, r.id)).record.version;
    const c2 = await requestEpaoChange(providerUser, { id: r.id, version: v, toEpaoId: otherEpao.id, reason: "Try again" });
    await expect(cancelEpaoChange(otherProviderUser, { changeId: c2.id })).rejects.toBeInstanceOf(NotFoundError);
    await cancelEpaoChange(providerUser, { changeId: c2.id });
    const detail = await getApprentice(epaoStaff, r.id);
    expect(detail.record.epaoId).toBe(epao.id);
    expect(detail.epaoChanges.map((c) => c.status)).toEqual(["cancelled", "declined"]);
  });
});

describe("assignApprentices", () => {
  it("assigns in bulk; the assessor sees exactly those records", async () => {
    const records = await Promise.all([create({ familyName: "Zed" }), create({ familyName: "Zed" }), create({ familyName: "Zed" })]);
    const lonely = await create({ familyName: "Zed" });
    const result = await assignApprentices(epaoStaff, { apprenticeIds: records.map((r) => r.id), assessorId: assessor2.userId });
    expect(result).toEqual({ assigned: 3 });
    const mine = await listApprentices(assessor2, parseListQuery({ perPage: "100" }));
    expect(mine.rows.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect(mine.rows.map((r) => r.id)).not.toContain(lonely.id);
    expect(await assignApprentices(epaoStaff, { apprenticeIds: records.map((r) => r.id), assessorId: assessor2.userId })).toEqual({ assigned: 0 });
    const unassigned = await listApprentices(epaoStaff, parseListQuery({ assessor: "none", q: "Zed", perPage: "100" }));
    expect(unassigned.rows.map((r) => r.id)).toContain(lonely.id);
    expect(unassigned.rows.map((r) => r.id)).not.toContain(records[0]!.id);
  });

  it("refuses assessors of another EPAO, other EPAOs' records, withdrawn records and non-EPAO users", async () => {
    const r = await create();
    expect(await fieldErrors(assignApprentices(epaoStaff, { apprenticeIds: [r.id], assessorId: foreignAssessor.userId }))).toEqual({
      assessorId: "Select an active assessor from your organisation",
    });
    await expect(assignApprentices(otherEpaoStaff, { apprenticeIds: [r.id], assessorId: foreignAssessor.userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(assignApprentices(providerUser, { apprenticeIds: [r.id], assessorId: assessor.userId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assignApprentices(assessor, { apprenticeIds: [r.id], assessorId: assessor.userId })).rejects.toBeInstanceOf(ForbiddenError);
    await withdrawApprentice(providerUser, { id: r.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Left the employer" });
    expect(await fieldErrors(assignApprentices(epaoStaff, { apprenticeIds: [r.id], assessorId: assessor.userId }))).toHaveProperty("apprenticeIds");
  });
});

describe("assign all matching", () => {
  it("collects every visible, not withdrawn record matching the filters across pages", async () => {
    const tag = `M${crypto.randomUUID().slice(0, 6)}`;
    const made = await Promise.all([1, 2, 3].map((i) => create({ familyName: `${tag}${i}` })));
    await withdrawApprentice(providerUser, { id: made[2]!.id, version: 1, withdrawnDate: "2026-01-10", withdrawalReason: "Left the employer" });
    const { ids, total } = await matchingIds(epaoStaff, parseListQuery({ q: tag, perPage: "25" }), 5000);
    expect(total).toBe(2);
    expect(ids.sort()).toEqual([made[0]!.id, made[1]!.id].sort());
    expect((await matchingIds(otherEpaoStaff, parseListQuery({ q: tag }), 5000)).total).toBe(0);
  });
});

describe("list and export", () => {
  it("filters, sorts and paginates in SQL; the export matches the filtered list", async () => {
    const tag = `Q${crypto.randomUUID().slice(0, 6)}`;
    const made = [];
    for (const [i, name] of ["Brown", "adams", "Clark", "Evans", "Davies"].entries()) {
      made.push(await create({ familyName: `${tag}${name}`, givenNames: `Given${i}`, startDate: `2025-0${i + 1}-15`, plannedEndDate: "2027-01-31" }));
    }
    await startBreak(providerUser, { id: made[2]!.id, version: 1, breakStartDate: "2026-01-01", breakExpectedReturnDate: "2026-06-01" });
    const names = (rows: { familyName: string }[]) => rows.map((r) => r.familyName.slice(tag.length));

    const byName = await listApprentices(epaoStaff, parseListQuery({ q: tag, perPage: "25" }));
    expect(names(byName.rows)).toEqual(["adams", "Brown", "Clark", "Davies", "Evans"]);
    const desc = await listApprentices(epaoStaff, parseListQuery({ q: tag, sort: "startDate", dir: "desc" }));
    expect(names(desc.rows)).toEqual(["Davies", "Evans", "Clark", "adams", "Brown"]);
    expect(names((await listApprentices(epaoStaff, parseListQuery({ q: tag, status: "on_break" }))).rows)).toEqual(["Clark"]);
    expect(names((await listApprentices(epaoStaff, parseListQuery({ q: tag, startFrom: "2025-02-01", startTo: "2025-04-30" }))).rows)).toEqual([
      "adams",
      "Clark",
      "Evans",
    ]);
    const page2 = await listApprentices(epaoStaff, parseListQuery({ q: tag, perPage: "25", page: "2" }));
    expect(page2.rows).toHaveLength(0);
    expect(page2.total).toBe(5);

    const csv = await exportApprenticesCsv(epaoStaff, parseListQuery({ q: tag, status: "in_training" }));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("ULN,Given names,Family name,Standard,Standard title,Version,Status,Start date,Planned end date,Training provider,EPAO,Assessor");
    expect(lines.slice(1).map((l) => l.split(",")[2]!.slice(tag.length))).toEqual(["adams", "Brown", "Davies", "Evans"]);
  });

  it("neutralises spreadsheet formulas in exported cells", async () => {
    const r = await create({ familyName: "=HYPERLINK(1)", givenNames: 'Eve, "the" tester' });
    const csv = await exportApprenticesCsv(providerUser, parseListQuery({ q: r.uln }));
    expect(csv).toContain(`"Eve, ""the"" tester",'=HYPERLINK(1)`);
  });

  it("ignores malformed URL parameters", () => {
    expect(parseListQuery({ status: "bogus", sort: "evil;drop", page: "-4", perPage: "7", standard: "x" })).toMatchObject({
      status: undefined,
      sort: "familyName",
      page: 1,
      perPage: 50,
      standard: undefined,
    });
  });
});
