"use server";

import { revalidatePath } from "next/cache";
import { reissueSession, requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import type { ChangePasswordInput, ChangeRoleInput, NewUserInput, SetDisabledInput, SignOutEverywhereInput } from "./schema";
import { changeOwnPassword, changeUserRole, createUser, setUserDisabled, signOutEverywhere } from "./service";

export async function createUserAction(input: NewUserInput): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  try {
    const user = await createUser(actor, input);
    revalidatePath("/organisation/users");
    return { ok: true, data: { id: user.id }, message: `${user.name} has been added.` };
  } catch (error) {
    return toActionError(error);
  }
}

export async function changeUserRoleAction(input: ChangeRoleInput): Promise<ActionResult<{ version: number }>> {
  const actor = await requireActor();
  try {
    const user = await changeUserRole(actor, input);
    revalidatePath("/organisation/users");
    return { ok: true, data: { version: user.version }, message: "Role updated." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setUserDisabledAction(input: SetDisabledInput): Promise<ActionResult<{ version: number }>> {
  const actor = await requireActor();
  try {
    const user = await setUserDisabled(actor, input);
    revalidatePath("/organisation/users");
    return {
      ok: true,
      data: { version: user.version },
      message: input.disabled ? "User disabled. They are signed out on their next request." : "User re-enabled.",
    };
  } catch (error) {
    return toActionError(error);
  }
}

export async function signOutEverywhereAction(input: SignOutEverywhereInput): Promise<ActionResult> {
  const actor = await requireActor();
  try {
    await signOutEverywhere(actor, input);
    revalidatePath("/organisation/users");
    return { ok: true, data: undefined, message: "Signed out on every device. They must sign in again." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult> {
  const actor = await requireActor();
  try {
    const { sessionVersion } = await changeOwnPassword(actor, input);
    // Every session ended with the old password; this browser's is re-issued so the person stays signed in here.
    await reissueSession(actor, sessionVersion);
    return { ok: true, data: undefined, message: "Your password has been changed. You have been signed out on your other devices." };
  } catch (error) {
    return toActionError(error);
  }
}
