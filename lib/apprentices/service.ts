import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { apprentices, auditEvents, epaoChanges, organisations, standards, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { visibleTo } from "@/lib/auth/scope";
import { diff, recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx, isUniqueViolation } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import { isLinked } from "@/lib/links/service";
import { allowedChanges, standardChoiceErrors, STATUS_LABELS } from "./rules";
import { assignSchema, breakSchema, changeEpaoSchema, editApprenticeSchema, newApprenticeSchema, resumeSchema, withdrawSchema } from "./schema";
import { parseInput } from "@/lib/validation";
import { isUuid } from "@/lib/ids";
import type { Apprentice } from "@/db/schema";
export type { Apprentice };

/** Parses with a zod schema, turning issues into field errors keyed by the first path segment. */

const DUPLICATE_ULN = "This apprentice already has an active record on this standard";

async function loadStandard(tx: DbOrTx, standardId: string) {
  const [standard] = await tx.select().from(standards).where(eq(standards.id, standardId));
  return standard ?? null;
}

function summaryName(r: { givenNames: string; familyName: string; uln: string }) {
  return `${r.givenNames} ${r.familyName} (ULN ${r.uln})`;
}

/** A provider creates a record for a linked EPAO and standard. */
export async function createApprentice(actor: UserActor, input: unknown): Promise<Apprentice> {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(newApprenticeSchema, input);
  return db().transaction(async (tx) => {
    const standard = await loadStandard(tx, data.standardId);
    if (!standard) throw new ValidationError({ standardId: "Select a standard" });
    const errors = standardChoiceErrors(standard, data.standardVersion, data.standardOption);
    const [epao] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, data.epaoId), eq(organisations.type, "epao")));
    if (!epao) errors.epaoId = "Select an EPAO";
    else if (!(await isLinked(tx, actor.organisationId, epao.id, standard.id))) {
      errors.epaoId = `You are not linked with ${epao.name} for ${standard.reference}. Request a link first.`;
    }
    const [duplicate] = await tx
      .select({ id: apprentices.id })
      .from(apprentices)
      .where(and(eq(apprentices.uln, data.uln), eq(apprentices.standardId, standard.id), ne(apprentices.status, "withdrawn")));
    if (duplicate) errors.uln = DUPLICATE_ULN;
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const { standardId, epaoId, ...details } = data;
    let created: Apprentice;
    try {
      [created] = (await tx
        .insert(apprentices)
        .values({ ...details, standardId, epaoId, providerId: actor.organisationId, createdBy: actor.userId })
        .returning()) as [Apprentice];
    } catch (error) {
      if (isUniqueViolation(error, "apprentices_active_uln_standard_key")) throw new ValidationError({ uln: DUPLICATE_ULN });
      throw error;
    }
    await recordAudit(tx, actor, {
      action: "apprentice.created",
      entityType: "apprentice",
      entityId: created.id,
      summary: `Created the record for ${summaryName(created)} on ${standard.reference} ${standard.title}, EPAO ${epao!.name}`,
      after: {
        standard: standard.reference,
        version: created.standardVersion,
        epao: epao!.code,
        startDate: created.startDate,
        plannedEndDate: created.plannedEndDate,
      },
    });
    return created;
  });
}

/** Locks a record the actor may see and checks the version the form was loaded at. */
async function lockVisible(tx: Tx, actor: UserActor, id: string, version?: number): Promise<Apprentice> {
  const row = await oneOrNotFound(
    tx
      .select()
      .from(apprentices)
      .where(and(eq(apprentices.id, id), visibleTo(actor)))
      .for("update"),
    "Apprentice record not found.",
  );
  if (version !== undefined && row.version !== version) throw new ConflictError();
  return row;
}

function refuseUnless(allowed: boolean, message: string) {
  if (!allowed) throw new ValidationError({ form: message }, message);
}

const EDITABLE_FIELDS = [
  "uln",
  "givenNames",
  "familyName",
  "dateOfBirth",
  "email",
  "employerName",
  "employerContactName",
  "employerContactEmail",
  "employerAddressLine1",
  "employerAddressLine2",
  "employerTown",
  "employerPostcode",
  "standardVersion",
  "standardOption",
  "startDate",
  "plannedEndDate",
] as const;

/** A provider edits a record's details; a stale form is refused (ConflictError). Withdrawn records are read-only. */
export async function updateApprentice(actor: UserActor, input: unknown): Promise<Apprentice> {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(editApprenticeSchema, input);
  return db().transaction(async (tx) => {
    const before = await lockVisible(tx, actor, data.id, data.version);
    refuseUnless(allowedChanges(before.status).edit, "This record is withdrawn and can no longer be changed.");
    const standard = (await loadStandard(tx, before.standardId))!;
    const errors = standardChoiceErrors(standard, data.standardVersion, data.standardOption);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const next = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, data[f]])) as Pick<Apprentice, (typeof EDITABLE_FIELDS)[number]>;
    const changes = diff(before as unknown as Record<string, unknown>, next);
    if (!changes.changed) return before;
    let updated: Apprentice;
    try {
      [updated] = (await tx
        .update(apprentices)
        .set({ ...next, version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
        .where(eq(apprentices.id, before.id))
        .returning()) as [Apprentice];
    } catch (error) {
      if (isUniqueViolation(error, "apprentices_active_uln_standard_key")) throw new ValidationError({ uln: DUPLICATE_ULN });
      throw error;
    }
    await recordAudit(tx, actor, {
      action: "apprentice.updated",
      entityType: "apprentice",
      entityId: before.id,
      summary: `Changed ${Object.keys(changes.after).join(", ")} for ${summaryName(updated)}`,
      before: changes.before,
      after: changes.after,
    });
    return updated;
  });
}

export async function startBreak(actor: UserActor, input: unknown) {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(breakSchema, input);
  return db().transaction(async (tx) => {
    const before = await lockVisible(tx, actor, data.id, data.version);
    refuseUnless(allowedChanges(before.status).startBreak, `A record that is ${STATUS_LABELS[before.status].toLowerCase()} cannot go on a break in learning.`);
    if (data.breakStartDate < before.startDate) throw new ValidationError({ breakStartDate: "The break cannot start before the apprenticeship start date" });
    const [updated] = (await tx
      .update(apprentices)
      .set({
        status: "on_break",
        statusBeforeBreak: before.status,
        breakStartDate: data.breakStartDate,
        breakExpectedReturnDate: data.breakExpectedReturnDate,
        version: sql`${apprentices.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(apprentices.id, data.id))
      .returning()) as [Apprentice];
    await recordAudit(tx, actor, {
      action: "apprentice.break_started",
      entityType: "apprentice",
      entityId: data.id,
      summary: `Break in learning for ${summaryName(before)} from ${data.breakStartDate}, expected back ${data.breakExpectedReturnDate}`,
      before: { status: before.status },
      after: { status: "on_break", breakStartDate: data.breakStartDate, breakExpectedReturnDate: data.breakExpectedReturnDate },
    });
    return updated;
  });
}

export async function resumeFromBreak(actor: UserActor, input: unknown) {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(resumeSchema, input);
  return db().transaction(async (tx) => {
    const before = await lockVisible(tx, actor, data.id, data.version);
    refuseUnless(allowedChanges(before.status).resume, "This record is not on a break in learning.");
    const status = before.statusBeforeBreak ?? "in_training";
    const [updated] = (await tx
      .update(apprentices)
      .set({
        status,
        statusBeforeBreak: null,
        breakStartDate: null,
        breakExpectedReturnDate: null,
        version: sql`${apprentices.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(apprentices.id, data.id))
      .returning()) as [Apprentice];
    await recordAudit(tx, actor, {
      action: "apprentice.break_ended",
      entityType: "apprentice",
      entityId: data.id,
      summary: `${summaryName(before)} returned from a break in learning (started ${before.breakStartDate})`,
      before: { status: before.status, breakStartDate: before.breakStartDate },
      after: { status },
    });
    return updated;
  });
}

export async function withdrawApprentice(actor: UserActor, input: unknown) {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(withdrawSchema, input);
  return db().transaction(async (tx) => {
    const before = await lockVisible(tx, actor, data.id, data.version);
    refuseUnless(allowedChanges(before.status).withdraw, `A record that is ${STATUS_LABELS[before.status].toLowerCase()} cannot be withdrawn.`);
    if (data.withdrawnDate < before.startDate)
      throw new ValidationError({ withdrawnDate: "The withdrawal date cannot be before the apprenticeship start date" });
    const reason = data.details ? `${data.withdrawalReason}: ${data.details}` : data.withdrawalReason;
    const [updated] = (await tx
      .update(apprentices)
      .set({
        status: "withdrawn",
        withdrawnDate: data.withdrawnDate,
        withdrawalReason: reason,
        statusBeforeBreak: null,
        version: sql`${apprentices.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(apprentices.id, data.id))
      .returning()) as [Apprentice];
    // A pending change of EPAO can no longer happen.
    await tx
      .update(epaoChanges)
      .set({ status: "cancelled", respondedAt: new Date() })
      .where(and(eq(epaoChanges.apprenticeId, data.id), eq(epaoChanges.status, "requested")));
    await recordAudit(tx, actor, {
      action: "apprentice.withdrawn",
      entityType: "apprentice",
      entityId: data.id,
      summary: `Withdrew ${summaryName(before)} on ${data.withdrawnDate}: ${reason}`,
      before: { status: before.status },
      after: { status: "withdrawn", withdrawnDate: data.withdrawnDate, withdrawalReason: reason },
    });
    return updated;
  });
}

/** A provider asks to move a record to another linked EPAO; the new EPAO must accept. */
export async function requestEpaoChange(actor: UserActor, input: unknown) {
  assertCan(actor, "apprentices.manage");
  const data = parseInput(changeEpaoSchema, input);
  return db().transaction(async (tx) => {
    const row = await lockVisible(tx, actor, data.id, data.version);
    refuseUnless(allowedChanges(row.status).changeEpao, `A record that is ${STATUS_LABELS[row.status].toLowerCase()} cannot change EPAO.`);
    if (data.toEpaoId === row.epaoId) throw new ValidationError({ toEpaoId: "Select a different EPAO from the current one" });
    const [to] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, data.toEpaoId), eq(organisations.type, "epao")));
    if (!to) throw new ValidationError({ toEpaoId: "Select the new EPAO" });
    if (!(await isLinked(tx, row.providerId, to.id, row.standardId))) {
      throw new ValidationError({ toEpaoId: `You are not linked with ${to.name} for this standard. Request a link first.` });
    }
    const [open] = await tx
      .select({ id: epaoChanges.id })
      .from(epaoChanges)
      .where(and(eq(epaoChanges.apprenticeId, row.id), eq(epaoChanges.status, "requested")));
    if (open) throw new ValidationError({ toEpaoId: "A change of EPAO is already waiting for a decision" });
    const [change] = await tx
      .insert(epaoChanges)
      .values({ apprenticeId: row.id, fromEpaoId: row.epaoId, toEpaoId: to.id, reason: data.reason, requestedBy: actor.userId })
      .returning();
    await tx
      .update(apprentices)
      .set({ version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(eq(apprentices.id, row.id));
    await recordAudit(tx, actor, {
      action: "apprentice.epao_change_requested",
      entityType: "apprentice",
      entityId: row.id,
      summary: `Asked to move ${summaryName(row)} to ${to.name}: ${data.reason}`,
      after: { toEpao: to.code },
    });
    return change!;
  });
}

/** The receiving EPAO accepts or declines a change; on accept the record moves and the old EPAO loses access. */
export async function respondToEpaoChange(actor: UserActor, input: { changeId: string; decision: "accept" | "decline"; declineReason?: string }) {
  assertCan(actor, "apprentices.assign");
  if (input.decision === "decline" && !input.declineReason?.trim()) throw new ValidationError({ declineReason: "Enter the reason for declining" });
  return db().transaction(async (tx) => {
    const change = await oneOrNotFound(
      tx
        .select()
        .from(epaoChanges)
        .where(and(eq(epaoChanges.id, input.changeId), eq(epaoChanges.toEpaoId, actor.organisationId)))
        .for("update"),
      "Change request not found.",
    );
    if (change.status !== "requested") throw new ConflictError("This request has already been answered.");
    const row = await oneOrNotFound(tx.select().from(apprentices).where(eq(apprentices.id, change.apprenticeId)).for("update"));
    await tx
      .update(epaoChanges)
      .set({
        status: input.decision === "accept" ? "accepted" : "declined",
        respondedBy: actor.userId,
        respondedAt: new Date(),
        declineReason: input.declineReason?.trim() || null,
      })
      .where(eq(epaoChanges.id, change.id));
    if (input.decision === "accept") {
      await tx
        .update(apprentices)
        .set({ epaoId: change.toEpaoId, assessorId: null, version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
        .where(eq(apprentices.id, row.id));
    }
    await recordAudit(tx, actor, {
      action: input.decision === "accept" ? "apprentice.epao_changed" : "apprentice.epao_change_declined",
      entityType: "apprentice",
      entityId: row.id,
      summary:
        input.decision === "accept"
          ? `${actor.organisationName} accepted ${summaryName(row)} as their new EPAO`
          : `${actor.organisationName} declined to take ${summaryName(row)}: ${input.declineReason}`,
      before: { epaoId: row.epaoId },
      after: { epaoId: input.decision === "accept" ? change.toEpaoId : row.epaoId },
    });
  });
}

/** The provider withdraws its pending change request. */
export async function cancelEpaoChange(actor: UserActor, input: { changeId: string }) {
  assertCan(actor, "apprentices.manage");
  return db().transaction(async (tx) => {
    const change = await oneOrNotFound(
      tx
        .select({ change: epaoChanges, providerId: apprentices.providerId })
        .from(epaoChanges)
        .innerJoin(apprentices, eq(apprentices.id, epaoChanges.apprenticeId))
        .where(and(eq(epaoChanges.id, input.changeId), eq(apprentices.providerId, actor.organisationId)))
        .for("update"),
      "Change request not found.",
    );
    if (change.change.status !== "requested") throw new ConflictError("This request has already been answered.");
    await tx.update(epaoChanges).set({ status: "cancelled", respondedBy: actor.userId, respondedAt: new Date() }).where(eq(epaoChanges.id, change.change.id));
    await recordAudit(tx, actor, {
      action: "apprentice.epao_change_cancelled",
      entityType: "apprentice",
      entityId: change.change.apprenticeId,
      summary: "Cancelled the request to change EPAO",
    });
  });
}

/** Change-of-EPAO requests waiting for the actor's EPAO to decide. */
export async function listIncomingEpaoChanges(actor: UserActor) {
  assertCan(actor, "apprentices.assign");
  const from = alias(organisations, "from_epao");
  return db()
    .select({
      id: epaoChanges.id,
      reason: epaoChanges.reason,
      requestedAt: epaoChanges.requestedAt,
      apprenticeId: apprentices.id,
      givenNames: apprentices.givenNames,
      familyName: apprentices.familyName,
      uln: apprentices.uln,
      standardReference: standards.reference,
      standardTitle: standards.title,
      providerName: organisations.name,
      fromEpaoName: from.name,
    })
    .from(epaoChanges)
    .innerJoin(apprentices, eq(apprentices.id, epaoChanges.apprenticeId))
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .innerJoin(organisations, eq(organisations.id, apprentices.providerId))
    .innerJoin(from, eq(from.id, epaoChanges.fromEpaoId))
    .where(and(eq(epaoChanges.toEpaoId, actor.organisationId), eq(epaoChanges.status, "requested")))
    .orderBy(asc(epaoChanges.requestedAt));
}

/** EPAO users assign (or unassign, assessorId null) records to one of their assessors, one or many at once. */
export async function assignApprentices(actor: UserActor, input: unknown): Promise<{ assigned: number }> {
  assertCan(actor, "apprentices.assign");
  const data = parseInput(assignSchema, input);
  return db().transaction(async (tx) => {
    let assessorName = "nobody";
    if (data.assessorId) {
      const [assessor] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, data.assessorId), eq(users.organisationId, actor.organisationId), eq(users.role, "assessor")));
      if (!assessor || assessor.disabledAt) throw new ValidationError({ assessorId: "Select an active assessor from your organisation" });
      assessorName = assessor.name;
    }
    const ids = [...new Set(data.apprenticeIds)];
    const rows = await tx
      .select({
        id: apprentices.id,
        status: apprentices.status,
        givenNames: apprentices.givenNames,
        familyName: apprentices.familyName,
        uln: apprentices.uln,
        assessorId: apprentices.assessorId,
      })
      .from(apprentices)
      .where(and(inArray(apprentices.id, ids), visibleTo(actor)))
      .for("update");
    if (rows.length !== ids.length) throw new NotFoundError("One or more records were not found.");
    const withdrawn = rows.filter((r) => !allowedChanges(r.status).assign);
    if (withdrawn.length > 0) throw new ValidationError({ apprenticeIds: `${withdrawn.length} of the selected records are withdrawn and cannot be assigned` });
    const changing = rows.filter((r) => r.assessorId !== data.assessorId);
    if (changing.length === 0) return { assigned: 0 };
    await tx
      .update(apprentices)
      .set({ assessorId: data.assessorId, version: sql`${apprentices.version} + 1`, updatedAt: new Date() })
      .where(
        inArray(
          apprentices.id,
          changing.map((r) => r.id),
        ),
      );
    await recordAuditMany(
      tx,
      actor,
      changing.map((r) => ({
        action: data.assessorId ? "apprentice.assigned" : "apprentice.unassigned",
        entityType: "apprentice",
        entityId: r.id,
        summary: data.assessorId ? `Assigned ${summaryName(r)} to ${assessorName}` : `Removed the assessor from ${summaryName(r)}`,
        before: { assessorId: r.assessorId },
        after: { assessorId: data.assessorId },
      })),
    );
    return { assigned: changing.length };
  });
}

export type ApprenticeDetail = Awaited<ReturnType<typeof getApprentice>>;

/** One record with its standard, organisations, assessor, pending change of EPAO and change history. */
export async function getApprentice(actor: UserActor, id: string) {
  if (!isUuid(id)) throw new NotFoundError("Apprentice record not found.");
  const provider = alias(organisations, "provider");
  const epao = alias(organisations, "epao");
  const row = await oneOrNotFound(
    db()
      .select({
        record: apprentices,
        standard: {
          id: standards.id,
          reference: standards.reference,
          title: standards.title,
          level: standards.level,
          larsCode: standards.larsCode,
          versions: standards.versions,
          options: standards.options,
        },
        provider: { id: provider.id, name: provider.name, code: provider.code },
        epao: { id: epao.id, name: epao.name, code: epao.code },
        assessor: { id: users.id, name: users.name },
      })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .innerJoin(provider, eq(provider.id, apprentices.providerId))
      .innerJoin(epao, eq(epao.id, apprentices.epaoId))
      .leftJoin(users, eq(users.id, apprentices.assessorId))
      .where(and(eq(apprentices.id, id), visibleTo(actor))),
    "Apprentice record not found.",
  );
  const to = alias(organisations, "to_epao");
  const from = alias(organisations, "from_epao");
  const changes = await db()
    .select({
      id: epaoChanges.id,
      status: epaoChanges.status,
      reason: epaoChanges.reason,
      requestedAt: epaoChanges.requestedAt,
      respondedAt: epaoChanges.respondedAt,
      declineReason: epaoChanges.declineReason,
      toName: to.name,
      fromName: from.name,
      toEpaoId: epaoChanges.toEpaoId,
    })
    .from(epaoChanges)
    .innerJoin(to, eq(to.id, epaoChanges.toEpaoId))
    .innerJoin(from, eq(from.id, epaoChanges.fromEpaoId))
    .where(eq(epaoChanges.apprenticeId, id))
    .orderBy(desc(epaoChanges.requestedAt));
  return {
    ...row,
    assessor: row.assessor?.id ? row.assessor : null,
    epaoChanges: changes,
    pendingEpaoChange: changes.find((c) => c.status === "requested") ?? null,
  };
}

/** Every event on a record (who, what, when), newest first, for anyone who may see the record. */
export async function apprenticeTimeline(actor: UserActor, id: string) {
  await getApprentice(actor, id);
  return db()
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      summary: auditEvents.summary,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "apprentice"), eq(auditEvents.entityId, id)))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id));
}

export { DUPLICATE_ULN, parseInput };
