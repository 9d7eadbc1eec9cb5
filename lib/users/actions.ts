"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { reissueSession } from "@/lib/session";
import type { ChangePasswordInput, ChangeRoleInput, NewUserInput, SetDisabledInput, SignOutEverywhereInput } from "./schema";
import { changeOwnPassword, changeUserRole, createUser, setUserDisabled, signOutEverywhere } from "./service";

const USERS = ["/organisation/users"];

export async function createUserAction(input: NewUserInput): Promise<ActionResult<{ id: string }>> {
  return action({
    run: (actor) => createUser(actor, input),
    data: (user) => ({ id: user.id }),
    message: (user) => `${user.name} has been added.`,
    revalidate: USERS,
  });
}

export async function changeUserRoleAction(input: ChangeRoleInput): Promise<ActionResult<{ version: number }>> {
  return action({ run: (actor) => changeUserRole(actor, input), data: (user) => ({ version: user.version }), message: "Role updated.", revalidate: USERS });
}

export async function setUserDisabledAction(input: SetDisabledInput): Promise<ActionResult<{ version: number }>> {
  return action({
    run: (actor) => setUserDisabled(actor, input),
    data: (user) => ({ version: user.version }),
    message: input.disabled ? "User disabled. They are signed out on their next request." : "User re-enabled.",
    revalidate: USERS,
  });
}

export async function signOutEverywhereAction(input: SignOutEverywhereInput): Promise<ActionResult> {
  return action({
    run: (actor) => signOutEverywhere(actor, input),
    data: () => undefined,
    message: "Signed out on every device. They must sign in again.",
    revalidate: USERS,
  });
}

export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult> {
  return action({
    run: async (actor) => {
      const { sessionVersion } = await changeOwnPassword(actor, input);
      // Every session ended with the old password; this browser's is re-issued so the person stays signed in here.
      await reissueSession(actor, sessionVersion);
    },
    data: () => undefined,
    message: "Your password has been changed. You have been signed out on your other devices.",
  });
}
