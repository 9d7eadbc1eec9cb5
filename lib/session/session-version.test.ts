import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { db } from "@/lib/db";
import { TEST_PASSWORD, createOrganisation, createUser, userRow } from "@/tests/support/factories";
import { authOptionsFor, sessionUserOf } from "./options";
import { endSessions, signOutEverywhereFromToken } from "./session-version";
import { loadActor, verifySignIn } from "./sign-in";

let org: Awaited<ReturnType<typeof createOrganisation>>;
beforeAll(async () => {
  org = await createOrganisation("training_provider");
});

const ip = () => `10.${crypto.randomInt(255)}.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;

/** The token next-auth issues at sign-in, through the real jwt callback. */
async function signInToken(email: string) {
  const signedIn = await verifySignIn(email, TEST_PASSWORD, ip());
  const options = authOptionsFor({ secureCookies: false });
  const user = sessionUserOf(signedIn);
  return options.callbacks!.jwt!({ token: {}, user, account: null, trigger: "signIn" });
}

describe("session versions", () => {
  it("a token carries the version it was issued at, and loadActor refuses it once the version moves on", async () => {
    const user = await createUser(org, "provider_user");
    const token = await signInToken(user.email);
    expect(token.sessionVersion).toBe(1);
    expect(await loadActor(user.userId, 1)).toMatchObject({ userId: user.userId });

    expect(await endSessions(db(), user.userId)).toBe(2);
    expect(await loadActor(user.userId, 1)).toBeNull();
    expect(await loadActor(user.userId, 2)).toMatchObject({ userId: user.userId });

    // A sign-in after that is issued at the new version.
    expect((await signInToken(user.email)).sessionVersion).toBe(2);
  });

  it("the session callback passes the version on, and a token without one gives no user (so getActor refuses it)", async () => {
    const options = authOptionsFor({ secureCookies: false });
    const base = { user: { name: "x" }, expires: new Date(Date.now() + 60_000).toISOString() };
    const withVersion = await options.callbacks!.session!({
      session: structuredClone(base),
      token: { sub: "u1", role: "provider_user", organisationId: "o1", sessionVersion: 3 },
    } as never);
    expect(withVersion.user).toMatchObject({ id: "u1", sessionVersion: 3 });
    const legacy = await options.callbacks!.session!({
      session: structuredClone(base),
      token: { sub: "u1", role: "provider_user", organisationId: "o1" },
    } as never);
    expect((legacy.user as { id?: string }).id).toBeUndefined();
  });

  it("signing out ends the session everywhere and is audited; an already-ended token cannot sign newer sessions out", async () => {
    const user = await createUser(org, "provider_user");
    const first = await signInToken(user.email);
    expect(await signOutEverywhereFromToken(first)).toBe(true);
    expect((await userRow(user.userId))!.sessionVersion).toBe(2);
    expect(await loadActor(user.userId, first.sessionVersion)).toBeNull();
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.userId), eq(auditEvents.action, "user.signed_out")));
    expect(event).toMatchObject({ actorUserId: user.userId, organisationId: org.id });

    const second = await signInToken(user.email);
    // Replaying the first (ended) token's sign-out leaves the second session alone.
    expect(await signOutEverywhereFromToken(first)).toBe(false);
    expect(await loadActor(user.userId, second.sessionVersion)).not.toBeNull();
    expect(await signOutEverywhereFromToken({ sub: user.userId })).toBe(false);
    expect(await signOutEverywhereFromToken(null)).toBe(false);
    expect((await userRow(user.userId))!.sessionVersion).toBe(2);
  });

  it("next-auth's signOut event is wired to ending the session", async () => {
    const user = await createUser(org, "provider_user");
    const token = await signInToken(user.email);
    await authOptionsFor({ secureCookies: false }).events!.signOut!({ token } as never);
    expect(await loadActor(user.userId, token.sessionVersion)).toBeNull();
  });

  it("uses Secure cookies only when told the request came over https", () => {
    expect(authOptionsFor({ secureCookies: true }).useSecureCookies).toBe(true);
    expect(authOptionsFor({ secureCookies: false }).useSecureCookies).toBe(false);
  });
});
