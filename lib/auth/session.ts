import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { UserActor } from "./actor";
import { authOptions } from "./options";
import { canAccessArea, type Area } from "./policy";
import { loadActor } from "./sign-in";

/**
 * The signed-in person for this request, re-read from the database (once per request) so a disabled
 * user or a changed role takes effect at once. null when not signed in or no longer allowed.
 */
export const getActor = cache(async (): Promise<UserActor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadActor(userId);
});

/** Whether the request carries a session cookie at all (to tell "signed out" from "never signed in"). */
const hasSession = cache(async () => Boolean(await getServerSession(authOptions)));

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
