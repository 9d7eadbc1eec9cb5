"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "./tokens";

export async function createApiTokenAction(input: { description: string }): Promise<ActionResult<{ token: string }>> {
  const actor = await requireActor();
  try {
    const { token } = await createApiToken(actor, input);
    revalidatePath("/lead-provider/api-tokens");
    return { ok: true, data: { token } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokeApiTokenAction(input: { tokenId: string }): Promise<ActionResult<undefined>> {
  const actor = await requireActor();
  try {
    await revokeApiToken(actor, input);
    revalidatePath("/lead-provider/api-tokens");
    return { ok: true, data: undefined, message: "The token has been revoked. Requests using it are refused from now on." };
  } catch (error) {
    return toActionError(error);
  }
}
