import "server-only";
import { and, asc, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { epaoStandards, organisations, providerLinks, providerLinkStandards, sharedDocuments, standards, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { readStored, storeUploads, type UploadInput } from "./files";
import { isUuid } from "@/lib/ids";

/**
 * Documents an EPAO shares per standard (assessment plans, guidance, mark schemes). EPAO users and its assessors see
 * all of the EPAO's documents; a training provider sees those for the standards of an active link with that EPAO.
 */

/** Which shared documents an actor may see (a SQL condition on shared_documents). */
function documentsVisibleTo(actor: UserActor): SQL {
  assertCan(actor, "documents.read");
  switch (actor.role) {
    case "epao_admin":
    case "epao_staff":
    case "assessor":
      return eq(sharedDocuments.epaoId, actor.organisationId);
    case "provider_admin":
    case "provider_user":
      return exists(
        db()
          .select({ one: sql`1` })
          .from(providerLinks)
          .innerJoin(providerLinkStandards, eq(providerLinkStandards.linkId, providerLinks.id))
          .where(
            and(
              eq(providerLinks.providerId, actor.organisationId),
              eq(providerLinks.epaoId, sharedDocuments.epaoId),
              eq(providerLinks.status, "active"),
              eq(providerLinkStandards.standardId, sharedDocuments.standardId),
            ),
          ),
      );
    default:
      throw new ForbiddenError();
  }
}

export const shareDocumentSchema = z.object({
  standardId: z.string({ error: "Choose the standard" }).min(1, { error: "Choose the standard" }),
  title: z.string().trim().min(3, { error: "Enter a title of at least 3 characters" }).max(200, { error: "Keep the title to 200 characters or fewer" }),
  description: z.string().trim().max(2000, { error: "Keep the description to 2,000 characters or fewer" }).optional(),
});

/** An EPAO user shares a document for one of the EPAO's standards. */
export async function shareDocument(actor: UserActor, input: { standardId: string; title: string; description?: string; files: UploadInput[] }) {
  assertCan(actor, "documents.share");
  const data = parseInput(shareDocumentSchema, input);
  const assesses = async (tx: Pick<ReturnType<typeof db>, "select">) =>
    isUuid(data.standardId) &&
    (
      await tx
        .select({ id: epaoStandards.standardId })
        .from(epaoStandards)
        .where(and(eq(epaoStandards.epaoId, actor.organisationId), eq(epaoStandards.standardId, data.standardId)))
    ).length > 0;
  if (!(await assesses(db()))) throw new ValidationError({ standardId: "Choose one of the standards you assess" });
  if (input.files.length !== 1) throw new ValidationError({ file: input.files.length === 0 ? "Select a file to upload" : "Share one file at a time" });
  return storeUploads("file", input.files, ([stored]) =>
    db().transaction(async (tx) => {
      const [standard] = await tx.select({ reference: standards.reference }).from(standards).where(eq(standards.id, data.standardId));
      const [created] = await tx
        .insert(sharedDocuments)
        .values({
          ...stored!,
          epaoId: actor.organisationId,
          standardId: data.standardId,
          title: data.title,
          description: data.description || null,
          uploadedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: "document.shared",
        entityType: "shared_document",
        entityId: created!.id,
        summary: `Shared "${data.title}" (${stored!.fileName}) for ${standard?.reference ?? "a standard"}`,
        after: { title: data.title, file: stored!.fileName, standard: standard?.reference },
      });
      return created!;
    }),
  );
}

/** An EPAO user stops sharing a document (the row is kept for the audit trail; the file is no longer served). */
export async function removeSharedDocument(actor: UserActor, input: { documentId: string }) {
  assertCan(actor, "documents.share");
  if (!isUuid(input.documentId)) throw new NotFoundError("Document not found.");
  return db().transaction(async (tx) => {
    const doc = await oneOrNotFound(
      tx
        .select()
        .from(sharedDocuments)
        .where(and(eq(sharedDocuments.id, input.documentId), eq(sharedDocuments.epaoId, actor.organisationId), isNull(sharedDocuments.removedAt)))
        .for("update"),
      "Document not found.",
    );
    await tx.update(sharedDocuments).set({ removedAt: new Date() }).where(eq(sharedDocuments.id, doc.id));
    await recordAudit(tx, actor, {
      action: "document.removed",
      entityType: "shared_document",
      entityId: doc.id,
      summary: `Stopped sharing "${doc.title}"`,
      before: { title: doc.title },
    });
  });
}

/** The documents an actor may see, by standard then title. */
export async function listSharedDocuments(actor: UserActor, options: { standardId?: string } = {}) {
  const where = and(
    documentsVisibleTo(actor),
    isNull(sharedDocuments.removedAt),
    options.standardId && isUuid(options.standardId) ? eq(sharedDocuments.standardId, options.standardId) : undefined,
  );
  return db()
    .select({
      id: sharedDocuments.id,
      title: sharedDocuments.title,
      description: sharedDocuments.description,
      fileName: sharedDocuments.fileName,
      size: sharedDocuments.size,
      uploadedAt: sharedDocuments.uploadedAt,
      uploadedBy: users.name,
      epao: organisations.name,
      standard: { id: standards.id, reference: standards.reference, title: standards.title },
    })
    .from(sharedDocuments)
    .innerJoin(standards, eq(standards.id, sharedDocuments.standardId))
    .innerJoin(organisations, eq(organisations.id, sharedDocuments.epaoId))
    .leftJoin(users, eq(users.id, sharedDocuments.uploadedBy))
    .where(where)
    .orderBy(asc(standards.reference), asc(sharedDocuments.title), asc(sharedDocuments.id));
}

/** A shared document's bytes, for whoever may see it; anyone else gets 404. */
export async function readSharedDocument(actor: UserActor, documentId: string) {
  if (!isUuid(documentId)) throw new NotFoundError("Document not found.");
  const doc = await oneOrNotFound(
    db()
      .select({
        fileName: sharedDocuments.fileName,
        contentType: sharedDocuments.contentType,
        storageKey: sharedDocuments.storageKey,
        sha256: sharedDocuments.sha256,
      })
      .from(sharedDocuments)
      .where(and(eq(sharedDocuments.id, documentId), isNull(sharedDocuments.removedAt), documentsVisibleTo(actor))),
    "Document not found.",
  );
  return { fileName: doc.fileName, contentType: doc.contentType, bytes: await readStored(doc) };
}
