import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { organisations, signInAttempts, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { UNKNOWN_IP, ipLimitKey } from "@/lib/http/client-ip";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import type { UserActor } from "@/lib/auth/actor";

/** Failed attempts allowed in the window, per account and per IP address. */
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMinutes: 15 } as const;

export const SIGN_IN_MESSAGES = {
  invalid: "Enter a correct email address and password.",
  throttled: `Too many failed sign-in attempts. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again.`,
  disabled: "Your account has been disabled. Contact your organisation's administrator.",
} as const;

export class SignInError extends Error {
  constructor(readonly reason: keyof typeof SIGN_IN_MESSAGES) {
    super(SIGN_IN_MESSAGES[reason]);
    this.name = "SignInError";
  }
}

async function isThrottled(email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  // Failures since the later of the window start and the account's last successful sign-in.
  const [lastSuccess] = await db()
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, true), gt(signInAttempts.attemptedAt, since)))
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(1);
  const accountSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
  const [counts] = await db()
    .select({
      account: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email} and ${signInAttempts.attemptedAt} > ${accountSince.toISOString()}::timestamptz)::int`,
      ip: sql<number>`count(*) filter (where ${signInAttempts.ip} = ${ip})::int`,
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.attemptedAt, since),
        sql`(${signInAttempts.email} = ${email} or ${signInAttempts.ip} = ${ip})`,
      ),
    );
  return (counts?.account ?? 0) >= SIGN_IN_LIMITS.perAccount || (counts?.ip ?? 0) >= SIGN_IN_LIMITS.perIp;
}

/** A successful sign-in: the actor, and the session version the new session token is issued at. */
export type SignedIn = UserActor & { sessionVersion: number };

/**
 * Checks an email and password. Throws SignInError with the message to show.
 * Rate limited per account and per IP address (IPv6 per /64, see ipLimitKey); every attempt is recorded.
 * `ip` is the client's address from clientIp() (lib/http/client-ip.ts), never a header the client chose.
 */
export async function verifySignIn(rawEmail: string, password: string, ip: string, now = new Date()): Promise<SignedIn> {
  const email = rawEmail.trim().toLowerCase().slice(0, 320);
  const ipKey = ipLimitKey(ip).slice(0, 64) || UNKNOWN_IP;
  if (await isThrottled(email, ipKey, now)) {
    await db().insert(signInAttempts).values({ email, ip: ipKey, succeeded: false, attemptedAt: now });
    throw new SignInError("throttled");
  }
  const [row] = await db()
    .select({ ...ACTOR_COLUMNS, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sql`lower(${users.email})`, email));
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) {
    await db().insert(signInAttempts).values({ email, ip: ipKey, succeeded: false, attemptedAt: now });
    throw new SignInError("invalid");
  }
  if (row.disabledAt) {
    await db().insert(signInAttempts).values({ email, ip: ipKey, succeeded: false, attemptedAt: now });
    throw new SignInError("disabled");
  }
  const actor = actorOf(row);
  await db().transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip: ipKey, succeeded: true, attemptedAt: now });
    await tx.update(users).set({ lastSignedInAt: now }).where(eq(users.id, row.id));
    await recordAudit(tx, actor, { action: "user.signed_in", entityType: "user", entityId: row.id, summary: `${row.name} signed in` });
  });
  return { ...actor, sessionVersion: row.sessionVersion };
}

/**
 * Re-reads a user for a request: null when the user no longer exists or is disabled, or when `sessionVersion` (the
 * version the request's session token was issued at) is no longer the user's: they signed out, changed their password
 * or were signed out everywhere since. Requests always pass it (getActor); only system code and tests omit it.
 */
export async function loadActor(userId: string, sessionVersion?: number): Promise<UserActor | null> {
  const [row] = await db().select(ACTOR_COLUMNS).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, userId));
  if (!row || row.disabledAt) return null;
  if (sessionVersion !== undefined && sessionVersion !== row.sessionVersion) return null;
  return actorOf(row);
}

/** A user and their organisation: what an actor is made of (with whether they are disabled and their session version). */
const ACTOR_COLUMNS = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  disabledAt: users.disabledAt,
  sessionVersion: users.sessionVersion,
  organisationId: organisations.id,
  organisationType: organisations.type,
  organisationName: organisations.name,
};

type ActorRow = Omit<UserActor, "kind" | "userId"> & { id: string };

function actorOf(row: ActorRow): UserActor {
  return {
    kind: "user",
    userId: row.id,
    role: row.role,
    organisationId: row.organisationId,
    organisationType: row.organisationType,
    organisationName: row.organisationName,
    name: row.name,
    email: row.email,
  };
}
