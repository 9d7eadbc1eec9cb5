import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ApprenticeStatus } from "@/lib/domain";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTwoEpaosWithProvider, createUser, insertApprentice } from "@/tests/support/factories";
import {
  certificateAddressOf,
  clearApprenticePostalContact,
  deletePostalContact,
  employersWithoutContact,
  listPostalContacts,
  normalisePostcode,
  savePostalContact,
  setApprenticePostalContact,
} from "./addresses";
import { postalContactFor } from "./seams";
import { fieldErrorsOf as fieldErrors } from "@/tests/support/errors";
import { auditTrail } from "@/tests/support/audit";

async function world() {
  const { epao, otherEpao, provider, standard } = await createTwoEpaosWithProvider();
  const [admin, staff, assessor, otherAdmin, providerAdmin] = await Promise.all([
    createUser(epao, "epao_admin"),
    createUser(epao, "epao_staff"),
    createUser(epao, "assessor"),
    createUser(otherEpao, "epao_admin"),
    createUser(provider, "provider_admin"),
  ]);
  const record = (employerName: string, status: ApprenticeStatus = "graded", epaoId = epao.id) =>
    insertApprentice(standard.id, epaoId, provider.id, {
      employerName,
      status,
      withdrawnDate: status === "withdrawn" ? "2026-06-01" : null,
      withdrawalReason: status === "withdrawn" ? "Left" : null,
    });
  return { epao, otherEpao, admin, staff, assessor, otherAdmin, providerAdmin, record };
}

const address = {
  contactName: "Pat Jones",
  department: "HR",
  organisation: "Acme Engineering Ltd",
  addressLine1: "1 High Street",
  addressLine2: "",
  addressLine3: "",
  city: "Leeds",
  postcode: "ls14ap",
};

const uniqueEmployer = (name: string) => `${name} ${crypto.randomUUID().slice(0, 6)}`;

describe("postcodes", () => {
  it("normalises well-formed UK postcodes", () => {
    expect(normalisePostcode("ls14ap")).toBe("LS1 4AP");
    expect(normalisePostcode(" LS1  4ap ")).toBe("LS1 4AP");
    expect(normalisePostcode("sw1a1aa")).toBe("SW1A 1AA");
    expect(normalisePostcode("EC1A 1BB")).toBe("EC1A 1BB");
    expect(normalisePostcode("w1a0ax")).toBe("W1A 0AX");
    expect(normalisePostcode("M1 1AE")).toBe("M1 1AE");
    expect(normalisePostcode("B338TH")).toBe("B33 8TH");
    expect(normalisePostcode("dn551pt")).toBe("DN55 1PT");
  });

  it("refuses anything else", () => {
    for (const bad of ["", "LS1", "LS1 4A", "12345", "LS1 4AP X", "QS1 4AP", "LS1 4CP", "L$1 4AP", "LS14 4APP", "AAA1 1AA"])
      expect(normalisePostcode(bad)).toBeNull();
  });
});

describe("employer contacts", () => {
  it("saves an employer contact with the postcode normalised, lists it with the number of records, and audits it", async () => {
    const w = await world();
    const employer = uniqueEmployer("Acme");
    await w.record(employer);
    await w.record(employer.toUpperCase(), "epa");
    await w.record(employer, "withdrawn");
    await w.record(employer, "graded", w.otherEpao.id);

    const saved = await savePostalContact(w.staff, { ...address, employerName: `  ${employer} ` });
    expect(saved).toMatchObject({ employerName: employer, postcode: "LS1 4AP", addressLine2: null, department: "HR", version: 1 });
    const list = await listPostalContacts(w.admin);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: saved.id, employerName: employer, postcode: "LS1 4AP", records: 2 });
    expect(await listPostalContacts(w.otherAdmin)).toEqual([]);

    const changed = await savePostalContact(w.admin, { ...address, id: saved.id, version: 1, employerName: employer, city: "Bradford", postcode: "BD1 1AA" });
    expect(changed).toMatchObject({ city: "Bradford", postcode: "BD1 1AA", version: 2 });
    await expect(savePostalContact(w.admin, { ...address, id: saved.id, version: 1, employerName: employer })).rejects.toBeInstanceOf(ConflictError);

    const events = await auditTrail("postal_contact", saved.id);
    expect(events.map((e) => e.action)).toEqual(["postal_contact.created", "postal_contact.updated"]);
    expect(events[1]!.before).toEqual({ city: "Leeds", postcode: "LS1 4AP" });
    expect(events[1]!.after).toEqual({ city: "Bradford", postcode: "BD1 1AA" });

    await deletePostalContact(w.staff, { id: saved.id });
    expect(await listPostalContacts(w.admin)).toEqual([]);
  });

  it("refuses a bad postcode, missing fields and a second contact for the same employer", async () => {
    const w = await world();
    const employer = uniqueEmployer("Acme");
    expect(await fieldErrors(savePostalContact(w.admin, { ...address, employerName: employer, postcode: "LS1 4A" }))).toEqual({
      postcode: "Enter a real UK postcode, like LS1 4AP",
    });
    expect(await fieldErrors(savePostalContact(w.admin, { ...address, employerName: employer, postcode: " " }))).toEqual({ postcode: "Enter the postcode" });
    const missing = await fieldErrors(savePostalContact(w.admin, { employerName: "", postcode: "LS1 4AP" }));
    expect(Object.keys(missing).sort()).toEqual(["addressLine1", "city", "contactName", "employerName", "organisation"]);

    const first = await savePostalContact(w.admin, { ...address, employerName: employer });
    expect(await fieldErrors(savePostalContact(w.staff, { ...address, employerName: employer.toLowerCase() }))).toEqual({
      employerName: "There is already an address for this employer: change that one instead",
    });
    const other = await savePostalContact(w.admin, { ...address, employerName: `${employer} North` });
    expect(
      await fieldErrors(savePostalContact(w.admin, { ...address, id: other.id, version: other.version, employerName: employer.toUpperCase() })),
    ).toHaveProperty("employerName");
    // Another EPAO may have its own contact for the same employer.
    await savePostalContact(w.otherAdmin, { ...address, employerName: employer });
    expect((await listPostalContacts(w.admin)).map((c) => c.id).sort()).toEqual([first.id, other.id].sort());
  });

  it("two people adding the same employer at once: one address is kept, the other is told", async () => {
    const w = await world();
    const employer = uniqueEmployer("Race");
    const results = await Promise.allSettled([
      savePostalContact(w.admin, { ...address, employerName: employer }),
      savePostalContact(w.staff, { ...address, employerName: employer.toUpperCase(), city: "York" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect((refused.reason as ValidationError).fieldErrors).toHaveProperty("employerName");
    expect(await listPostalContacts(w.admin)).toHaveLength(1);
  });

  it("keeps other organisations out", async () => {
    const w = await world();
    const saved = await savePostalContact(w.admin, { ...address, employerName: uniqueEmployer("Acme") });
    await expect(deletePostalContact(w.otherAdmin, { id: saved.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(savePostalContact(w.otherAdmin, { ...address, id: saved.id, version: 1, employerName: "Taken" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listPostalContacts(w.assessor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(savePostalContact(w.providerAdmin, { ...address, employerName: "X Ltd" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listPostalContacts(w.staff)).toHaveLength(1);
  });

  it("lists employers of records in EPA or graded that have no address", async () => {
    const w = await world();
    const covered = uniqueEmployer("Covered");
    const missing = uniqueEmployer("Missing");
    const overridden = uniqueEmployer("Overridden");
    await w.record(covered);
    await w.record(missing, "graded");
    await w.record(missing.toLowerCase(), "epa");
    await w.record(uniqueEmployer("Training"), "in_training");
    const own = await w.record(overridden, "epa");
    await w.record(uniqueEmployer("Elsewhere"), "graded", w.otherEpao.id);
    await savePostalContact(w.admin, { ...address, employerName: covered.toUpperCase() });
    await setApprenticePostalContact(w.staff, { ...address, apprenticeId: own.id });

    const list = await employersWithoutContact(w.staff);
    expect(list).toEqual([{ employerName: expect.stringMatching(new RegExp(`^${missing}$`, "i")), records: 2 }]);
  });
});

describe("an apprentice's own address", () => {
  it("takes precedence over the employer's, and clearing it falls back (audited on the record)", async () => {
    const w = await world();
    const employer = uniqueEmployer("Acme");
    const record = await w.record(employer);
    expect(await postalContactFor(db(), record)).toBeNull();

    await savePostalContact(w.admin, { ...address, employerName: employer.toLowerCase() });
    expect(await postalContactFor(db(), record)).toMatchObject({ contactName: "Pat Jones", postCode: "LS1 4AP" });

    await setApprenticePostalContact(w.staff, {
      ...address,
      apprenticeId: record.id,
      contactName: "Amira Khan",
      department: "",
      addressLine1: "2 Home Lane",
      city: "York",
      postcode: "yo1 7hh",
    });
    expect(await postalContactFor(db(), record)).toMatchObject({
      contactName: "Amira Khan",
      addressLine1: "2 Home Lane",
      postCode: "YO1 7HH",
      department: undefined,
    });
    expect(await certificateAddressOf(w.admin, record.id)).toMatchObject({ own: { city: "York" }, employer: { city: "Leeds" } });

    await clearApprenticePostalContact(w.admin, { apprenticeId: record.id });
    expect(await postalContactFor(db(), record)).toMatchObject({ contactName: "Pat Jones" });
    expect((await certificateAddressOf(w.admin, record.id)).own).toBeNull();

    const events = await auditTrail("apprentice", record.id);
    expect(events.map((e) => e.action)).toEqual(["certificate_address.set", "certificate_address.cleared"]);
    expect(events[0]!.organisationId).toBe(w.epao.id);
  });

  it("validates the address and keeps other organisations' records out", async () => {
    const w = await world();
    const record = await w.record(uniqueEmployer("Acme"));
    const theirs = await w.record(uniqueEmployer("Acme"), "graded", w.otherEpao.id);
    expect(await fieldErrors(setApprenticePostalContact(w.staff, { ...address, apprenticeId: record.id, postcode: "nope" }))).toEqual({
      postcode: "Enter a real UK postcode, like LS1 4AP",
    });
    await expect(setApprenticePostalContact(w.staff, { ...address, apprenticeId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setApprenticePostalContact(w.staff, { ...address, apprenticeId: "not-an-id" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(clearApprenticePostalContact(w.admin, { apprenticeId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(certificateAddressOf(w.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setApprenticePostalContact(w.assessor, { ...address, apprenticeId: record.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await postalContactFor(db(), record)).toBeNull();
  });
});
