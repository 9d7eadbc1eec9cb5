import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { apprentices, evidenceFiles, evidenceRequests, organisations, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { visibleTo } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { parseInput } from "@/lib/validation";
import { storeUploads, type UploadInput } from "./files";
import { isUuid } from "@/lib/ids";
import { londonToday } from "@/lib/calendar/london";

/**
 * Evidence requests: an EPAO user asks the provider for more evidence by a due date; the provider answers with
 * files and a note; the EPAO closes the request when satisfied (or asks again with a new request).
 */

const isoDate = z.iso.date({ error: "Enter a real date" });

export const requestEvidenceSchema = z.object({
  apprenticeId: z.string(),
  message: z
    .string()
    .trim()
    .min(10, { error: "Say what evidence you need (at least 10 characters)" })
    .max(4000, { error: "Keep the request to 4,000 characters or fewer" }),
  dueDate: isoDate,
});

/** An EPAO user asks for more evidence on one of its records; the due date must be today or later. */
export async function requestEvidence(actor: UserActor, input: unknown, today = londonToday()) {
  assertCan(actor, "assessment.manage");
  const data = parseInput(requestEvidenceSchema, input);
  if (data.dueDate < today) throw new ValidationError({ dueDate: "The due date must be today or in the future" });
  if (!isUuid(data.apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  return db().transaction(async (tx) => {
    const record = await oneOrNotFound(
      tx
        .select()
        .from(apprentices)
        .where(and(eq(apprentices.id, data.apprenticeId), eq(apprentices.epaoId, actor.organisationId)))
        .for("update"),
      "Apprentice record not found.",
    );
    if (record.status === "withdrawn") throw new ValidationError({ form: "The apprentice has been withdrawn: evidence can no longer be requested." });
    const [created] = await tx
      .insert(evidenceRequests)
      .values({ apprenticeId: record.id, epaoId: actor.organisationId, message: data.message, dueDate: data.dueDate, requestedBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, {
      action: "evidence.requested",
      entityType: "apprentice",
      entityId: record.id,
      summary: `Requested evidence by ${formatDate(data.dueDate)}: ${data.message.slice(0, 200)}`,
      after: { dueDate: data.dueDate },
    });
    return created!;
  });
}

export const answerEvidenceSchema = z.object({
  requestId: z.string(),
  note: z.string().trim().max(4000, { error: "Keep the note to 4,000 characters or fewer" }).optional(),
});

/** The provider answers an open request with files (and a note); every file is checked before any is kept. */
export async function answerEvidenceRequest(actor: UserActor, input: { requestId: string; note?: string; files: UploadInput[] }) {
  assertCan(actor, "assessment.provide");
  const data = parseInput(answerEvidenceSchema, input);
  if (!isUuid(data.requestId)) throw new NotFoundError("Evidence request not found.");
  const load = async (tx: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => {
    const found = await oneOrNotFound(
      tx
        .select({ request: evidenceRequests, record: apprentices })
        .from(evidenceRequests)
        .innerJoin(apprentices, eq(apprentices.id, evidenceRequests.apprenticeId))
        .where(and(eq(evidenceRequests.id, data.requestId), eq(apprentices.providerId, actor.organisationId)))
        .for("update"),
      "Evidence request not found.",
    );
    if (found.request.status !== "open") throw new ValidationError({ file: `This request has already been ${found.request.status}.` });
    return found;
  };
  await db().transaction(load);
  return storeUploads("file", input.files, (stored) =>
    db().transaction(async (tx) => {
      const { request, record } = await load(tx);
      const rows = await tx
        .insert(evidenceFiles)
        .values(
          stored.map((s) => ({ ...s, apprenticeId: record.id, purpose: "evidence_request" as const, evidenceRequestId: request.id, uploadedBy: actor.userId })),
        )
        .returning({ id: evidenceFiles.id, fileName: evidenceFiles.fileName });
      const now = new Date();
      await tx
        .update(evidenceRequests)
        .set({ status: "answered", answerNote: data.note || null, answeredBy: actor.userId, answeredAt: now })
        .where(eq(evidenceRequests.id, request.id));
      await recordAudit(tx, actor, {
        action: "evidence.answered",
        entityType: "apprentice",
        entityId: record.id,
        summary: `Answered the evidence request with ${rows.map((r) => r.fileName).join(", ")}`,
        after: { files: rows.map((r) => r.fileName), note: data.note || null },
        organisationId: record.providerId,
      });
      return rows;
    }),
  );
}

/** The EPAO closes a request (answered or not: e.g. the evidence arrived another way). */
export async function closeEvidenceRequest(actor: UserActor, input: { requestId: string }) {
  assertCan(actor, "assessment.manage");
  if (!isUuid(input.requestId)) throw new NotFoundError("Evidence request not found.");
  return db().transaction(async (tx) => {
    const request = await oneOrNotFound(
      tx
        .select()
        .from(evidenceRequests)
        .where(and(eq(evidenceRequests.id, input.requestId), eq(evidenceRequests.epaoId, actor.organisationId)))
        .for("update"),
      "Evidence request not found.",
    );
    if (request.status === "closed") throw new ValidationError({ form: "This request is already closed." });
    await tx.update(evidenceRequests).set({ status: "closed", closedBy: actor.userId, closedAt: new Date() }).where(eq(evidenceRequests.id, request.id));
    await recordAudit(tx, actor, {
      action: "evidence.closed",
      entityType: "apprentice",
      entityId: request.apprenticeId,
      summary: "Closed the evidence request",
      before: { status: request.status },
      after: { status: "closed" },
    });
  });
}

/** A record's requests with their answer files, newest first, for anyone who may see the record. */
export async function evidenceRequestsFor(actor: UserActor, apprenticeId: string) {
  if (!isUuid(apprenticeId)) throw new NotFoundError("Apprentice record not found.");
  await oneOrNotFound(
    db()
      .select({ id: apprentices.id })
      .from(apprentices)
      .where(and(eq(apprentices.id, apprenticeId), visibleTo(actor))),
    "Apprentice record not found.",
  );
  const requester = alias(users, "requester");
  const answerer = alias(users, "answerer");
  const requests = await db()
    .select({
      id: evidenceRequests.id,
      message: evidenceRequests.message,
      dueDate: evidenceRequests.dueDate,
      status: evidenceRequests.status,
      requestedAt: evidenceRequests.requestedAt,
      requestedBy: requester.name,
      answerNote: evidenceRequests.answerNote,
      answeredAt: evidenceRequests.answeredAt,
      answeredBy: answerer.name,
    })
    .from(evidenceRequests)
    .leftJoin(requester, eq(requester.id, evidenceRequests.requestedBy))
    .leftJoin(answerer, eq(answerer.id, evidenceRequests.answeredBy))
    .where(eq(evidenceRequests.apprenticeId, apprenticeId))
    .orderBy(desc(evidenceRequests.requestedAt));
  const files =
    requests.length === 0
      ? []
      : await db()
          .select({ id: evidenceFiles.id, requestId: evidenceFiles.evidenceRequestId, fileName: evidenceFiles.fileName, size: evidenceFiles.size })
          .from(evidenceFiles)
          .where(
            and(
              inArray(
                evidenceFiles.evidenceRequestId,
                requests.map((r) => r.id),
              ),
              isNull(evidenceFiles.removedAt),
            ),
          )
          .orderBy(asc(evidenceFiles.uploadedAt));
  return requests.map((r) => ({ ...r, files: files.filter((f) => f.requestId === r.id) }));
}

/** Open requests across the organisation's records (EPAO: what it is waiting for; provider: what it must answer), due first. */
export async function openEvidenceRequests(actor: UserActor, limit = 100) {
  const provider = alias(organisations, "provider");
  const epao = alias(organisations, "epao");
  const scope = can(actor, "assessment.manage")
    ? eq(evidenceRequests.epaoId, actor.organisationId)
    : (assertCan(actor, "assessment.provide"), eq(apprentices.providerId, actor.organisationId));
  const where = and(scope, eq(evidenceRequests.status, "open"));
  const [rows, [count]] = await Promise.all([
    db()
      .select({
        id: evidenceRequests.id,
        apprenticeId: apprentices.id,
        name: sql<string>`${apprentices.givenNames} || ' ' || ${apprentices.familyName}`,
        uln: apprentices.uln,
        provider: provider.name,
        epao: epao.name,
        message: evidenceRequests.message,
        dueDate: evidenceRequests.dueDate,
      })
      .from(evidenceRequests)
      .innerJoin(apprentices, eq(apprentices.id, evidenceRequests.apprenticeId))
      .innerJoin(provider, eq(provider.id, apprentices.providerId))
      .innerJoin(epao, eq(epao.id, evidenceRequests.epaoId))
      .where(where)
      .orderBy(asc(evidenceRequests.dueDate), asc(evidenceRequests.id))
      .limit(limit),
    db()
      .select({ n: sql<number>`count(*)::int` })
      .from(evidenceRequests)
      .innerJoin(apprentices, eq(apprentices.id, evidenceRequests.apprenticeId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
