import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { setEpaoStandards } from "@/lib/standards/service";
import { createOrganisation, createUser, setupStandard, setupWorld } from "@/tests/support/factories";
import { endLink, isLinked, linkedEpaosForProvider, linkedProviderIdsForEpao, listEpaosForLinking, listLinks, requestLink, respondToLink } from "./service";
import { fieldErrorsOf } from "@/tests/support/errors";

const s1 = setupStandard({ versions: ["1.0", "1.1"], options: ["Option A"] });
const s2 = setupStandard();
const notAssessed = setupStandard();
const outsiders = setupWorld();

/** A fresh EPAO assessing s1 and s2, and a fresh provider, each with its people. */
async function pair() {
  const [epao, provider] = await Promise.all([createOrganisation("epao"), createOrganisation("training_provider")]);
  const [epaoAdmin, epaoStaff, assessor, providerAdmin, providerUser] = await Promise.all([
    createUser(epao, "epao_admin", { name: "Erin Admin" }),
    createUser(epao, "epao_staff", { name: "Ed Staff" }),
    createUser(epao, "assessor"),
    createUser(provider, "provider_admin", { name: "Pat Provider" }),
    createUser(provider, "provider_user", { name: "Uma User" }),
  ]);
  await setEpaoStandards(epaoAdmin, { standardIds: [s1.id, s2.id] });
  return { epao, provider, epaoAdmin, epaoStaff, assessor, providerAdmin, providerUser };
}

const auditFor = (linkId: string) => db().select().from(auditEvents).where(eq(auditEvents.entityId, linkId)).orderBy(auditEvents.id);

describe("requestLink", () => {
  it("records a pending request that both sides list, audited in both activity logs", async () => {
    const p = await pair();
    const link = await requestLink(p.providerUser, { epaoId: p.epao.id, standardIds: [s2.id, s1.id], message: "  Hello  " });
    expect(link).toMatchObject({ status: "requested", version: 1 });

    const [providerView] = await listLinks(p.providerAdmin);
    expect(providerView).toMatchObject({
      id: link.id,
      status: "requested",
      version: 1,
      other: { id: p.epao.id, name: p.epao.name, code: p.epao.code },
      message: "Hello",
      requestedBy: "Uma User",
      respondedAt: null,
      endedAt: null,
    });
    expect(providerView!.standards.map((s) => s.reference)).toEqual([s1.reference, s2.reference].sort());
    const [epaoView] = await listLinks(p.epaoStaff);
    expect(epaoView).toMatchObject({ id: link.id, other: { id: p.provider.id, name: p.provider.name, code: p.provider.code } });

    const events = await auditFor(link.id);
    expect(events.map((e) => [e.organisationId, e.action])).toEqual([
      [p.provider.id, "link.requested"],
      [p.epao.id, "link.requested"],
    ]);
    expect(events[0]!.summary).toBe(`Requested a link with ${p.epao.name} for ${[s1.reference, s2.reference].sort().join(", ")}`);
    expect(events[1]!.summary).toContain(`${p.provider.name} requested a link`);
    expect(events.every((e) => e.actorUserId === p.providerUser.userId)).toBe(true);
  });

  it("reports every bad field", async () => {
    const p = await pair();
    expect(await fieldErrorsOf(requestLink(p.providerAdmin, { epaoId: "", standardIds: [] }))).toEqual({
      epaoId: "Select an EPAO",
      standardIds: "Select at least one standard",
    });
    expect(await fieldErrorsOf(requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id], message: "x".repeat(1001) }))).toEqual({
      message: "The message must be 1000 characters or fewer",
    });
  });

  it("refuses standards the EPAO does not assess and organisations that are not EPAOs", async () => {
    const p = await pair();
    expect(await fieldErrorsOf(requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id, notAssessed.id] }))).toEqual({
      standardIds: `Select only standards that ${p.epao.name} assesses`,
    });
    expect(await fieldErrorsOf(requestLink(p.providerAdmin, { epaoId: p.provider.id, standardIds: [s1.id] }))).toEqual({
      epaoId: "Select an EPAO from the list",
    });
    expect(await fieldErrorsOf(requestLink(p.providerAdmin, { epaoId: crypto.randomUUID(), standardIds: [s1.id] }))).toEqual({
      epaoId: "Select an EPAO from the list",
    });
    expect(await listLinks(p.providerAdmin)).toEqual([]);
  });

  it("allows one open link per provider and EPAO", async () => {
    const p = await pair();
    await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    expect(await fieldErrorsOf(requestLink(p.providerUser, { epaoId: p.epao.id, standardIds: [s2.id] }))).toEqual({
      epaoId: "You already have a link or a pending request with this EPAO",
    });
  });

  it("lets exactly one of two simultaneous requests win", async () => {
    const p = await pair();
    const results = await Promise.allSettled([
      requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] }),
      requestLink(p.providerUser, { epaoId: p.epao.id, standardIds: [s1.id, s2.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ValidationError);
    expect((rejected.reason as ValidationError).fieldErrors).toEqual({ epaoId: "You already have a link or a pending request with this EPAO" });
    expect(await listLinks(p.epaoAdmin)).toHaveLength(1);
  });

  it("is for training providers only", async () => {
    const p = await pair();
    for (const actor of [p.epaoAdmin, p.assessor, outsiders.actors.lead_provider_admin, outsiders.actors.platform_admin]) {
      await expect(requestLink(actor, { epaoId: p.epao.id, standardIds: [s1.id] })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("listEpaosForLinking", () => {
  it("lists every EPAO with the standards it assesses and the provider's open link with it", async () => {
    const p = await pair();
    const before = await listEpaosForLinking(p.providerUser);
    const mine = before.find((e) => e.id === p.epao.id);
    expect(mine).toMatchObject({ name: p.epao.name, code: p.epao.code, openLink: null });
    expect(mine!.standards.map((s) => s.id).sort()).toEqual([s1.id, s2.id].sort());
    expect(before.find((e) => e.id === outsiders.orgs.epao.id)).toMatchObject({ standards: [], openLink: null });
    expect(before.some((e) => e.id === p.provider.id)).toBe(false);

    const link = await requestLink(p.providerUser, { epaoId: p.epao.id, standardIds: [s1.id] });
    const after = await listEpaosForLinking(p.providerAdmin);
    expect(after.find((e) => e.id === p.epao.id)?.openLink).toEqual({ id: link.id, status: "requested" });
    // Another provider's request does not show.
    expect((await listEpaosForLinking(outsiders.actors.provider_admin)).find((e) => e.id === p.epao.id)?.openLink).toBeNull();
    await expect(listEpaosForLinking(p.epaoAdmin)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("respondToLink", () => {
  it("accepts a request, which then links the provider and EPAO for its standards only", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    expect(await isLinked(db(), p.provider.id, p.epao.id, s1.id)).toBe(false);

    const accepted = await respondToLink(p.epaoStaff, { linkId: requested.id, version: 1, decision: "accept", declineReason: "ignored" });
    expect(accepted).toEqual({ id: requested.id, status: "active", version: 2 });
    expect(await isLinked(db(), p.provider.id, p.epao.id, s1.id)).toBe(true);
    expect(await isLinked(db(), p.provider.id, p.epao.id, s2.id)).toBe(false);
    expect(await isLinked(db(), outsiders.orgs.training_provider.id, p.epao.id, s1.id)).toBe(false);
    expect(await isLinked(db(), p.provider.id, p.epao.id, "not-an-id")).toBe(false);
    await db().transaction(async (tx) => expect(await isLinked(tx, p.provider.id, p.epao.id, s1.id)).toBe(true));

    expect(await linkedProviderIdsForEpao(db(), p.epao.id)).toEqual([p.provider.id]);
    expect(await linkedEpaosForProvider(p.providerUser)).toEqual([
      {
        epaoId: p.epao.id,
        name: p.epao.name,
        code: p.epao.code,
        standards: [{ id: s1.id, reference: s1.reference, title: s1.title, versions: ["1.0", "1.1"], options: ["Option A"] }],
      },
    ]);

    const [view] = await listLinks(p.providerAdmin);
    expect(view).toMatchObject({ status: "active", respondedBy: "Ed Staff", declineReason: null });
    expect(view!.respondedAt).toBeInstanceOf(Date);
    const events = await auditFor(requested.id);
    expect(events.filter((e) => e.action === "link.accepted").map((e) => e.organisationId)).toEqual([p.provider.id, p.epao.id]);
    expect(events.find((e) => e.action === "link.accepted" && e.organisationId === p.provider.id)?.summary).toBe(
      `${p.epao.name} accepted the link request for ${s1.reference}`,
    );
  });

  it("declines only with a reason, which the provider sees; the provider may then ask again", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id, s2.id] });
    expect(await fieldErrorsOf(respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "decline", declineReason: "   " }))).toEqual({
      declineReason: "Enter the reason for declining the request",
    });
    expect(await fieldErrorsOf(respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "maybe" as "accept" }))).toEqual({
      decision: "Select whether to accept or decline the request",
    });
    const declined = await respondToLink(p.epaoAdmin, {
      linkId: requested.id,
      version: 1,
      decision: "decline",
      declineReason: "We are not taking on new providers",
    });
    expect(declined).toMatchObject({ status: "declined", version: 2 });
    const [view] = await listLinks(p.providerUser);
    expect(view).toMatchObject({ status: "declined", declineReason: "We are not taking on new providers", respondedBy: "Erin Admin" });
    expect(await isLinked(db(), p.provider.id, p.epao.id, s1.id)).toBe(false);
    const events = await auditFor(requested.id);
    expect(events.find((e) => e.action === "link.declined" && e.organisationId === p.provider.id)).toMatchObject({
      summary: `${p.epao.name} declined the link request: We are not taking on new providers`,
      after: { status: "declined", declineReason: "We are not taking on new providers" },
    });

    const again = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s2.id] });
    expect(again.id).not.toBe(requested.id);
    expect((await listLinks(p.epaoAdmin)).map((l) => l.status)).toEqual(["requested", "declined"]);
  });

  it("refuses a stale version and a request that was already answered", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    await respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "accept" });
    await expect(respondToLink(p.epaoStaff, { linkId: requested.id, version: 1, decision: "decline", declineReason: "No" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(respondToLink(p.epaoStaff, { linkId: requested.id, version: 2, decision: "accept" })).rejects.toBeInstanceOf(ConflictError);
    expect((await listLinks(p.epaoAdmin))[0]).toMatchObject({ status: "active", version: 2 });
  });

  it("lets exactly one of two simultaneous answers win", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    const results = await Promise.allSettled([
      respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "accept" }),
      respondToLink(p.epaoStaff, { linkId: requested.id, version: 1, decision: "decline", declineReason: "No capacity" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
  });

  it("is refused to other EPAOs (not found), providers and assessors", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    await expect(respondToLink(outsiders.actors.epao_admin, { linkId: requested.id, version: 1, decision: "accept" })).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [p.providerAdmin, p.assessor]) {
      await expect(respondToLink(actor, { linkId: requested.id, version: 1, decision: "accept" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await listLinks(p.epaoAdmin))[0]).toMatchObject({ status: "requested", version: 1 });
  });
});

describe("endLink", () => {
  it("lets the provider cancel a pending request", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    const ended = await endLink(p.providerUser, { linkId: requested.id, version: 1 });
    expect(ended).toEqual({ id: requested.id, status: "ended", version: 2 });
    expect((await listLinks(p.epaoAdmin))[0]).toMatchObject({ status: "ended", endedBy: "Uma User" });
    const events = await auditFor(requested.id);
    expect(events.filter((e) => e.action === "link.cancelled").map((e) => [e.organisationId, e.summary])).toEqual([
      [p.provider.id, `Cancelled the link request to ${p.epao.name}`],
      [p.epao.id, `${p.provider.name} cancelled their link request`],
    ]);
  });

  it("lets either side end an active link, which then no longer links them", async () => {
    for (const side of ["provider", "epao"] as const) {
      const p = await pair();
      const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
      await respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "accept" });
      const ended = await endLink(side === "provider" ? p.providerAdmin : p.epaoStaff, { linkId: requested.id, version: 2 });
      expect(ended).toMatchObject({ status: "ended", version: 3 });
      expect(await isLinked(db(), p.provider.id, p.epao.id, s1.id)).toBe(false);
      expect(await linkedEpaosForProvider(p.providerAdmin)).toEqual([]);
      expect(await linkedProviderIdsForEpao(db(), p.epao.id)).toEqual([]);
      const [view] = await listLinks(p.providerAdmin);
      expect(view).toMatchObject({ status: "ended", endedBy: side === "provider" ? "Pat Provider" : "Ed Staff", respondedBy: "Erin Admin" });
      expect(view!.endedAt).toBeInstanceOf(Date);
      const events = (await auditFor(requested.id)).filter((e) => e.action === "link.ended");
      expect(events.map((e) => e.organisationId)).toEqual([p.provider.id, p.epao.id]);
      expect(events[0]!.summary).toBe(side === "provider" ? `Ended the link with ${p.epao.name}` : `${p.epao.name} ended the link`);
      // The provider may link again once the old link has ended.
      await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s2.id] });
    }
  });

  it("refuses a stale version, an ended link, and an EPAO ending a request it has not answered", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    await expect(endLink(p.epaoAdmin, { linkId: requested.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "accept" });
    await expect(endLink(p.providerAdmin, { linkId: requested.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await endLink(p.providerAdmin, { linkId: requested.id, version: 2 });
    await expect(endLink(p.epaoAdmin, { linkId: requested.id, version: 3 })).rejects.toBeInstanceOf(ConflictError);
    expect(await fieldErrorsOf(endLink(p.providerAdmin, { linkId: "nope", version: 3 }))).toHaveProperty("linkId");
  });

  it("reports other organisations' links as not found", async () => {
    const p = await pair();
    const requested = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });
    await respondToLink(p.epaoAdmin, { linkId: requested.id, version: 1, decision: "accept" });
    await expect(endLink(outsiders.actors.provider_admin, { linkId: requested.id, version: 2 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(endLink(outsiders.actors.epao_staff, { linkId: requested.id, version: 2 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(endLink(p.assessor, { linkId: requested.id, version: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listLinks(p.providerAdmin))[0]).toMatchObject({ status: "active" });
  });
});

describe("listLinks", () => {
  it("shows each organisation only its own links, pending first", async () => {
    const p = await pair();
    const second = await createOrganisation("epao");
    const secondAdmin = await createUser(second, "epao_admin");
    await setEpaoStandards(secondAdmin, { standardIds: [s2.id] });
    const active = await requestLink(p.providerAdmin, { epaoId: second.id, standardIds: [s2.id] });
    await respondToLink(secondAdmin, { linkId: active.id, version: 1, decision: "accept" });
    const pending = await requestLink(p.providerAdmin, { epaoId: p.epao.id, standardIds: [s1.id] });

    expect((await listLinks(p.providerUser)).map((l) => [l.id, l.status])).toEqual([
      [pending.id, "requested"],
      [active.id, "active"],
    ]);
    expect((await listLinks(p.epaoAdmin)).map((l) => l.id)).toEqual([pending.id]);
    expect((await listLinks(secondAdmin)).map((l) => l.id)).toEqual([active.id]);
    expect(await listLinks(outsiders.actors.provider_user)).toEqual([]);
    expect(await listLinks(outsiders.actors.epao_admin)).toEqual([]);
    expect(await linkedEpaosForProvider(outsiders.actors.provider_admin)).toEqual([]);
    expect(await linkedProviderIdsForEpao(db(), outsiders.orgs.epao.id)).toEqual([]);
    expect(await linkedProviderIdsForEpao(db(), "not-an-id")).toEqual([]);
    for (const actor of [p.assessor, outsiders.actors.lead_provider_admin, outsiders.actors.platform_admin]) {
      await expect(listLinks(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(linkedEpaosForProvider(p.epaoAdmin)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
