"use server";

import { revalidatePath } from "next/cache";
import type { NotificationEvent } from "@/lib/domain";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import { setPreferences } from "./service";

export async function savePreferencesAction(input: { enabled: NotificationEvent[] }): Promise<ActionResult<{ enabled: NotificationEvent[] }>> {
  const actor = await requireActor();
  try {
    const preferences = await setPreferences(actor, input);
    revalidatePath(actor.role === "assessor" ? "/assessor/notifications" : "/epao/notifications");
    return {
      ok: true,
      data: { enabled: preferences.filter((p) => p.enabled).map((p) => p.event) },
      message: "Your notification settings have been saved.",
    };
  } catch (error) {
    return toActionError(error);
  }
}
