import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/policy";
import { endSessions } from "@/lib/session/session-version";
import { ROLE_LABELS, ROLES_BY_ORGANISATION_TYPE, type Role } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError, oneOrNotFound } from "@/lib/errors";
import {
  changePasswordSchema,
  changeRoleSchema,
  newUserSchema,
  setDisabledSchema,
  signOutEverywhereSchema,
  type ChangePasswordInput,
  type ChangeRoleInput,
  type NewUserInput,
  type SetDisabledInput,
  type SignOutEverywhereInput,
} from "./schema";
import { parseInput } from "@/lib/validation";

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  disabledAt: users.disabledAt,
  lastSignedInAt: users.lastSignedInAt,
  version: users.version,
  createdAt: users.createdAt,
};

export type OrganisationUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabledAt: Date | null;
  lastSignedInAt: Date | null;
  version: number;
  createdAt: Date;
};

/** Roles an admin may give within their own organisation. */
export function assignableRoles(actor: UserActor): readonly Role[] {
  return ROLES_BY_ORGANISATION_TYPE[actor.organisationType];
}

export async function listOrganisationUsers(actor: UserActor): Promise<OrganisationUser[]> {
  assertCan(actor, "users.read");
  return db().select(publicColumns).from(users).where(eq(users.organisationId, actor.organisationId)).orderBy(asc(users.disabledAt), asc(users.name));
}

export async function getOrganisationUser(actor: UserActor, userId: string): Promise<OrganisationUser> {
  assertCan(actor, "users.manage");
  return oneOrNotFound(
    db()
      .select(publicColumns)
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId))),
    "User not found.",
  );
}

export async function createUser(actor: UserActor, input: NewUserInput): Promise<OrganisationUser> {
  assertCan(actor, "users.manage");
  const data = parseInput(newUserSchema, input);
  if (!assignableRoles(actor).includes(data.role)) {
    throw new ValidationError({ role: "Select a role that belongs to your organisation" });
  }
  const passwordHash = await hashPassword(data.password);
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, data.email));
    if (existing) throw new ValidationError({ email: "A user with this email address already exists" });
    const [created] = await tx
      .insert(users)
      .values({ organisationId: actor.organisationId, name: data.name, email: data.email, role: data.role, passwordHash })
      .onConflictDoNothing()
      .returning(publicColumns);
    if (!created) throw new ValidationError({ email: "A user with this email address already exists" });
    await recordAudit(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: created.id,
      summary: `Added ${created.name} (${created.email}) as ${ROLE_LABELS[created.role]}`,
      after: { name: created.name, email: created.email, role: created.role },
    });
    return created;
  });
}

export async function changeUserRole(actor: UserActor, input: ChangeRoleInput): Promise<OrganisationUser> {
  assertCan(actor, "users.manage");
  const data = parseInput(changeRoleSchema, input);
  if (data.userId === actor.userId) throw new ForbiddenError("You cannot change your own role. Ask another administrator.");
  if (!assignableRoles(actor).includes(data.role)) {
    throw new ValidationError({ role: "Select a role that belongs to your organisation" });
  }
  return db().transaction(async (tx) => {
    const before = await lockUser(tx, actor, data.userId, data.version);
    if (before.role === data.role) return before;
    const [updated] = await tx
      .update(users)
      .set({ role: data.role, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, data.userId))
      .returning(publicColumns);
    await recordAudit(tx, actor, {
      action: "user.role_changed",
      entityType: "user",
      entityId: data.userId,
      summary: `Changed ${before.name}'s role from ${ROLE_LABELS[before.role]} to ${ROLE_LABELS[data.role]}`,
      before: { role: before.role },
      after: { role: data.role },
    });
    return updated!;
  });
}

export async function setUserDisabled(actor: UserActor, input: SetDisabledInput): Promise<OrganisationUser> {
  assertCan(actor, "users.manage");
  const data = parseInput(setDisabledSchema, input);
  if (data.userId === actor.userId) throw new ForbiddenError("You cannot disable your own account.");
  return db().transaction(async (tx) => {
    const before = await lockUser(tx, actor, data.userId, data.version);
    if (Boolean(before.disabledAt) === data.disabled) return before;
    const [updated] = await tx
      .update(users)
      .set({ disabledAt: data.disabled ? new Date() : null, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, data.userId))
      .returning(publicColumns);
    await recordAudit(tx, actor, {
      action: data.disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: data.userId,
      summary: `${data.disabled ? "Disabled" : "Re-enabled"} ${before.name}`,
      before: { disabled: Boolean(before.disabledAt) },
      after: { disabled: data.disabled },
    });
    return updated!;
  });
}

/**
 * An organisation admin ends every session a user of their organisation has (a lost laptop, a shared computer):
 * their next request on any device goes to "session ended". Another organisation's user is not found.
 */
export async function signOutEverywhere(actor: UserActor, input: SignOutEverywhereInput): Promise<void> {
  assertCan(actor, "users.manage");
  const data = parseInput(signOutEverywhereSchema, input);
  await db().transaction(async (tx) => {
    const user = await oneOrNotFound(
      tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.id, data.userId), eq(users.organisationId, actor.organisationId)))
        .for("update"),
      "User not found.",
    );
    await endSessions(tx, user.id);
    await recordAudit(tx, actor, {
      action: "user.signed_out_everywhere",
      entityType: "user",
      entityId: user.id,
      summary: `Signed ${user.id === actor.userId ? "themself" : user.name} out on every device`,
    });
  });
}

/**
 * A signed-in user changes their own password: the current one is checked, and every session they have ends (a
 * session someone else opened with the old password must not outlive it). Returns the new session version, which the
 * caller re-issues the current browser's session at so the person changing it stays signed in here.
 */
export async function changeOwnPassword(actor: UserActor, input: ChangePasswordInput): Promise<{ sessionVersion: number }> {
  const data = parseInput(changePasswordSchema, input);
  const row = await oneOrNotFound(db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)), "User not found.");
  if (!(await verifyPassword(data.currentPassword, row.passwordHash))) throw new ValidationError({ currentPassword: "Your current password is incorrect" });
  const passwordHash = await hashPassword(data.newPassword);
  return db().transaction(async (tx) => {
    // Compare-and-set on the hash read above: two changes at once cannot both win on a stale check.
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, actor.userId), eq(users.passwordHash, row.passwordHash)))
      .returning({ id: users.id });
    if (!updated) throw new ConflictError("Your password was changed by another request. Sign in again and try again.");
    const sessionVersion = await endSessions(tx, actor.userId);
    await recordAudit(tx, actor, {
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.userId,
      summary: `${actor.name} changed their password (signed out on every other device)`,
    });
    return { sessionVersion: sessionVersion! };
  });
}

/** Loads a user of the actor's organisation FOR UPDATE and checks the version the form was loaded at. */
async function lockUser(tx: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0], actor: UserActor, userId: string, version: number) {
  const row = await oneOrNotFound(
    tx
      .select(publicColumns)
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)))
      .for("update"),
    "User not found.",
  );
  if (row.version !== version) throw new ConflictError();
  return row;
}
