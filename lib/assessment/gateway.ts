import "server-only";
import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import {
  apprentices,
  assessmentAttempts,
  evidenceFiles,
  gatewayChecklistItems,
  gatewaySubmissions,
  organisations,
  users,
  type GatewayItemSnapshot,
} from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { visibleTo } from "@/lib/auth/scope";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { checklistOf } from "./checklist";
import { readStored, storeUploads, type UploadInput } from "./files";
import { canSubmitGateway, type RuleResult } from "./rules";
import { isUuid } from "@/lib/ids";
import type { Apprentice } from "@/db/schema";
import { londonToday } from "@/lib/calendar/london";

/**
 * Gateway: the provider uploads evidence against the standard's checklist, sees what is still missing and submits;
 * the EPAO approves (the apprentice enters end-point assessment with a first attempt) or rejects with a reason per
 * item; the provider fixes and resubmits. Every round is kept with the files it was decided on.
 */

const nameOf = (r: { givenNames: string; familyName: string }) => `${r.givenNames} ${r.familyName}`;

/** The provider's own record, locked. Another organisation's record is not found. */
async function lockProviderRecord(tx: Tx, actor: UserActor, apprenticeId: string): Promise<Apprentice> {
  assertCan(actor, "assessment.provide");
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return oneOrNotFound(
    tx
      .select()
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), eq(apprentices.providerId, actor.organisationId)))
      .for("update"),
    "Apprentice record not found.",
  );
}

/** Evidence can change while the record is in training (before a submission, or after a rejection). */
function assertEvidenceEditable(record: Apprentice) {
  if (record.status === "gateway")
    throw new ValidationError({ file: "The gateway has been submitted: wait for the EPAO's review before changing the evidence." });
  if (record.status !== "in_training") throw new ValidationError({ file: "Gateway evidence can only be changed while the apprentice is in training." });
}

/** Current (not removed) gateway files of a record, by checklist item. */
async function currentFiles(tx: DbOrTx, apprenticeId: string) {
  return tx
    .select({
      id: evidenceFiles.id,
      checklistItemId: evidenceFiles.checklistItemId,
      fileName: evidenceFiles.fileName,
      contentType: evidenceFiles.contentType,
      size: evidenceFiles.size,
      uploadedAt: evidenceFiles.uploadedAt,
      uploadedBy: users.name,
    })
    .from(evidenceFiles)
    .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(and(eq(evidenceFiles.apprenticeId, apprenticeId), eq(evidenceFiles.purpose, "gateway"), isNull(evidenceFiles.removedAt)))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
}

export const uploadEvidenceSchema = z.object({
  apprenticeId: z.string(),
  checklistItemId: z.string({ error: "Choose the checklist item" }).min(1, { error: "Choose the checklist item" }),
});

/** A provider uploads one or more files for a checklist item. All files are checked first; nothing is kept if any is refused. */
export async function uploadGatewayEvidence(actor: UserActor, input: { apprenticeId: string; checklistItemId: string; files: UploadInput[] }) {
  assertCan(actor, "assessment.provide");
  const { apprenticeId, checklistItemId } = parseInput(uploadEvidenceSchema, input);
  // Check access and state before any byte is stored; checked again under the row lock below.
  const record = await db().transaction((tx) => lockProviderRecord(tx, actor, apprenticeId));
  assertEvidenceEditable(record);
  if (!isUuid(checklistItemId)) throw new ValidationError({ checklistItemId: "Choose the checklist item" });
  return storeUploads("file", input.files, (stored) =>
    db().transaction(async (tx) => {
      const locked = await lockProviderRecord(tx, actor, apprenticeId);
      assertEvidenceEditable(locked);
      const [item] = await tx
        .select()
        .from(gatewayChecklistItems)
        .where(and(eq(gatewayChecklistItems.id, checklistItemId), eq(gatewayChecklistItems.standardId, locked.standardId)));
      if (!item) throw new ValidationError({ checklistItemId: "Choose the checklist item" });
      const rows = await tx
        .insert(evidenceFiles)
        // One millisecond apart, so the files list in the order they were chosen.
        .values(
          stored.map((s, i) => ({
            ...s,
            apprenticeId,
            purpose: "gateway" as const,
            checklistItemId,
            uploadedBy: actor.userId,
            uploadedAt: new Date(Date.now() + i),
          })),
        )
        .returning({ id: evidenceFiles.id, fileName: evidenceFiles.fileName });
      await recordAudit(tx, actor, {
        action: "gateway.evidence_uploaded",
        entityType: "apprentice",
        entityId: apprenticeId,
        summary: `Uploaded ${rows.map((r) => r.fileName).join(", ")} as gateway evidence for "${item.title}"`,
        after: { item: item.code, files: rows.map((r) => r.fileName) },
      });
      return rows;
    }),
  );
}

/** A provider removes a file before submitting (files of past rounds stay with those rounds). */
export async function removeGatewayEvidence(actor: UserActor, input: { fileId: string }) {
  assertCan(actor, "assessment.provide");
  if (!isUuid(input.fileId)) throw new NotFoundError("File not found.");
  return db().transaction(async (tx) => {
    const file = await oneOrNotFound(
      tx
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.id, input.fileId), eq(evidenceFiles.purpose, "gateway"), isNull(evidenceFiles.removedAt))),
      "File not found.",
    );
    const record = await lockProviderRecord(tx, actor, file.apprenticeId).catch(() => {
      throw new NotFoundError("File not found.");
    });
    assertEvidenceEditable(record);
    await tx.update(evidenceFiles).set({ removedAt: new Date() }).where(eq(evidenceFiles.id, file.id));
    await recordAudit(tx, actor, {
      action: "gateway.evidence_removed",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Removed ${file.fileName} from the gateway evidence`,
      before: { file: file.fileName },
    });
  });
}

export type GatewayOverview = Awaited<ReturnType<typeof gatewayOverview>>;

/** The gateway as anyone who may see the record sees it: checklist with files, readiness, every round. */
export async function gatewayOverview(actor: UserActor, apprenticeId: string) {
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  const record = await oneOrNotFound(
    db()
      .select({
        id: apprentices.id,
        status: apprentices.status,
        version: apprentices.version,
        standardId: apprentices.standardId,
        plannedEndDate: apprentices.plannedEndDate,
      })
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), visibleTo(actor))),
    "Apprentice record not found.",
  );
  const [checklist, files, rounds] = await Promise.all([
    checklistOf(db(), record.standardId),
    currentFiles(db(), apprenticeId),
    listRounds(db(), apprenticeId),
  ]);
  const items = checklist.map((item) => ({ ...item, files: files.filter((f) => f.checklistItemId === item.id) }));
  const readiness = items.map((i) => ({ item: i.title, mandatory: i.mandatory, provided: i.files.length > 0 }));
  const canSubmit: RuleResult = canSubmitGateway(record, readiness);
  return {
    record,
    items,
    missing: readiness.filter((r) => r.mandatory && !r.provided).map((r) => r.item),
    canSubmit,
    rounds,
    openRound: rounds.find((r) => r.status === "submitted") ?? null,
    lastRejection: rounds[0]?.status === "rejected" ? rounds[0] : null,
  };
}

async function listRounds(tx: DbOrTx, apprenticeId: string) {
  const submitter = alias(users, "submitter");
  const reviewer = alias(users, "reviewer");
  return tx
    .select({
      id: gatewaySubmissions.id,
      round: gatewaySubmissions.round,
      status: gatewaySubmissions.status,
      items: gatewaySubmissions.items,
      submittedAt: gatewaySubmissions.submittedAt,
      submittedBy: submitter.name,
      reviewedAt: gatewaySubmissions.reviewedAt,
      reviewedBy: reviewer.name,
      reviewNote: gatewaySubmissions.reviewNote,
    })
    .from(gatewaySubmissions)
    .leftJoin(submitter, eq(submitter.id, gatewaySubmissions.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, gatewaySubmissions.reviewedBy))
    .where(eq(gatewaySubmissions.apprenticeId, apprenticeId))
    .orderBy(desc(gatewaySubmissions.round));
}

export const submitGatewaySchema = z.object({
  apprenticeId: z.string(),
  version: z.coerce.number().int().optional(),
  confirmReady: z.literal(true, { error: "Confirm that the apprentice and employer agree the apprentice is ready for end-point assessment" }),
});

/** The provider submits the gateway: every mandatory item must have evidence. The files are frozen into the round. */
export async function submitGateway(actor: UserActor, input: unknown) {
  assertCan(actor, "assessment.provide");
  const data = parseInput(submitGatewaySchema, input);
  return db().transaction(async (tx) => {
    const record = await lockProviderRecord(tx, actor, data.apprenticeId);
    if (data.version !== undefined && record.version !== data.version) throw new ConflictError();
    const [checklist, files] = await Promise.all([checklistOf(tx, record.standardId), currentFiles(tx, record.id)]);
    const snapshot: GatewayItemSnapshot[] = checklist.map((i) => ({
      itemId: i.id,
      code: i.code,
      title: i.title,
      mandatory: i.mandatory,
      files: files.filter((f) => f.checklistItemId === i.id).map((f) => ({ id: f.id, fileName: f.fileName })),
    }));
    const allowed = canSubmitGateway(
      record,
      snapshot.map((s) => ({ item: s.title, mandatory: s.mandatory, provided: s.files.length > 0 })),
    );
    if (!allowed.ok) throw new ValidationError({ form: allowed.reason }, allowed.reason);
    const [last] = await tx
      .select({ round: max(gatewaySubmissions.round) })
      .from(gatewaySubmissions)
      .where(eq(gatewaySubmissions.apprenticeId, record.id));
    const round = (last?.round ?? 0) + 1;
    const [submission] = await tx
      .insert(gatewaySubmissions)
      .values({
        apprenticeId: record.id,
        round,
        items: snapshot,
        submittedBy: actor.userId,
        declaration: "The apprentice and employer agree the apprentice is ready for end-point assessment.",
      })
      .returning();
    await tx
      .update(apprentices)
      .set({ status: "gateway", version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(eq(apprentices.id, record.id));
    await recordAudit(tx, actor, {
      action: "gateway.submitted",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Submitted the gateway for ${nameOf(record)} (round ${round}, ${snapshot.reduce((n, s) => n + s.files.length, 0)} files)`,
      before: { status: record.status },
      after: { status: "gateway", round },
    });
    return submission!;
  });
}

export const reviewGatewaySchema = z
  .object({
    submissionId: z.string(),
    decision: z.enum(["approve", "reject"], { error: "Choose whether to approve or reject the gateway" }),
    /** Rejected items with the reason for each (reject only). */
    rejections: z.array(z.object({ itemId: z.string(), reason: z.string().trim() })).default([]),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "reject") return;
    if (v.rejections.length === 0) ctx.addIssue({ code: "custom", path: ["rejections"], message: "Choose at least one item to reject and say why" });
    if (v.rejections.some((r) => r.reason.length < 5)) ctx.addIssue({ code: "custom", path: ["rejections"], message: "Give a reason for every rejected item" });
  });

/** The EPAO decides a submitted round: approve (the record enters EPA with a first attempt) or reject items with reasons. */
export async function reviewGateway(actor: UserActor, input: unknown) {
  assertCan(actor, "assessment.manage");
  const data = parseInput(reviewGatewaySchema, input);
  if (!isUuid(data.submissionId)) throw new NotFoundError("Gateway submission not found.");
  return db().transaction(async (tx) => {
    const found = await oneOrNotFound(
      tx
        .select({ submission: gatewaySubmissions, record: apprentices })
        .from(gatewaySubmissions)
        .innerJoin(apprentices, eq(apprentices.id, gatewaySubmissions.apprenticeId))
        .where(and(eq(gatewaySubmissions.id, data.submissionId), eq(apprentices.epaoId, actor.organisationId)))
        .for("update"),
      "Gateway submission not found.",
    );
    const { submission, record } = found;
    if (submission.status !== "submitted" || record.status !== "gateway") {
      throw new ValidationError({ form: `This gateway has already been ${submission.status === "approved" ? "approved" : "reviewed"}.` });
    }
    const now = new Date();
    if (data.decision === "approve") {
      const items = submission.items.map((i) => ({ ...i, decision: "accepted" as const, reason: null }));
      await tx
        .update(gatewaySubmissions)
        .set({ status: "approved", items, reviewedBy: actor.userId, reviewedAt: now, reviewNote: data.note || null })
        .where(eq(gatewaySubmissions.id, submission.id));
      const [last] = await tx
        .select({ n: max(assessmentAttempts.number) })
        .from(assessmentAttempts)
        .where(eq(assessmentAttempts.apprenticeId, record.id));
      await tx.insert(assessmentAttempts).values({ apprenticeId: record.id, number: (last?.n ?? 0) + 1, kind: "first", startedAt: now });
      await tx
        .update(apprentices)
        .set({ status: "epa", version: sql`${apprentices.version} + 1`, updatedAt: now })
        .where(eq(apprentices.id, record.id));
      await recordAudit(tx, actor, {
        action: "gateway.approved",
        entityType: "apprentice",
        entityId: record.id,
        summary: `Approved gateway round ${submission.round}: ${nameOf(record)} is in end-point assessment`,
        before: { status: "gateway" },
        after: { status: "epa", round: submission.round },
        organisationId: record.epaoId,
      });
      return { status: "approved" as const };
    }
    const reasons = new Map(data.rejections.map((r) => [r.itemId, r.reason]));
    const unknown = [...reasons.keys()].filter((id) => !submission.items.some((i) => i.itemId === id));
    if (unknown.length > 0) throw new ValidationError({ rejections: "Choose items from this submission" });
    const items = submission.items.map((i) =>
      reasons.has(i.itemId) ? { ...i, decision: "rejected" as const, reason: reasons.get(i.itemId)! } : { ...i, decision: "accepted" as const, reason: null },
    );
    await tx
      .update(gatewaySubmissions)
      .set({ status: "rejected", items, reviewedBy: actor.userId, reviewedAt: now, reviewNote: data.note || null })
      .where(eq(gatewaySubmissions.id, submission.id));
    await tx
      .update(apprentices)
      .set({ status: "in_training", version: sql`${apprentices.version} + 1`, updatedAt: now })
      .where(eq(apprentices.id, record.id));
    const rejected = items.filter((i) => i.decision === "rejected");
    await recordAudit(tx, actor, {
      action: "gateway.rejected",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Rejected gateway round ${submission.round}: ${rejected.map((i) => `${i.title} (${i.reason})`).join("; ")}`,
      before: { status: "gateway" },
      after: { status: "in_training", round: submission.round, rejected: rejected.map((i) => ({ item: i.code, reason: i.reason })) },
      organisationId: record.epaoId,
    });
    return { status: "rejected" as const };
  });
}

/** A gateway or evidence-request file, for anyone who may see the record (provider, its EPAO, the assigned assessor). */
export async function readEvidenceFile(actor: UserActor, fileId: string) {
  if (!isUuid(fileId)) throw new NotFoundError("File not found.");
  const file = await oneOrNotFound(
    db()
      .select({ fileName: evidenceFiles.fileName, contentType: evidenceFiles.contentType, storageKey: evidenceFiles.storageKey, sha256: evidenceFiles.sha256 })
      .from(evidenceFiles)
      .innerJoin(apprentices, eq(apprentices.id, evidenceFiles.apprenticeId))
      .where(and(eq(evidenceFiles.id, fileId), visibleTo(actor))),
    "File not found.",
  );
  return { fileName: file.fileName, contentType: file.contentType, bytes: await readStored(file) };
}

/** EPAO queue: gateways waiting for review, oldest first. */
export async function gatewaysToReview(actor: UserActor, limit = 100) {
  assertCan(actor, "assessment.manage");
  const provider = alias(organisations, "provider");
  const where = and(eq(gatewaySubmissions.status, "submitted"), eq(apprentices.epaoId, actor.organisationId));
  const [rows, [count]] = await Promise.all([
    db()
      .select({
        submissionId: gatewaySubmissions.id,
        apprenticeId: apprentices.id,
        name: sql<string>`${apprentices.givenNames} || ' ' || ${apprentices.familyName}`,
        uln: apprentices.uln,
        provider: provider.name,
        round: gatewaySubmissions.round,
        submittedAt: gatewaySubmissions.submittedAt,
      })
      .from(gatewaySubmissions)
      .innerJoin(apprentices, eq(apprentices.id, gatewaySubmissions.apprenticeId))
      .innerJoin(provider, eq(provider.id, apprentices.providerId))
      .where(where)
      .orderBy(asc(gatewaySubmissions.submittedAt))
      .limit(limit),
    db()
      .select({ n: sql<number>`count(*)::int` })
      .from(gatewaySubmissions)
      .innerJoin(apprentices, eq(apprentices.id, gatewaySubmissions.apprenticeId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/**
 * Provider reminders: records in training whose planned end date (the planned gateway) is within `withinDays`
 * (or past) and whose mandatory gateway evidence is incomplete, soonest first, with what is missing.
 */
export async function gatewayReminders(actor: UserActor, options: { withinDays?: number; today?: string; limit?: number } = {}) {
  assertCan(actor, "assessment.provide");
  const today = options.today ?? londonToday();
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (options.withinDays ?? 60) * 86_400_000).toISOString().slice(0, 10);
  const rows = await db()
    .select({
      id: apprentices.id,
      name: sql<string>`${apprentices.givenNames} || ' ' || ${apprentices.familyName}`,
      uln: apprentices.uln,
      plannedEndDate: apprentices.plannedEndDate,
      missing: sql<string[]>`array(
        select i.title from gateway_checklist_items i
        where i.standard_id = "apprentices"."standard_id" and i.mandatory
          and not exists (select 1 from evidence_files f where f.apprentice_id = "apprentices"."id" and f.checklist_item_id = i.id and f.removed_at is null)
        order by i.position)`,
    })
    .from(apprentices)
    .where(and(eq(apprentices.providerId, actor.organisationId), eq(apprentices.status, "in_training"), sql`${apprentices.plannedEndDate} <= ${horizon}`))
    .orderBy(asc(apprentices.plannedEndDate), asc(apprentices.id))
    .limit(options.limit ?? 200);
  return rows.filter((r) => r.missing.length > 0).map((r) => ({ ...r, overdue: r.plannedEndDate < today }));
}

/** Provider queue: records whose latest gateway round was rejected and that are back in training to be fixed. */
export async function gatewaysToFix(actor: UserActor, limit = 100) {
  assertCan(actor, "assessment.provide");
  return db()
    .select({
      apprenticeId: apprentices.id,
      name: sql<string>`${apprentices.givenNames} || ' ' || ${apprentices.familyName}`,
      uln: apprentices.uln,
      round: gatewaySubmissions.round,
      reviewedAt: gatewaySubmissions.reviewedAt,
    })
    .from(gatewaySubmissions)
    .innerJoin(apprentices, eq(apprentices.id, gatewaySubmissions.apprenticeId))
    .where(
      and(
        eq(apprentices.providerId, actor.organisationId),
        eq(apprentices.status, "in_training"),
        eq(gatewaySubmissions.status, "rejected"),
        sql`${gatewaySubmissions.round} = (select max(g.round) from gateway_submissions g where g.apprentice_id = ${gatewaySubmissions.apprenticeId})`,
      ),
    )
    .orderBy(asc(gatewaySubmissions.reviewedAt))
    .limit(limit);
}
