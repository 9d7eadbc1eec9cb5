import "server-only";
import { getServerSession } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { UserActor } from "@/lib/auth/actor";
import { SESSION_MAX_AGE_SECONDS, authOptionsForRequest } from "./options";
import { canAccessArea, type Area } from "@/lib/auth/policy";
import { loadActor } from "./sign-in";

/** The request's session as next-auth decodes it (signature and expiry checked), once per request. */
const currentSession = cache(async () => getServerSession(authOptionsForRequest(await headers())));

/**
 * The signed-in person for this request, re-read from the database (once per request) so a disabled
 * user or a changed role takes effect at once. null when not signed in or no longer allowed, including a token
 * whose session version is no longer the user's (signed out, password changed, signed out everywhere).
 */
export const getActor = cache(async (): Promise<UserActor | null> => {
  const session = await currentSession();
  const userId = session?.user?.id;
  const sessionVersion = session?.user?.sessionVersion;
  // A token without a version was issued before versions existed: it cannot be checked, so it is not accepted.
  if (!userId || typeof sessionVersion !== "number") return null;
  return loadActor(userId, sessionVersion);
});

/** Whether the request carries a session cookie at all (to tell "signed out" from "never signed in"). */
const hasSession = cache(async () => Boolean(await currentSession()));

/** For pages and actions: the actor, or a redirect to sign in (ending a session that is no longer valid). */
export async function requireActor(): Promise<UserActor> {
  const actor = await getActor();
  if (actor) return actor;
  if (await hasSession()) redirect("/auth/ended");
  redirect("/login");
}

/** For area layouts and pages: a 403 page when the role may not open this area. */
export async function requireArea(area: Area): Promise<UserActor> {
  const actor = await requireActor();
  if (!canAccessArea(actor.role, area)) forbidden();
  return actor;
}

/**
 * For a server action after the actor's session version moved on (they changed their password): this browser's
 * session token re-issued at the new version, so the person stays signed in here while every other session ends.
 */
export async function reissueSession(actor: UserActor, sessionVersion: number): Promise<void> {
  const options = authOptionsForRequest(await headers());
  const secret = options.secret ?? process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  const name = `${options.useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
  const store = await cookies();
  const raw = store.get(name)?.value;
  if (!raw || !secret) return;
  const token = await decode({ token: raw, secret });
  if (!token || token.sub !== actor.userId) return;
  const maxAge = SESSION_MAX_AGE_SECONDS;
  const fresh = await encode({ token: { ...token, sessionVersion }, secret, maxAge });
  store.set(name, fresh, { httpOnly: true, sameSite: "lax", path: "/", secure: Boolean(options.useSecureCookies), maxAge });
}

/** The next-auth options for a request (the next-auth route handler). */
export { authOptionsForRequest };
