import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apprentices, assessmentAttempts, evidenceFiles, gatewaySubmissions } from "@/db/schema";
import { WITHDRAWAL_REASONS } from "@/lib/apprentices/schema";
import { createApprentice, apprenticeTimeline, startBreak, withdrawApprentice } from "@/lib/apprentices/service";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { apprenticeInput, createOrganisation, createStandard, createUser, linkProvider } from "@/tests/support/factories";
import { pdfBytes, pngBytes, storedFiles, useTemporaryFileStore } from "@/tests/support/files";
import { checklistOf, ensureDefaultChecklist } from "./checklist";
import { listSharedDocuments, readSharedDocument, removeSharedDocument, shareDocument } from "./documents";
import { answerEvidenceRequest, closeEvidenceRequest, evidenceRequestsFor, openEvidenceRequests, requestEvidence } from "./evidence-requests";
import {
  gatewayOverview,
  gatewayReminders,
  gatewaysToReview,
  readEvidenceFile,
  removeGatewayEvidence,
  reviewGateway,
  submitGateway,
  uploadGatewayEvidence,
} from "./gateway";
import { validationOutcome as fieldErrors } from "@/tests/support/errors";
import { auditTrail } from "@/tests/support/audit";

type Org = Awaited<ReturnType<typeof createOrganisation>>;
let provider: Org, otherProvider: Org, epao: Org, otherEpao: Org;
let providerUser: UserActor,
  otherProviderUser: UserActor,
  epaoStaff: UserActor,
  epaoAdmin: UserActor,
  otherEpaoAdmin: UserActor,
  assessor: UserActor,
  otherAssessor: UserActor;
let standard: Awaited<ReturnType<typeof createStandard>>, unlinkedStandard: Awaited<ReturnType<typeof createStandard>>;
let items: Awaited<ReturnType<typeof checklistOf>>;
let storeRoot: string;

beforeAll(async () => {
  storeRoot = useTemporaryFileStore();
  [provider, otherProvider, epao, otherEpao] = await Promise.all([
    createOrganisation("training_provider"),
    createOrganisation("training_provider"),
    createOrganisation("epao"),
    createOrganisation("epao"),
  ]);
  [standard, unlinkedStandard] = await Promise.all([createStandard(), createStandard()]);
  await ensureDefaultChecklist(db(), [standard.id, unlinkedStandard.id]);
  await linkProvider(provider.id, epao.id, [standard.id]);
  await linkProvider(otherProvider.id, otherEpao.id, [standard.id, unlinkedStandard.id]);
  providerUser = await createUser(provider, "provider_user");
  otherProviderUser = await createUser(otherProvider, "provider_admin");
  epaoStaff = await createUser(epao, "epao_staff");
  epaoAdmin = await createUser(epao, "epao_admin");
  otherEpaoAdmin = await createUser(otherEpao, "epao_admin");
  assessor = await createUser(epao, "assessor");
  otherAssessor = await createUser(epao, "assessor");
  items = await checklistOf(db(), standard.id);
});

const mandatory = () => items.filter((i) => i.mandatory);
const file = (name = "evidence.pdf") => ({ name, bytes: pdfBytes(name) });

async function newRecord(overrides: Record<string, unknown> = {}) {
  const record = await createApprentice(providerUser, apprenticeInput(standard.id, epao.id, overrides));
  await db().update(apprentices).set({ assessorId: assessor.userId }).where(eq(apprentices.id, record.id));
  return record;
}

/** A record with evidence for every mandatory item. */
async function readyRecord(overrides: Record<string, unknown> = {}) {
  const record = await newRecord(overrides);
  for (const item of mandatory())
    await uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: item.id, files: [file(`${item.code}.pdf`)] });
  return record;
}

const status = async (id: string) =>
  (await db().select({ status: apprentices.status, version: apprentices.version }).from(apprentices).where(eq(apprentices.id, id)))[0]!;

describe("the gateway checklist", () => {
  it("gives every standard the default list once, mandatory items first", async () => {
    expect(items.map((i) => [i.code, i.mandatory])).toEqual([
      ["english-maths", true],
      ["portfolio", true],
      ["employer-declaration", true],
      ["qualifications", false],
      ["off-the-job", false],
    ]);
    await ensureDefaultChecklist(db(), [standard.id]);
    expect(await checklistOf(db(), standard.id)).toHaveLength(5);
  });
});

describe("gateway evidence", () => {
  it("uploads files per item, shows readiness and what is missing, and lets the provider remove a file", async () => {
    const record = await newRecord();
    let overview = await gatewayOverview(providerUser, record.id);
    expect(overview.missing).toEqual(["English and maths", "Portfolio of evidence", "Employer gateway declaration"]);
    expect(overview.canSubmit).toEqual({
      ok: false,
      reason: "Provide the mandatory gateway evidence before submitting. Missing: English and maths, Portfolio of evidence, Employer gateway declaration.",
    });

    const [english, portfolio] = mandatory();
    const uploaded = await uploadGatewayEvidence(providerUser, {
      apprenticeId: record.id,
      checklistItemId: english!.id,
      files: [file("maths.pdf"), { name: "english.png", bytes: pngBytes() }],
    });
    expect(uploaded.map((u) => u.fileName)).toEqual(["maths.pdf", "english.png"]);
    overview = await gatewayOverview(providerUser, record.id);
    expect(overview.items.find((i) => i.id === english!.id)!.files.map((f) => [f.fileName, f.contentType])).toEqual([
      ["maths.pdf", "application/pdf"],
      ["english.png", "image/png"],
    ]);
    expect(overview.missing).toEqual(["Portfolio of evidence", "Employer gateway declaration"]);

    // The file reads back intact, for the provider, the EPAO and the assigned assessor.
    for (const actor of [providerUser, epaoStaff, assessor]) {
      const read = await readEvidenceFile(actor, uploaded[0]!.id);
      expect(read).toMatchObject({ fileName: "maths.pdf", contentType: "application/pdf" });
      expect(Buffer.from(read.bytes).equals(Buffer.from(pdfBytes("maths.pdf")))).toBe(true);
    }

    await removeGatewayEvidence(providerUser, { fileId: uploaded[1]!.id });
    overview = await gatewayOverview(providerUser, record.id);
    expect(overview.items.find((i) => i.id === english!.id)!.files.map((f) => f.fileName)).toEqual(["maths.pdf"]);
    await expect(removeGatewayEvidence(providerUser, { fileId: uploaded[1]!.id })).rejects.toBeInstanceOf(NotFoundError);

    const timeline = (await apprenticeTimeline(epaoStaff, record.id)).map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(["gateway.evidence_uploaded", "gateway.evidence_removed"]));
    expect(portfolio).toBeDefined();
  });

  it("refuses wrong types, empty and oversize files and path tricks, keeping nothing of a refused upload", async () => {
    const record = await newRecord();
    const item = mandatory()[0]!;
    const upload = (files: { name: string; bytes: Uint8Array }[]) =>
      fieldErrors(uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: item.id, files }));
    const before = storedFiles(storeRoot).length;

    expect(await upload([{ name: "virus.exe", bytes: new TextEncoder().encode("MZ\x90\x00 this is a program") }])).toEqual({
      file: "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG file",
    });
    expect(await upload([{ name: "page.pdf", bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>") }])).toEqual({
      file: "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG file",
    });
    expect(await upload([{ name: "photo.pdf", bytes: pngBytes() }])).toMatchObject({ file: expect.stringContaining("") });
    expect(await upload([{ name: "empty.pdf", bytes: new Uint8Array() }])).toEqual({ file: "The selected file is empty" });
    expect(await upload([])).toEqual({ file: "Select a file to upload" });
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(pdfBytes());
    expect(await upload([{ name: "huge.pdf", bytes: big }])).toEqual({ file: "The selected file must be smaller than 20 MB" });
    // One bad file refuses the whole upload: the good one is not kept either.
    expect(await upload([file("good.pdf"), { name: "bad.exe", bytes: new TextEncoder().encode("MZ...") }])).toEqual({
      file: expect.stringContaining("bad.exe"),
    });

    // Path tricks never reach the storage path: the name is reduced to its last part.
    const tricky = await uploadGatewayEvidence(providerUser, {
      apprenticeId: record.id,
      checklistItemId: item.id,
      files: [file("../../../etc/passwd.pdf"), file("C:\\temp\\report.pdf")],
    });
    expect(tricky.map((t) => t.fileName)).toEqual(["passwd.pdf", "report.pdf"]);
    expect(await upload([{ name: "bad\u0000name.pdf", bytes: pdfBytes() }])).toEqual({ file: expect.any(String) });
    expect(await upload([{ name: "..", bytes: pdfBytes() }])).toEqual({ file: expect.any(String) });

    // Only the two accepted files were stored.
    expect(storedFiles(storeRoot).length).toBe(before + 2);
    const rows = await db().select().from(evidenceFiles).where(eq(evidenceFiles.apprenticeId, record.id));
    expect(rows).toHaveLength(2);
  });

  it("removes the stored bytes again when the database refuses the upload (no orphan files)", async () => {
    const record = await newRecord();
    const before = storedFiles(storeRoot).length;
    // A checklist item of another standard is refused only inside the transaction, after the bytes were stored.
    const foreignItem = (await checklistOf(db(), unlinkedStandard.id))[0]!;
    expect(await fieldErrors(uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: foreignItem.id, files: [file()] }))).toEqual({
      checklistItemId: "Choose the checklist item",
    });
    expect(storedFiles(storeRoot).length).toBe(before);
  });

  it("keeps other organisations out: uploads, reads by direct id, overview", async () => {
    const record = await newRecord();
    const [uploaded] = await uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: mandatory()[0]!.id, files: [file()] });
    for (const outsider of [otherProviderUser, otherEpaoAdmin, otherAssessor]) {
      await expect(readEvidenceFile(outsider, uploaded!.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(gatewayOverview(outsider, record.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(
      uploadGatewayEvidence(otherProviderUser, { apprenticeId: record.id, checklistItemId: mandatory()[0]!.id, files: [file()] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeGatewayEvidence(otherProviderUser, { fileId: uploaded!.id })).rejects.toBeInstanceOf(NotFoundError);
    // EPAO users and assessors cannot upload gateway evidence at all.
    await expect(uploadGatewayEvidence(epaoStaff, { apprenticeId: record.id, checklistItemId: mandatory()[0]!.id, files: [file()] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(readEvidenceFile(providerUser, "../../etc/passwd")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("gateway rounds", () => {
  it("submit → reject with reasons per item → fix → resubmit → approve: the record enters EPA with a first attempt, every round kept", async () => {
    const record = await readyRecord();
    const ready = await gatewayOverview(providerUser, record.id);
    expect(ready.canSubmit).toEqual({ ok: true });
    expect(await fieldErrors(submitGateway(providerUser, { apprenticeId: record.id }))).toEqual({
      confirmReady: "Confirm that the apprentice and employer agree the apprentice is ready for end-point assessment",
    });
    await expect(submitGateway(providerUser, { apprenticeId: record.id, version: ready.record.version - 1, confirmReady: true })).rejects.toBeInstanceOf(
      ConflictError,
    );

    const first = await submitGateway(providerUser, { apprenticeId: record.id, version: ready.record.version, confirmReady: true });
    expect(first).toMatchObject({ round: 1, status: "submitted" });
    expect((await status(record.id)).status).toBe("gateway");
    expect(await fieldErrors(submitGateway(providerUser, { apprenticeId: record.id, confirmReady: true }))).toEqual({
      form: "Gateway has already been submitted for this apprentice.",
    });
    // Evidence is frozen while the EPAO reviews.
    expect(await fieldErrors(uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: mandatory()[0]!.id, files: [file()] }))).toEqual({
      file: "The gateway has been submitted: wait for the EPAO's review before changing the evidence.",
    });
    expect((await gatewaysToReview(epaoStaff)).rows.map((r) => r.submissionId)).toContain(first.id);

    const portfolio = mandatory()[1]!;
    expect(await fieldErrors(reviewGateway(epaoStaff, { submissionId: first.id, decision: "reject", rejections: [] }))).toEqual({
      rejections: "Choose at least one item to reject and say why",
    });
    expect(
      await fieldErrors(reviewGateway(epaoStaff, { submissionId: first.id, decision: "reject", rejections: [{ itemId: portfolio.id, reason: "" }] })),
    ).toEqual({ rejections: "Give a reason for every rejected item" });
    await expect(reviewGateway(otherEpaoAdmin, { submissionId: first.id, decision: "approve" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(reviewGateway(providerUser, { submissionId: first.id, decision: "approve" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(
      await reviewGateway(epaoStaff, {
        submissionId: first.id,
        decision: "reject",
        rejections: [{ itemId: portfolio.id, reason: "The portfolio is not mapped to the KSBs" }],
        note: "Nearly there",
      }),
    ).toEqual({ status: "rejected" });
    expect((await status(record.id)).status).toBe("in_training");

    let overview = await gatewayOverview(providerUser, record.id);
    expect(overview.lastRejection).toMatchObject({ round: 1, status: "rejected", reviewNote: "Nearly there" });
    expect(overview.lastRejection!.items.find((i) => i.itemId === portfolio.id)).toMatchObject({
      decision: "rejected",
      reason: "The portfolio is not mapped to the KSBs",
    });

    // Fix: replace the portfolio, resubmit.
    const oldPortfolio = overview.items.find((i) => i.id === portfolio.id)!.files[0]!;
    await removeGatewayEvidence(providerUser, { fileId: oldPortfolio.id });
    await uploadGatewayEvidence(providerUser, { apprenticeId: record.id, checklistItemId: portfolio.id, files: [file("portfolio-v2.pdf")] });
    const second = await submitGateway(providerUser, { apprenticeId: record.id, confirmReady: true });
    expect(second.round).toBe(2);
    expect(second.items.find((i) => i.itemId === portfolio.id)!.files.map((f) => f.fileName)).toEqual(["portfolio-v2.pdf"]);

    expect(await reviewGateway(epaoAdmin, { submissionId: second.id, decision: "approve" })).toEqual({ status: "approved" });
    expect((await status(record.id)).status).toBe("epa");
    expect(await fieldErrors(reviewGateway(epaoStaff, { submissionId: second.id, decision: "approve" }))).toEqual({
      form: "This gateway has already been approved.",
    });
    const attempts = await db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, record.id));
    expect(attempts).toMatchObject([{ number: 1, kind: "first", overallGrade: null }]);

    // Both rounds are kept, the first still with its original files (readable), newest first.
    overview = await gatewayOverview(epaoStaff, record.id);
    expect(overview.rounds.map((r) => [r.round, r.status])).toEqual([
      [2, "approved"],
      [1, "rejected"],
    ]);
    const firstRoundPortfolio = overview.rounds[1]!.items.find((i) => i.itemId === portfolio.id)!.files[0]!;
    expect((await readEvidenceFile(epaoStaff, firstRoundPortfolio.id)).fileName).toBe(oldPortfolio.fileName);

    const actions = (await auditTrail("apprentice", record.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["gateway.submitted", "gateway.rejected", "gateway.approved"]));
  });

  it("refuses a gateway for a record on a break or withdrawn, and one without mandatory evidence", async () => {
    const onBreak = await readyRecord();
    await startBreak(providerUser, {
      id: onBreak.id,
      version: (await status(onBreak.id)).version,
      breakStartDate: "2026-01-05",
      breakExpectedReturnDate: "2026-06-01",
    });
    expect(await fieldErrors(submitGateway(providerUser, { apprenticeId: onBreak.id, confirmReady: true }))).toEqual({
      form: "Gateway can only be submitted for an apprentice in training: the apprentice is on a break in learning.",
    });
    const withdrawn = await readyRecord();
    await withdrawApprentice(providerUser, {
      id: withdrawn.id,
      version: (await status(withdrawn.id)).version,
      withdrawnDate: "2026-01-05",
      withdrawalReason: WITHDRAWAL_REASONS[0],
    });
    expect(await fieldErrors(submitGateway(providerUser, { apprenticeId: withdrawn.id, confirmReady: true }))).toMatchObject({
      form: expect.stringContaining("withdrawn"),
    });
    const incomplete = await newRecord();
    expect(await fieldErrors(submitGateway(providerUser, { apprenticeId: incomplete.id, confirmReady: true }))).toMatchObject({
      form: expect.stringContaining("Missing: English and maths"),
    });
    await expect(submitGateway(otherProviderUser, { apprenticeId: incomplete.id, confirmReady: true })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().select().from(gatewaySubmissions).where(eq(gatewaySubmissions.apprenticeId, incomplete.id))).toEqual([]);
  });

  it("lets exactly one of two simultaneous reviews decide a round", async () => {
    const record = await readyRecord();
    const submitted = await submitGateway(providerUser, { apprenticeId: record.id, confirmReady: true });
    const results = await Promise.allSettled([
      reviewGateway(epaoStaff, { submissionId: submitted.id, decision: "approve" }),
      reviewGateway(epaoAdmin, {
        submissionId: submitted.id,
        decision: "reject",
        rejections: [{ itemId: mandatory()[0]!.id, reason: "Certificate unreadable" }],
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const attempts = await db().select().from(assessmentAttempts).where(eq(assessmentAttempts.apprenticeId, record.id));
    expect(attempts.length).toBe((await status(record.id)).status === "epa" ? 1 : 0);
  });

  it("reminds the provider of records near their planned end date with mandatory evidence missing", async () => {
    const soon = await newRecord({ familyName: "Soonest", startDate: "2024-09-01", plannedEndDate: "2026-12-15" });
    const later = await newRecord({ familyName: "Later", startDate: "2024-09-01", plannedEndDate: "2028-12-15" });
    const complete = await readyRecord({ familyName: "Complete", startDate: "2024-09-01", plannedEndDate: "2026-12-20" });
    const reminders = await gatewayReminders(providerUser, { today: "2026-11-26", withinDays: 60 });
    const ids = reminders.map((r) => r.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(complete.id);
    expect(reminders.find((r) => r.id === soon.id)).toMatchObject({
      missing: ["English and maths", "Portfolio of evidence", "Employer gateway declaration"],
      overdue: false,
    });
    expect((await gatewayReminders(otherProviderUser, { today: "2026-11-26" })).map((r) => r.id)).not.toContain(soon.id);
  });
});

describe("evidence requests", () => {
  it("EPAO requests, provider answers with files, EPAO closes; outsiders see nothing", async () => {
    const record = await newRecord();
    expect(await fieldErrors(requestEvidence(epaoStaff, { apprenticeId: record.id, message: "short", dueDate: "2026-12-01" }, "2026-11-26"))).toEqual({
      message: "Say what evidence you need (at least 10 characters)",
    });
    expect(
      await fieldErrors(
        requestEvidence(epaoStaff, { apprenticeId: record.id, message: "Please send the signed witness statement", dueDate: "2026-11-01" }, "2026-11-26"),
      ),
    ).toEqual({
      dueDate: "The due date must be today or in the future",
    });
    await expect(
      requestEvidence(otherEpaoAdmin, { apprenticeId: record.id, message: "Please send the signed witness statement", dueDate: "2026-12-01" }, "2026-11-26"),
    ).rejects.toBeInstanceOf(NotFoundError);
    const request = await requestEvidence(
      epaoStaff,
      { apprenticeId: record.id, message: "Please send the signed witness statement", dueDate: "2026-12-01" },
      "2026-11-26",
    );
    expect((await openEvidenceRequests(providerUser)).rows.map((r) => r.id)).toContain(request.id);
    expect((await openEvidenceRequests(epaoStaff)).rows.map((r) => r.id)).toContain(request.id);
    expect((await openEvidenceRequests(otherProviderUser)).rows.map((r) => r.id)).not.toContain(request.id);

    await expect(answerEvidenceRequest(otherProviderUser, { requestId: request.id, files: [file()] })).rejects.toBeInstanceOf(NotFoundError);
    expect(await fieldErrors(answerEvidenceRequest(providerUser, { requestId: request.id, files: [] }))).toEqual({ file: "Select a file to upload" });
    const answered = await answerEvidenceRequest(providerUser, { requestId: request.id, note: "Signed by the line manager", files: [file("witness.pdf")] });
    expect(await fieldErrors(answerEvidenceRequest(providerUser, { requestId: request.id, files: [file()] }))).toEqual({
      file: "This request has already been answered.",
    });

    const listed = await evidenceRequestsFor(assessor, record.id);
    expect(listed[0]).toMatchObject({ status: "answered", answerNote: "Signed by the line manager", files: [{ fileName: "witness.pdf" }] });
    expect((await readEvidenceFile(epaoStaff, answered[0]!.id)).fileName).toBe("witness.pdf");
    await expect(readEvidenceFile(otherEpaoAdmin, answered[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(evidenceRequestsFor(otherProviderUser, record.id)).rejects.toBeInstanceOf(NotFoundError);

    await expect(closeEvidenceRequest(otherEpaoAdmin, { requestId: request.id })).rejects.toBeInstanceOf(NotFoundError);
    await closeEvidenceRequest(epaoStaff, { requestId: request.id });
    expect((await evidenceRequestsFor(providerUser, record.id))[0]!.status).toBe("closed");
    expect((await openEvidenceRequests(epaoStaff)).rows.map((r) => r.id)).not.toContain(request.id);
  });
});

describe("shared documents", () => {
  it("an EPAO shares per standard with its assessors and linked providers only", async () => {
    expect(await fieldErrors(shareDocument(epaoStaff, { standardId: unlinkedStandard.id, title: "Assessment plan", files: [file("plan.pdf")] }))).toEqual({
      standardId: "Choose one of the standards you assess",
    });
    expect(await fieldErrors(shareDocument(epaoStaff, { standardId: standard.id, title: "Pl", files: [file("plan.pdf")] }))).toEqual({
      title: "Enter a title of at least 3 characters",
    });
    await expect(shareDocument(providerUser, { standardId: standard.id, title: "Assessment plan", files: [file("plan.pdf")] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const doc = await shareDocument(epaoStaff, { standardId: standard.id, title: "Assessment plan", description: "Version 1.1", files: [file("plan.pdf")] });

    for (const reader of [epaoAdmin, assessor, providerUser]) {
      expect((await listSharedDocuments(reader)).map((d) => d.id)).toContain(doc.id);
      expect((await readSharedDocument(reader, doc.id)).fileName).toBe("plan.pdf");
    }
    for (const outsider of [otherProviderUser, otherEpaoAdmin]) {
      expect((await listSharedDocuments(outsider)).map((d) => d.id)).not.toContain(doc.id);
      await expect(readSharedDocument(outsider, doc.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(removeSharedDocument(otherEpaoAdmin, { documentId: doc.id })).rejects.toBeInstanceOf(NotFoundError);
    await removeSharedDocument(epaoAdmin, { documentId: doc.id });
    await expect(readSharedDocument(providerUser, doc.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listSharedDocuments(epaoStaff)).map((d) => d.id)).not.toContain(doc.id);
  });
});
