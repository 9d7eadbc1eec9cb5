"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import type { ChangeRoleInput, NewUserInput, SetDisabledInput } from "./schema";
import { changeUserRole, createUser, setUserDisabled } from "./service";

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
    return { ok: true, data: { version: user.version }, message: input.disabled ? "User disabled. They are signed out on their next request." : "User re-enabled." };
  } catch (error) {
    return toActionError(error);
  }
}
