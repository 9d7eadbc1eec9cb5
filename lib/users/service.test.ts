import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, verifySignIn } from "@/lib/session/sign-in";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { TEST_PASSWORD, createUser as createTestUser, createWorld, userRow } from "@/tests/support/factories";
import { changeOwnPassword, changeUserRole, createUser, getOrganisationUser, listOrganisationUsers, setUserDisabled, signOutEverywhere } from "./service";
import { auditEventOf } from "@/tests/support/audit";

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
let other: World;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  name: "Jo Bloggs",
  email: `Jo.${crypto.randomUUID()}@Example.com`,
  role: "epao_staff" as const,
  password: "a-long-temporary-password",
  ...overrides,
});

describe("createUser", () => {
  it("adds a user to the admin's own organisation, lower-casing the email, and audits it", async () => {
    const admin = world.actors.epao_admin;
    const input = newUser();
    const created = await createUser(admin, input);
    expect(created).toMatchObject({ name: "Jo Bloggs", email: input.email.toLowerCase(), role: "epao_staff", disabledAt: null, version: 1 });
    const actor = await loadActor(created.id);
    expect(actor?.organisationId).toBe(admin.organisationId);
    const event = await auditEventOf(created.id, "user.created");
    expect(event).toMatchObject({ organisationId: admin.organisationId, actorUserId: admin.userId });
    expect(JSON.stringify(event)).not.toContain("a-long-temporary-password");
  });

  it("refuses a role from another kind of organisation", async () => {
    await expect(createUser(world.actors.provider_admin, newUser({ role: "epao_admin" }))).rejects.toMatchObject({
      fieldErrors: { role: "Select a role that belongs to your organisation" },
    });
  });

  it("refuses a duplicate email whatever its case", async () => {
    const input = newUser();
    await createUser(world.actors.epao_admin, input);
    const error = await createUser(other.actors.epao_admin, { ...input, email: input.email.toUpperCase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ email: "A user with this email address already exists" });
  });

  it("reports every bad field", async () => {
    const error = await createUser(world.actors.epao_admin, { name: " ", email: "nope", role: "epao_staff", password: "short" }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({
      name: "Enter the person's full name",
      email: "Enter an email address in the correct format, like name@example.com",
      password: "The temporary password must be at least 12 characters",
    });
  });

  it("is refused to anyone who is not an organisation admin", async () => {
    for (const role of ["epao_staff", "assessor", "provider_user", "lead_provider_user"] as const) {
      await expect(createUser(world.actors[role], newUser({ role: world.actors[role].role }))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("reading users", () => {
  it("lists only the actor's organisation", async () => {
    const list = await listOrganisationUsers(world.actors.provider_user);
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((u) => u.id)).not.toContain(other.actors.provider_admin.userId);
    expect(list.map((u) => u.id)).toContain(world.actors.provider_admin.userId);
    expect(Object.keys(list[0]!)).not.toContain("passwordHash");
  });

  it("reports another organisation's user as not found", async () => {
    await expect(getOrganisationUser(world.actors.epao_admin, other.actors.epao_staff.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOrganisationUser(world.actors.epao_admin, world.actors.provider_user.userId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("assessors cannot read the team list", async () => {
    await expect(listOrganisationUsers(world.actors.assessor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("changeUserRole", () => {
  it("changes the role with optimistic concurrency and audits before/after", async () => {
    const admin = world.actors.provider_admin;
    const user = await createTestUser(world.orgs.training_provider, "provider_user");
    const updated = await changeUserRole(admin, { userId: user.userId, role: "provider_admin", version: 1 });
    expect(updated).toMatchObject({ role: "provider_admin", version: 2 });
    expect((await loadActor(user.userId))?.role).toBe("provider_admin");
    await expect(changeUserRole(admin, { userId: user.userId, role: "provider_user", version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const event = await auditEventOf(user.userId, "user.role_changed");
    expect(event).toMatchObject({ before: { role: "provider_user" }, after: { role: "provider_admin" } });
  });

  it("refuses own role, foreign users and foreign roles", async () => {
    const admin = world.actors.epao_admin;
    await expect(changeUserRole(admin, { userId: admin.userId, role: "epao_staff", version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeUserRole(admin, { userId: other.actors.epao_staff.userId, role: "epao_admin", version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeUserRole(admin, { userId: world.actors.assessor.userId, role: "platform_admin", version: 1 })).rejects.toBeInstanceOf(ValidationError);
    expect((await loadActor(other.actors.epao_staff.userId))?.role).toBe("epao_staff");
  });

  it("lets exactly one of two simultaneous edits from the same version win", async () => {
    const admin = world.actors.lead_provider_admin;
    const user = await createTestUser(world.orgs.lead_provider, "lead_provider_user");
    const results = await Promise.allSettled([
      changeUserRole(admin, { userId: user.userId, role: "lead_provider_admin", version: 1 }),
      setUserDisabled(admin, { userId: user.userId, disabled: true, version: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
  });
});

describe("setUserDisabled", () => {
  it("disables a user, who then no longer resolves to an actor, and re-enables them", async () => {
    const admin = world.actors.epao_admin;
    const user = await createTestUser(world.orgs.epao, "assessor");
    expect(await loadActor(user.userId)).not.toBeNull();
    const disabled = await setUserDisabled(admin, { userId: user.userId, disabled: true, version: 1 });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await loadActor(user.userId)).toBeNull();
    await setUserDisabled(admin, { userId: user.userId, disabled: false, version: disabled.version });
    expect(await loadActor(user.userId)).not.toBeNull();
  });

  it("refuses self, foreign users and non-admins", async () => {
    const admin = world.actors.epao_admin;
    await expect(setUserDisabled(admin, { userId: admin.userId, disabled: true, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUserDisabled(admin, { userId: other.actors.epao_admin.userId, disabled: true, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setUserDisabled(world.actors.epao_staff, { userId: world.actors.assessor.userId, disabled: true, version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await loadActor(other.actors.epao_admin.userId)).not.toBeNull();
  });
});

describe("signOutEverywhere", () => {
  it("ends every session of a user of the admin's organisation, and audits it", async () => {
    const admin = world.actors.epao_admin;
    const user = await createTestUser(world.orgs.epao, "assessor");
    const before = (await userRow(user.userId))!.sessionVersion;
    expect(await loadActor(user.userId, before)).not.toBeNull();
    await signOutEverywhere(admin, { userId: user.userId });
    expect(await loadActor(user.userId, before)).toBeNull();
    expect(await loadActor(user.userId, before + 1)).not.toBeNull();
    const event = await auditEventOf(user.userId, "user.signed_out_everywhere");
    expect(event).toMatchObject({ organisationId: admin.organisationId, actorUserId: admin.userId });
  });

  it("is open to every kind of organisation admin, including platform admins, for their own organisation", async () => {
    for (const [role, type] of [
      ["platform_admin", "platform"],
      ["provider_admin", "training_provider"],
      ["lead_provider_admin", "lead_provider"],
    ] as const) {
      const user = await createTestUser(world.orgs[type], role);
      const before = (await userRow(user.userId))!.sessionVersion;
      await signOutEverywhere(world.actors[role], { userId: user.userId });
      expect((await userRow(user.userId))!.sessionVersion, role).toBe(before + 1);
    }
  });

  it("another organisation's admin gets not found (404) and non-admins forbidden (403); nothing changes", async () => {
    const target = other.actors.epao_staff;
    const before = (await userRow(target.userId))!.sessionVersion;
    await expect(signOutEverywhere(world.actors.epao_admin, { userId: target.userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(signOutEverywhere(world.actors.platform_admin, { userId: target.userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(signOutEverywhere(other.actors.epao_staff, { userId: other.actors.assessor.userId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(signOutEverywhere(world.actors.epao_admin, { userId: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    expect((await userRow(target.userId))!.sessionVersion).toBe(before);
    expect((await userRow(other.actors.assessor.userId))!.sessionVersion).toBe(before);
  });
});

describe("changeOwnPassword", () => {
  const NEW_PASSWORD = "a brand new passphrase";

  it("checks the current password, changes it, ends every session and audits it without the password", async () => {
    const user = await createTestUser(world.orgs.training_provider, "provider_user");
    const before = (await userRow(user.userId))!.sessionVersion;
    const { sessionVersion } = await changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(sessionVersion).toBe(before + 1);
    expect(await loadActor(user.userId, before)).toBeNull();
    expect(await loadActor(user.userId, sessionVersion)).not.toBeNull();
    await expect(verifySignIn(user.email, TEST_PASSWORD, "10.99.0.1")).rejects.toMatchObject({ reason: "invalid" });
    expect((await verifySignIn(user.email, NEW_PASSWORD, "10.99.0.2")).sessionVersion).toBe(sessionVersion);
    const event = await auditEventOf(user.userId, "user.password_changed");
    expect(event).toMatchObject({ actorUserId: user.userId });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password, a short or unconfirmed new one, and changes nothing", async () => {
    const user = await createTestUser(world.orgs.training_provider, "provider_user");
    const before = await userRow(user.userId);
    const fieldErrorsOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : e),
      );
    expect(await fieldErrorsOf(changeOwnPassword(user, { currentPassword: "wrong", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toEqual({
      currentPassword: "Your current password is incorrect",
    });
    expect(await fieldErrorsOf(changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" }))).toEqual({
      newPassword: "Your new password must be at least 12 characters",
    });
    expect(
      await fieldErrorsOf(changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "something else" })),
    ).toEqual({ confirmPassword: "The passwords do not match" });
    expect(
      await fieldErrorsOf(changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD })),
    ).toEqual({ newPassword: "Your new password must be different from your current password" });
    const after = await userRow(user.userId);
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect(after!.sessionVersion).toBe(before!.sessionVersion);
  });
});
