import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUserDisabled } from "@/lib/users/service";
import { TEST_PASSWORD, createOrganisation, createUser } from "@/tests/support/factories";
import { SIGN_IN_LIMITS, SIGN_IN_MESSAGES, SignInError, loadActor, verifySignIn } from "./sign-in";

let org: Awaited<ReturnType<typeof createOrganisation>>;
beforeAll(async () => {
  org = await createOrganisation("training_provider");
});

const ip = () => `10.${crypto.randomInt(255)}.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof SignInError ? e.reason : String(e)),
  );

describe("verifySignIn", () => {
  it("accepts the right password (email in any case) and returns the actor", async () => {
    const user = await createUser(org, "provider_user");
    const actor = await verifySignIn(user.email.toUpperCase(), TEST_PASSWORD, ip());
    expect(actor).toMatchObject({ userId: user.userId, role: "provider_user", organisationId: org.id, organisationType: "training_provider" });
  });

  it("gives the same message for a wrong password and an unknown email", async () => {
    const user = await createUser(org, "provider_user");
    expect(await reasonOf(verifySignIn(user.email, "wrong password", ip()))).toBe("invalid");
    expect(await reasonOf(verifySignIn("nobody@nowhere.example", TEST_PASSWORD, ip()))).toBe("invalid");
    expect(SIGN_IN_MESSAGES.invalid).toBe("Enter a correct email address and password.");
  });

  it("refuses a disabled user", async () => {
    const admin = await createUser(org, "provider_admin");
    const user = await createUser(org, "provider_user");
    await setUserDisabled(admin, { userId: user.userId, disabled: true, version: 1 });
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip()))).toBe("disabled");
    expect(await loadActor(user.userId)).toBeNull();
  });

  it(`throttles an account after ${SIGN_IN_LIMITS.perAccount} failures, even with the right password and from other addresses`, async () => {
    const user = await createUser(org, "provider_user");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) expect(await reasonOf(verifySignIn(user.email, "wrong", ip()))).toBe("invalid");
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip()))).toBe("throttled");
    // The window passes: allowed again.
    const later = new Date(Date.now() + (SIGN_IN_LIMITS.windowMinutes + 1) * 60_000);
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip(), later))).toBe("ok");
  });

  it("a successful sign-in resets the account's failure count", async () => {
    const user = await createUser(org, "provider_user");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await reasonOf(verifySignIn(user.email, "wrong", ip()));
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip()))).toBe("ok");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await reasonOf(verifySignIn(user.email, "wrong", ip()));
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip()))).toBe("ok");
  });

  it(`throttles an IP address after ${SIGN_IN_LIMITS.perIp} failures across accounts`, async () => {
    const address = ip();
    const user = await createUser(org, "provider_user");
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await reasonOf(verifySignIn(`guess${i}.${crypto.randomUUID()}@test.example`, "wrong", address));
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, address))).toBe("throttled");
    expect(await reasonOf(verifySignIn(user.email, TEST_PASSWORD, ip()))).toBe("ok");
  });
});
