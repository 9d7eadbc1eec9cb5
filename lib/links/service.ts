import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { epaoStandards, organisations, providerLinks, providerLinkStandards, standards, users } from "@/db/schema";
import { type LinkStatus } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx, type Tx } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError, oneOrNotFound } from "@/lib/errors";
import type { StandardRef } from "@/lib/standards/service";
import { endLinkSchema, requestLinkSchema, respondToLinkSchema, type EndLinkInput, type RequestLinkInput, type RespondToLinkInput } from "./schema";
import { parseInput } from "@/lib/validation";

/** Which side of a link the actor is on. */
export type LinkSide = "provider" | "epao";

export type LinkSummary = {
  id: string;
  status: LinkStatus;
  version: number;
  /** The organisation on the other side: the EPAO for a provider, the provider for an EPAO. */
  other: { id: string; name: string; code: string };
  standards: StandardRef[];
  message: string | null;
  requestedAt: Date;
  requestedBy: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
  declineReason: string | null;
  endedAt: Date | null;
  endedBy: string | null;
};

export type EpaoForLinking = {
  id: string;
  name: string;
  code: string;
  standards: (StandardRef & { level: number })[];
  /** The provider's open link with this EPAO, if any (only one may be open at a time). */
  openLink: { id: string; status: "requested" | "active" } | null;
};

export type LinkedEpao = {
  epaoId: string;
  name: string;
  code: string;
  standards: { id: string; reference: string; title: string; versions: string[]; options: string[] }[];
};

export type LinkChange = { id: string; status: LinkStatus; version: number };

const OPEN_STATUSES = ["requested", "active"] as const;
const OPEN_LINK_KEY = "provider_links_open_key";
const DUPLICATE_MESSAGE = "You already have a link or a pending request with this EPAO";

const STATUS_ORDER = sql`case ${providerLinks.status} when 'requested' then 0 when 'active' then 1 else 2 end`;

/** The actor organisation's links, pending first, then active, then history (newest first within each). */
export async function listLinks(actor: UserActor): Promise<LinkSummary[]> {
  const side = linkSide(actor);
  const own = side === "provider" ? providerLinks.providerId : providerLinks.epaoId;
  const otherId = side === "provider" ? providerLinks.epaoId : providerLinks.providerId;
  const other = alias(organisations, "other_organisation");
  const requester = alias(users, "requester");
  const responder = alias(users, "responder");
  const ender = alias(users, "ender");
  const [rows, linkStandards] = await Promise.all([
    db()
      .select({
        id: providerLinks.id,
        status: providerLinks.status,
        version: providerLinks.version,
        otherId: other.id,
        otherName: other.name,
        otherCode: other.code,
        message: providerLinks.message,
        requestedAt: providerLinks.requestedAt,
        requestedBy: requester.name,
        respondedAt: providerLinks.respondedAt,
        respondedBy: responder.name,
        declineReason: providerLinks.declineReason,
        endedAt: providerLinks.endedAt,
        endedBy: ender.name,
      })
      .from(providerLinks)
      .innerJoin(other, eq(other.id, otherId))
      .leftJoin(requester, eq(requester.id, providerLinks.requestedBy))
      .leftJoin(responder, eq(responder.id, providerLinks.respondedBy))
      .leftJoin(ender, eq(ender.id, providerLinks.endedBy))
      .where(eq(own, actor.organisationId))
      .orderBy(STATUS_ORDER, desc(sql`coalesce(${providerLinks.endedAt}, ${providerLinks.respondedAt}, ${providerLinks.requestedAt})`), desc(providerLinks.id)),
    db()
      .select({ linkId: providerLinkStandards.linkId, id: standards.id, reference: standards.reference, title: standards.title })
      .from(providerLinkStandards)
      .innerJoin(providerLinks, eq(providerLinks.id, providerLinkStandards.linkId))
      .innerJoin(standards, eq(standards.id, providerLinkStandards.standardId))
      .where(eq(own, actor.organisationId))
      .orderBy(asc(standards.reference)),
  ]);
  return rows.map(({ otherId: id, otherName: name, otherCode: code, ...row }) => ({
    ...row,
    other: { id, name, code },
    standards: linkStandards.filter((s) => s.linkId === row.id).map(({ id: sid, reference, title }) => ({ id: sid, reference, title })),
  }));
}

/** Every EPAO with the standards it assesses, and the provider's open link with it (providers). */
export async function listEpaosForLinking(actor: UserActor): Promise<EpaoForLinking[]> {
  assertCan(actor, "links.provider");
  const [epaos, offered, open] = await Promise.all([
    db()
      .select({ id: organisations.id, name: organisations.name, code: organisations.code })
      .from(organisations)
      .where(eq(organisations.type, "epao"))
      .orderBy(asc(organisations.name)),
    db()
      .select({ epaoId: epaoStandards.epaoId, id: standards.id, reference: standards.reference, title: standards.title, level: standards.level })
      .from(epaoStandards)
      .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
      .orderBy(asc(standards.reference)),
    db()
      .select({ id: providerLinks.id, epaoId: providerLinks.epaoId, status: providerLinks.status })
      .from(providerLinks)
      .where(and(eq(providerLinks.providerId, actor.organisationId), inArray(providerLinks.status, OPEN_STATUSES))),
  ]);
  return epaos.map((e) => {
    const link = open.find((l) => l.epaoId === e.id);
    return {
      ...e,
      standards: offered.filter((s) => s.epaoId === e.id).map(({ id, reference, title, level }) => ({ id, reference, title, level })),
      openLink: link ? { id: link.id, status: link.status as "requested" | "active" } : null,
    };
  });
}

/** A provider asks an EPAO for a link covering some of the standards it assesses. */
export async function requestLink(actor: UserActor, input: RequestLinkInput): Promise<LinkChange> {
  assertCan(actor, "links.provider");
  const data = parseInput(requestLinkSchema, input);
  try {
    return await db().transaction(async (tx) => {
      const [epao] = await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.id, data.epaoId), eq(organisations.type, "epao")));
      if (!epao) throw new ValidationError({ epaoId: "Select an EPAO from the list" });
      const offered = await tx
        .select({ id: standards.id, reference: standards.reference })
        .from(epaoStandards)
        .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
        .where(and(eq(epaoStandards.epaoId, epao.id), inArray(epaoStandards.standardId, data.standardIds)))
        .orderBy(asc(standards.reference));
      if (offered.length !== data.standardIds.length) throw new ValidationError({ standardIds: `Select only standards that ${epao.name} assesses` });
      const [open] = await tx
        .select({ id: providerLinks.id })
        .from(providerLinks)
        .where(and(eq(providerLinks.providerId, actor.organisationId), eq(providerLinks.epaoId, epao.id), inArray(providerLinks.status, OPEN_STATUSES)));
      if (open) throw new ValidationError({ epaoId: DUPLICATE_MESSAGE });

      // A simultaneous request for the same pair fails here on provider_links_open_key (caught below).
      const [link] = await tx
        .insert(providerLinks)
        .values({ providerId: actor.organisationId, epaoId: epao.id, status: "requested", message: data.message || null, requestedBy: actor.userId })
        .returning({ id: providerLinks.id, status: providerLinks.status, version: providerLinks.version });
      await tx.insert(providerLinkStandards).values(offered.map((s) => ({ linkId: link!.id, standardId: s.id })));
      const references = offered.map((s) => s.reference).join(", ");
      await auditBothSides(
        tx,
        actor,
        { id: link!.id, providerId: actor.organisationId, epaoId: epao.id },
        {
          action: "link.requested",
          provider: `Requested a link with ${epao.name} for ${references}`,
          epao: `${actor.organisationName} requested a link for ${references}`,
          after: { status: "requested", standards: offered.map((s) => s.reference), message: data.message || null },
        },
      );
      return link!;
    });
  } catch (error) {
    if (isOpenLinkClash(error)) throw new ValidationError({ epaoId: DUPLICATE_MESSAGE });
    throw error;
  }
}

/** The EPAO accepts or declines a pending request (EPAO admins and staff). */
export async function respondToLink(actor: UserActor, input: RespondToLinkInput): Promise<LinkChange> {
  assertCan(actor, "links.epao");
  const data = parseInput(respondToLinkSchema, input);
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, actor, "epao", data.linkId, data.version);
    if (link.status !== "requested") throw new ConflictError("This request has already been answered. Reload the page to see the latest version.");
    const accepted = data.decision === "accept";
    const declineReason = accepted ? null : (data.declineReason ?? null);
    const [updated] = await tx
      .update(providerLinks)
      .set({
        status: accepted ? "active" : "declined",
        respondedBy: actor.userId,
        respondedAt: new Date(),
        declineReason,
        version: sql`${providerLinks.version} + 1`,
      })
      .where(eq(providerLinks.id, link.id))
      .returning({ id: providerLinks.id, status: providerLinks.status, version: providerLinks.version });
    const references = link.standards.join(", ");
    await auditBothSides(tx, actor, link, {
      action: accepted ? "link.accepted" : "link.declined",
      provider: accepted ? `${link.epaoName} accepted the link request for ${references}` : `${link.epaoName} declined the link request: ${declineReason}`,
      epao: accepted
        ? `Accepted the link request from ${link.providerName} for ${references}`
        : `Declined the link request from ${link.providerName}: ${declineReason}`,
      before: { status: "requested" },
      after: accepted ? { status: "active" } : { status: "declined", declineReason },
    });
    return updated!;
  });
}

/**
 * Ends a link from either side. A provider ending a pending request cancels it; an EPAO answers a pending
 * request with respondToLink instead. The link and its standards stay as history.
 */
export async function endLink(actor: UserActor, input: EndLinkInput): Promise<LinkChange> {
  const side = linkSide(actor);
  const data = parseInput(endLinkSchema, input);
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, actor, side, data.linkId, data.version);
    if (link.status === "declined" || link.status === "ended")
      throw new ConflictError("This link has already ended. Reload the page to see the latest version.");
    if (link.status === "requested" && side === "epao") throw new ConflictError("This request has not been accepted yet. Accept or decline it instead.");
    const cancelled = link.status === "requested";
    const [updated] = await tx
      .update(providerLinks)
      .set({ status: "ended", endedBy: actor.userId, endedAt: new Date(), version: sql`${providerLinks.version} + 1` })
      .where(eq(providerLinks.id, link.id))
      .returning({ id: providerLinks.id, status: providerLinks.status, version: providerLinks.version });
    await auditBothSides(tx, actor, link, {
      action: cancelled ? "link.cancelled" : "link.ended",
      provider: cancelled
        ? `Cancelled the link request to ${link.epaoName}`
        : side === "provider"
          ? `Ended the link with ${link.epaoName}`
          : `${link.epaoName} ended the link`,
      epao: cancelled
        ? `${link.providerName} cancelled their link request`
        : side === "epao"
          ? `Ended the link with ${link.providerName}`
          : `${link.providerName} ended the link`,
      before: { status: link.status },
      after: { status: "ended" },
    });
    return updated!;
  });
}

/** Whether the provider has an active link with the EPAO covering the standard (for apprentice records). */
export async function isLinked(tx: DbOrTx, providerId: string, epaoId: string, standardId: string): Promise<boolean> {
  if (![providerId, epaoId, standardId].every(isUuid)) return false;
  const [row] = await tx
    .select({ id: providerLinks.id })
    .from(providerLinks)
    .innerJoin(providerLinkStandards, eq(providerLinkStandards.linkId, providerLinks.id))
    .where(
      and(
        eq(providerLinks.providerId, providerId),
        eq(providerLinks.epaoId, epaoId),
        eq(providerLinks.status, "active"),
        eq(providerLinkStandards.standardId, standardId),
      ),
    )
    .limit(1)
    // Inside a transaction, the link cannot be ended until the caller's change commits.
    .for("share", { of: providerLinks });
  return Boolean(row);
}

/** The EPAOs the actor's provider has active links with, and the standards each link covers. */
export async function linkedEpaosForProvider(actor: UserActor): Promise<LinkedEpao[]> {
  assertCan(actor, "links.provider");
  const rows = await db()
    .select({
      epaoId: organisations.id,
      name: organisations.name,
      code: organisations.code,
      id: standards.id,
      reference: standards.reference,
      title: standards.title,
      versions: standards.versions,
      options: standards.options,
    })
    .from(providerLinks)
    .innerJoin(organisations, eq(organisations.id, providerLinks.epaoId))
    .innerJoin(providerLinkStandards, eq(providerLinkStandards.linkId, providerLinks.id))
    .innerJoin(standards, eq(standards.id, providerLinkStandards.standardId))
    .where(and(eq(providerLinks.providerId, actor.organisationId), eq(providerLinks.status, "active")))
    .orderBy(asc(organisations.name), asc(organisations.id), asc(standards.reference));
  const result: LinkedEpao[] = [];
  for (const { epaoId, name, code, ...standard } of rows) {
    let epao = result.at(-1);
    if (epao?.epaoId !== epaoId) {
      epao = { epaoId, name, code, standards: [] };
      result.push(epao);
    }
    epao.standards.push(standard);
  }
  return result;
}

/** The providers with an active link to the EPAO. */
export async function linkedProviderIdsForEpao(tx: DbOrTx, epaoId: string): Promise<string[]> {
  if (!isUuid(epaoId)) return [];
  const rows = await tx
    .selectDistinct({ providerId: providerLinks.providerId })
    .from(providerLinks)
    .where(and(eq(providerLinks.epaoId, epaoId), eq(providerLinks.status, "active")))
    .orderBy(providerLinks.providerId);
  return rows.map((r) => r.providerId);
}

function linkSide(actor: UserActor): LinkSide {
  if (can(actor, "links.provider")) return "provider";
  if (can(actor, "links.epao")) return "epao";
  throw new ForbiddenError();
}

type LockedLink = {
  id: string;
  providerId: string;
  epaoId: string;
  status: LinkStatus;
  providerName: string;
  epaoName: string;
  standards: string[];
};

/** Loads a link of the actor's organisation FOR UPDATE and checks the version the page was loaded at. */
async function lockLink(tx: Tx, actor: UserActor, side: LinkSide, linkId: string, version: number): Promise<LockedLink> {
  const own = side === "provider" ? providerLinks.providerId : providerLinks.epaoId;
  const link = await oneOrNotFound(
    tx
      .select({
        id: providerLinks.id,
        providerId: providerLinks.providerId,
        epaoId: providerLinks.epaoId,
        status: providerLinks.status,
        version: providerLinks.version,
      })
      .from(providerLinks)
      .where(and(eq(providerLinks.id, linkId), eq(own, actor.organisationId)))
      .for("update"),
    "Link not found.",
  );
  if (link.version !== version) throw new ConflictError();
  const [names, linkStandards] = await Promise.all([
    tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, [link.providerId, link.epaoId])),
    tx
      .select({ reference: standards.reference })
      .from(providerLinkStandards)
      .innerJoin(standards, eq(standards.id, providerLinkStandards.standardId))
      .where(eq(providerLinkStandards.linkId, link.id))
      .orderBy(asc(standards.reference)),
  ]);
  return {
    id: link.id,
    providerId: link.providerId,
    epaoId: link.epaoId,
    status: link.status,
    providerName: names.find((n) => n.id === link.providerId)?.name ?? "The training provider",
    epaoName: names.find((n) => n.id === link.epaoId)?.name ?? "The EPAO",
    standards: linkStandards.map((s) => s.reference),
  };
}

/** A link change appears in both organisations' activity logs, each worded from its own side. */
async function auditBothSides(
  tx: Tx,
  actor: UserActor,
  link: { id: string; providerId: string; epaoId: string },
  event: { action: string; provider: string; epao: string; before?: Record<string, unknown>; after?: Record<string, unknown> },
) {
  for (const [organisationId, summary] of [
    [link.providerId, event.provider],
    [link.epaoId, event.epao],
  ] as const) {
    await recordAudit(tx, actor, {
      action: event.action,
      entityType: "provider_link",
      entityId: link.id,
      summary,
      before: event.before ?? null,
      after: event.after ?? null,
      organisationId,
    });
  }
}

/** The unique index allowing one open link per provider and EPAO, hit by a simultaneous duplicate request. */
function isOpenLinkClash(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === "23505" && (pg.constraint_name ?? pg.constraint) === OPEN_LINK_KEY) return true;
  }
  return false;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
