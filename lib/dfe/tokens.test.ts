import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

let admin: UserActor, user: UserActor, otherAdmin: UserActor, epaoAdmin: UserActor;
beforeAll(async () => {
  const [lp, other, epao] = await Promise.all([createOrganisation("lead_provider"), createOrganisation("lead_provider"), createOrganisation("epao")]);
  admin = await createUser(lp, "lead_provider_admin");
  user = await createUser(lp, "lead_provider_user");
  otherAdmin = await createUser(other, "lead_provider_admin");
  epaoAdmin = await createUser(epao, "epao_admin");
});

describe("API tokens", () => {
  it("shows the token once, stores only a keyed digest, and authenticates it", async () => {
    const { id, token } = await createApiToken(admin, { description: "SRS live" });
    expect(token).toMatch(/^attain_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.lastFour).toBe(token.slice(-4));
    const authenticated = await authenticateApiToken(token);
    expect(authenticated).toMatchObject({ id, leadProviderId: admin.organisationId });
    expect(await authenticateApiToken(`${token}x`)).toBeNull();
    expect(await authenticateApiToken("")).toBeNull();
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(event!.summary).not.toContain(token);
  });

  it("a revoked token no longer authenticates; another lead provider cannot see or revoke it", async () => {
    const { id, token } = await createApiToken(admin, { description: "Old integration" });
    expect((await listApiTokens(otherAdmin)).map((t) => t.id)).not.toContain(id);
    await expect(revokeApiToken(otherAdmin, { tokenId: id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await authenticateApiToken(token)).not.toBeNull();
    await revokeApiToken(admin, { tokenId: id });
    expect(await authenticateApiToken(token)).toBeNull();
    await expect(revokeApiToken(admin, { tokenId: id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listApiTokens(admin)).find((t) => t.id === id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("only lead provider admins manage tokens, with a description", async () => {
    await expect(createApiToken(user, { description: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createApiToken(epaoAdmin, { description: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listApiTokens(user)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createApiToken(admin, { description: " " })).rejects.toBeInstanceOf(ValidationError);
  });
});
