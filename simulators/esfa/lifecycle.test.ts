import { describe, expect, it } from "vitest";
import { alreadyExistsReference, certificateStage, EsfaRequestError, type EsfaClient } from "@/lib/esfa/client";
import { startEsfaSimulator } from "./index";
import { item, TEST_KEYS, testRegister, simulatorPerTest } from "@/tests/support/esfa";
import type { EsfaCreateCertificateRequest } from "@/lib/esfa/types";

const ctx = simulatorPerTest();
const HOUR = 3_600_000;

async function errorsFor(request: EsfaCreateCertificateRequest, client: EsfaClient = ctx.client()) {
  const [result] = await client.createCertificates([request]);
  return result!.validationErrors;
}

async function createAndSubmit(n: number) {
  const client = ctx.client();
  const [created] = await client.createCertificates([item(n)]);
  const reference = created!.certificate!.certificateData.certificateReference!;
  const [submitted] = await client.submitCertificates([
    { requestId: `s${n}`, uln: 1_000_000_000 + n, familyName: `Family${n}`, standardCode: 196, certificateReference: reference },
  ]);
  return { client, reference, submitted: submitted! };
}

describe("ESFA validation messages (BatchCertificateRequestValidator and friends)", () => {
  it.each<[string, EsfaCreateCertificateRequest, string[]]>([
    ["wrong family name", item(1, { learner: { familyName: "Smith" } }), ["ULN, FamilyName and Standard not found."]],
    ["short ULN", item(1, { learner: { uln: 12345 } }), ["ULN should contain exactly 10 numbers", "Learner details for ULN: 12345 not found"]],
    ["bad postcode", item(1, { postalContact: { postCode: "NOT A CODE" } }), ["Provide a valid UK postcode"]],
    ["missing postcode", item(1, { postalContact: { postCode: "" } }), ["Provide a postcode"]],
    ["future achievement date", item(1, { learningDetails: { achievementDate: "2025-06-11" } }), ["Achievement date cannot be in the future"]],
    ["achievement date before 2017", item(1, { learningDetails: { achievementDate: "2016-12-31" } }), ["Achievement date cannot be before 01 01 2017"]],
    ["Fail grade", item(1, { learningDetails: { overallGrade: "fail" } }), ["Cannot record a Fail grade via API"]],
    [
      "unknown grade",
      item(1, { learningDetails: { overallGrade: "Great" } }),
      [
        "You must enter a valid grade. Must be one of the following: Pass, Credit, Merit, Distinction, Pass with excellence, Outstanding, No grade awarded, where Pass, Credit, Merit, Distinction, Pass with excellence, Outstanding, No grade awarded can be obtained with /api/v1/certificate/grades",
      ],
    ],
    ["no grade", item(1, { learningDetails: { overallGrade: "" } }), ["Select the grade achieved"]],
    ["no achievement date", item(1, { learningDetails: { achievementDate: "" } }), ["Provide the achievement date"]],
    ["bad version", item(1, { learningDetails: { version: "9.9" } }), ["Invalid version for Standard"]],
    [
      "reference and code disagree",
      item(1, { standard: { standardReference: "ST9001" } }),
      ["StandardReference and StandardCode must be for the same Standard"],
    ],
    [
      "no standard",
      item(1, { standard: { standardCode: null, standardReference: null } }),
      ["Provide a valid Standard", "Invalid version for Standard", "Learner details for ULN: 1000000001 not found"],
    ],
    [
      "missing postal contact fields",
      item(1, { postalContact: { contactName: "", addressLine1: " ", city: "" } }),
      ["Provide a contact name", "Provide an address", "Provide a city or town"],
    ],
    ["withdrawn learner", { ...item(1), learner: { uln: 3_000_000_001, familyName: "gone" } }, ["Cannot find the apprentice details"]],
  ])("%s", async (_name, request, expected) => {
    expect(await errorsFor(request)).toEqual(expected);
  });

  it("checks course options per standard version", async () => {
    const base = { ...item(1), standard: { standardCode: 901, standardReference: "ST9001" }, learner: { uln: 2_000_000_001, familyName: "o'neill-smith" } };
    const withOption = (version: string, courseOption: string | null) => ({ ...base, learningDetails: { ...base.learningDetails, version, courseOption } });
    expect(await errorsFor(withOption("1.1", "Aviation"))).toEqual([
      "Invalid course option for this Standard and version. Must be one of the following: Retail, Hospitality where Retail, Hospitality depends on the standard code, and can be obtained with GET /api/v1/standard/options/901/1.1",
    ]);
    expect(await errorsFor(withOption("1.0", "Retail"))).toEqual(["No course option available for this Standard and version. Must be empty"]);
    const [ok] = await ctx.client().createCertificates([withOption("1.1", "retail")]);
    expect(ok!.validationErrors).toEqual([]);
    expect(ok!.certificate!.certificateData.learningDetails).toMatchObject({ version: "1.1", courseOption: "Retail" });
    expect(ok!.certificate!.certificateData.learner).toEqual({ uln: 2_000_000_001, givenNames: "Ana", familyName: "O'Neill-Smith" });
  });

  it("chooses the learner's version when none is given", async () => {
    const [result] = await ctx.client().createCertificates([{ ...item(1), learningDetails: { ...item(1).learningDetails, version: null } }]);
    expect(result!.certificate!.certificateData.learningDetails!.version).toBe("1.0");
  });

  it("refuses EPAOs not approved for the standard", async () => {
    expect(await errorsFor(item(1), ctx.client({ subscriptionKey: "key-3" }))).toEqual(["Your organisation is not approved to assess this Standard"]);
  });

  it("answers Certificate already exists: {ref} for a second claim, from either EPAO", async () => {
    const [first] = await ctx.client().createCertificates([item(1, { learningDetails: { overallGrade: "distinction" } })]);
    const reference = first!.certificate!.certificateData.certificateReference!;
    expect(reference).toMatch(/^\d{8}$/);
    expect(first!.certificate!.certificateData.learningDetails!.overallGrade).toBe("Distinction");
    const again = await errorsFor(item(1));
    expect(again).toEqual([`Certificate already exists: ${reference}`]);
    expect(alreadyExistsReference(again)).toBe(reference);
    expect(await errorsFor(item(1), ctx.client({ subscriptionKey: "key-2" }))).toEqual(["Your organisation is not the creator of the EPA"]);
  });

  it("submit: refuses unknown, foreign and already submitted certificates, and incomplete ones", async () => {
    const { client, reference, submitted } = await createAndSubmit(1);
    expect(submitted.validationErrors).toEqual([]);
    expect(submitted.certificate!.status.currentStatus).toBe("Submitted");
    expect(submitted.certificate!.submitted).toMatchObject({ submittedAt: "2025-06-10T09:00:00.000Z", submittedBy: "Api User" });

    const again = await client.submitCertificates([
      { requestId: "x", uln: 1_000_000_001, familyName: "Family1", standardReference: "ST0070", certificateReference: reference },
    ]);
    expect(again[0]!.validationErrors).toEqual(["Certificate has already been submitted"]);

    const [created2] = await client.createCertificates([item(2, { postalContact: { organisation: null } })]);
    const ref2 = created2!.certificate!.certificateData.certificateReference!;
    const results = await client.submitCertificates([
      { requestId: "a", uln: 1_000_000_002, familyName: "Family2", standardCode: 196, certificateReference: "99999999" },
      { requestId: "b", uln: 1_000_000_002, familyName: "Family2", standardCode: 196, certificateReference: ref2 },
      { requestId: "c", uln: 1_000_000_002, familyName: "Nope", standardCode: 196, certificateReference: "" },
    ]);
    expect(results.map((r) => r.validationErrors)).toEqual([
      ["Certificate not found"],
      ["Certificate is missing mandatory data"],
      ["ULN, FamilyName and Standard not found", "Provide the certificate reference"],
    ]);
    const foreign = await ctx
      .client({ subscriptionKey: "key-2" })
      .submitCertificates([{ requestId: "f", uln: 1_000_000_002, familyName: "Family2", standardCode: 196, certificateReference: ref2 }]);
    expect(foreign[0]!.validationErrors).toEqual(["Your organisation is not the creator of this Certificate"]);
  });

  it("update works while Draft/Ready only", async () => {
    const client = ctx.client();
    const [created] = await client.createCertificates([item(1)]);
    const reference = created!.certificate!.certificateData.certificateReference!;
    const [updated] = await client.updateCertificates([{ ...item(1, { learningDetails: { overallGrade: "Merit" } }), certificateReference: reference }]);
    expect(updated!.validationErrors).toEqual([]);
    expect(updated!.certificate!.certificateData.learningDetails!.overallGrade).toBe("Merit");
    await client.submitCertificates([{ requestId: "s", uln: 1_000_000_001, familyName: "Family1", standardCode: 196, certificateReference: reference }]);
    const [late] = await client.updateCertificates([{ ...item(1), certificateReference: reference }]);
    expect(late!.validationErrors).toEqual(["Certificate does not exist in Draft status"]);
    const [missing] = await client.updateCertificates([{ ...item(2), certificateReference: "" }]);
    expect(missing!.validationErrors).toEqual(["Provide the certificate reference"]);
  });
});

describe("ESFA certificate lifecycle", () => {
  it("GET answers 204 (null) when there is no certificate and 403 for an unknown apprentice", async () => {
    const client = ctx.client();
    expect(await client.getCertificate(1_000_000_001, "Family1", 196)).toBeNull();
    const error = await client.getCertificate(1_000_000_001, "Smith", "ST0070").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsfaRequestError);
    expect(error).toMatchObject({ status: 403, message: "Cannot find apprentice with the specified Uln, FamilyName & Standard" });
    const several = await client.getCertificate(12, "X", "ST0000").catch((e: unknown) => e);
    expect((several as EsfaRequestError).messages).toEqual(["Provide a valid Standard", "ULN should contain exactly 10 numbers"]);
  });

  it("moves Submitted → Printed → Delivered with the clock, as the API shows it", async () => {
    const sim = ctx.sim;
    const { client, reference } = await createAndSubmit(1);
    const get = () => client.getCertificate(1_000_000_001, "Family1", 196);

    let cert = (await get())!;
    expect(cert.status.currentStatus).toBe("Submitted");
    expect(cert.delivered).toBeNull();
    expect(certificateStage(cert)).toBe("Submitted");

    ctx.advance(24 * HOUR);
    cert = (await get())!;
    expect(sim.control.certificate(reference)!.status).toBe("Printed");
    expect(cert.status.currentStatus).toBe("Submitted");
    expect(cert.printed!.printedAt).toBe("2025-06-11T09:00:00.000Z");
    expect(cert.delivered).toEqual({ status: "WaitingForDelivery", deliveryDate: null });
    expect(certificateStage(cert)).toBe("Printed");

    ctx.advance(72 * HOUR);
    cert = (await get())!;
    expect(cert.delivered).toEqual({ status: "Delivered", deliveryDate: "2025-06-14T09:00:00.000Z" });
    expect(certificateStage(cert)).toBe("Delivered");

    sim.control.setCertificateStatus(reference, "NotDelivered");
    expect(certificateStage((await get())!)).toBe("NotDelivered");
  });

  it("uses configurable timings", async () => {
    await ctx.sim.close();
    ctx.sim = await startEsfaSimulator({
      port: 0,
      register: testRegister(),
      keys: TEST_KEYS,
      clock: ctx.now,
      timings: { printAfterMs: 60_000, deliverAfterMs: 120_000 },
    });
    const { client } = await createAndSubmit(1);
    ctx.advance(60_000);
    expect(certificateStage((await client.getCertificate(1_000_000_001, "Family1", 196))!)).toBe("Printed");
    ctx.advance(120_000);
    expect(certificateStage((await client.getCertificate(1_000_000_001, "Family1", 196))!)).toBe("Delivered");
  });

  it("finds a certificate claimed by hand on the ESFA website", async () => {
    const claim = ctx.sim.control.claimManually({
      uln: 1_000_000_003,
      familyName: "Family3",
      standardCode: 196,
      grade: "Merit",
      achievementDate: "2025-06-01",
    });
    const client = ctx.client();
    const cert = await client.getCertificate(1_000_000_003, "family3", "ST0070");
    expect(cert).not.toBeNull();
    expect(cert!.certificateData.certificateReference).toBe(claim.certificateReference);
    expect(cert!.certificateData.learningDetails).toMatchObject({ overallGrade: "Merit", achievementDate: "2025-06-01T00:00:00" });
    expect(cert!.status.currentStatus).toBe("Submitted");
    expect(await errorsFor(item(3))).toEqual([`Certificate already exists: ${claim.certificateReference}`]);
    // Another EPAO assessing the same standard sees it redacted; the learner's own record shows it too.
    const redacted = await ctx.client({ subscriptionKey: "key-2" }).getCertificate(1_000_000_003, "Family3", 196);
    expect(redacted!.certificateData.certificateReference).toBeNull();
    const learner = await client.getLearner(1_000_000_003, "Family3", 196);
    expect(learner!.certificate!.certificateData.certificateReference).toBe(claim.certificateReference);
    expect(learner!.epaDetails).toMatchObject({ latestEpaOutcome: "pass", latestEpaDate: "2025-06-01T00:00:00" });
  });

  it("deletes while Draft/Ready only", async () => {
    const client = ctx.client();
    const [created] = await client.createCertificates([item(1)]);
    const reference = created!.certificate!.certificateData.certificateReference!;
    await client.deleteCertificate(1_000_000_001, "Family1", 196, reference);
    expect(ctx.sim.control.certificate(reference)!.status).toBe("Deleted");
    expect(await client.getCertificate(1_000_000_001, "Family1", 196)).toBeNull();
    // A deleted certificate is brought back with the same reference.
    const [again] = await client.createCertificates([item(1)]);
    expect(again!.certificate!.certificateData.certificateReference).toBe(reference);

    const { reference: submittedRef } = await createAndSubmit(2);
    const error = await client.deleteCertificate(1_000_000_002, "Family2", "ST0070", submittedRef).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, messages: ["Cannot delete a submitted Certificate"] });
    const wrong = await client.deleteCertificate(1_000_000_002, "Family2", "ST0070", "00000999").catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 403, messages: ["Certificate not found"] });
  });

  it("looks up learners", async () => {
    const client = ctx.client();
    const learner = await client.getLearner(2_000_000_001, "O'Neill-Smith", "ST9001");
    expect(learner).toMatchObject({
      learnerData: { standard: { standardCode: 901, standardReference: "ST9001", version: "1.1" }, learner: { givenNames: "Ana" } },
      status: { completionStatus: 1 },
      certificate: null,
    });
    await expect(client.getLearner(2_000_000_001, "Smith", 901)).rejects.toMatchObject({ status: 403, message: "ULN, FamilyName and Standard not found" });
    await expect(client.getLearner(2_000_000_001, "Smith", "ST0000")).rejects.toMatchObject({ status: 403, message: "Standard not found" });
  });

  it("lists grades and options through the client", async () => {
    const client = ctx.client();
    expect(await client.grades()).toContain("Pass with excellence");
    expect(await client.options()).toHaveLength(1);
    expect(await client.options("ST9001")).toMatchObject({ courseOption: ["Retail", "Hospitality"] });
    expect(await client.options(901, "1.0")).toEqual({ standardCode: 901, standardReference: null, version: "1.0", courseOption: [] });
    expect(await client.options("ST0000")).toBeNull();
    await client.ping();
  });
});
