import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiRateWindows, apiTokens, organisations, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { oneOrNotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { z } from "zod";

/** Keyed digest of a token (HMAC-SHA256, as DfE stores them): a leaked table cannot be replayed. */
function digest(token: string): string {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  const key = crypto.createHmac("sha256", secret).update("attain-api-tokens").digest();
  return crypto.createHmac("sha256", key).update(token).digest("hex");
}

export const newTokenSchema = z.object({
  description: z
    .string()
    .trim()
    .min(1, { error: "Enter what this token is for, like 'Student record system'" })
    .max(100, { error: "The description must be 100 characters or fewer" }),
});

export async function listApiTokens(actor: UserActor) {
  assertCan(actor, "apiTokens.manage");
  return db()
    .select({
      id: apiTokens.id,
      description: apiTokens.description,
      lastFour: apiTokens.lastFour,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdBy: users.name,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.leadProviderId, actor.organisationId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Creates a token for the admin's lead provider. The plain token is returned once and never stored. */
export async function createApiToken(actor: UserActor, input: unknown): Promise<{ id: string; token: string }> {
  assertCan(actor, "apiTokens.manage");
  const data = parseInput(newTokenSchema, input);
  const token = `attain_${crypto.randomBytes(32).toString("base64url")}`;
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        leadProviderId: actor.organisationId,
        description: data.description,
        digest: digest(token),
        lastFour: token.slice(-4),
        createdBy: actor.userId,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, {
      action: "api_token.created",
      entityType: "api_token",
      entityId: row!.id,
      summary: `Created the API token "${data.description}" (…${token.slice(-4)})`,
    });
    return { id: row!.id, token };
  });
}

export async function revokeApiToken(actor: UserActor, input: { tokenId: string }) {
  assertCan(actor, "apiTokens.manage");
  return db().transaction(async (tx) => {
    const row = await oneOrNotFound(
      tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.leadProviderId, actor.organisationId), isNull(apiTokens.revokedAt)))
        .returning(),
      "API token not found.",
    );
    await recordAudit(tx, actor, {
      action: "api_token.revoked",
      entityType: "api_token",
      entityId: row.id,
      summary: `Revoked the API token "${row.description}" (…${row.lastFour})`,
    });
  });
}

export type AuthenticatedToken = { id: string; leadProviderId: string; leadProviderName: string; lastFour: string };

/** The lead provider behind a bearer token, or null (unknown or revoked). Records when it was last used. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<AuthenticatedToken | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db()
    .select({
      id: apiTokens.id,
      leadProviderId: apiTokens.leadProviderId,
      leadProviderName: organisations.name,
      lastFour: apiTokens.lastFour,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.leadProviderId))
    .where(and(eq(apiTokens.digest, digest(token)), isNull(apiTokens.revokedAt), eq(organisations.type, "lead_provider")));
  if (!row) return null;
  // One write a minute at most, not one per request.
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < now.getTime() - 60_000) {
    await db()
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  }
  return { id: row.id, leadProviderId: row.leadProviderId, leadProviderName: row.leadProviderName, lastFour: row.lastFour };
}

export const RATE_WINDOW_SECONDS = 300;
export function rateLimit(): number {
  return Number(process.env.API_RATE_LIMIT ?? 1000);
}

/** Counts a request against the token's 5-minute window; returns the seconds to wait when over the limit, else null. */
export async function countApiRequest(tokenId: string, now = new Date()): Promise<number | null> {
  const windowStart = new Date(Math.floor(now.getTime() / (RATE_WINDOW_SECONDS * 1000)) * RATE_WINDOW_SECONDS * 1000);
  const [row] = await db()
    .insert(apiRateWindows)
    .values({ tokenId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [apiRateWindows.tokenId, apiRateWindows.windowStart], set: { count: sql`${apiRateWindows.count} + 1` } })
    .returning({ count: apiRateWindows.count });
  if ((row?.count ?? 0) <= rateLimit()) return null;
  return Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
}
