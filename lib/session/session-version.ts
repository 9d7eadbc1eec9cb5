import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import { loadActor } from "./sign-in";

/**
 * Server-side end of sessions. Session tokens are JWTs (no server-side session table); each carries the user's
 * `session_version` at the time it was issued (the jwt callback in options.ts), and getActor() refuses a token whose
 * version is no longer the user's. Bumping the version therefore ends every session the user has, on every device.
 */

/**
 * Ends all of a user's sessions. With `issuedAt`, only if that is still the current version (so a token that is
 * already dead cannot be replayed to sign the user out of newer sessions). Returns the new version, or null when
 * nothing changed.
 */
export async function endSessions(tx: DbOrTx, userId: string, issuedAt?: number): Promise<number | null> {
  const [row] = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(issuedAt === undefined ? eq(users.id, userId) : and(eq(users.id, userId), eq(users.sessionVersion, issuedAt)))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/**
 * The sign-out button (next-auth's signout endpoint, events.signOut): ends the user's sessions everywhere, if the token
 * signing out is still a live session, and records it in the activity log.
 */
export async function signOutEverywhereFromToken(token: { sub?: unknown; sessionVersion?: unknown } | null | undefined): Promise<boolean> {
  const userId = typeof token?.sub === "string" ? token.sub : null;
  const issuedAt = typeof token?.sessionVersion === "number" ? token.sessionVersion : null;
  if (!userId || issuedAt === null) return false;
  const actor = await loadActor(userId, issuedAt);
  if (!actor) return false;
  return db().transaction(async (tx) => {
    const ended = await endSessions(tx, userId, issuedAt);
    if (ended === null) return false;
    await recordAudit(tx, actor, { action: "user.signed_out", entityType: "user", entityId: userId, summary: `${actor.name} signed out (all devices)` });
    return true;
  });
}
