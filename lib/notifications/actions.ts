"use server";
import "server-only";

import type { NotificationEvent } from "@/lib/domain";
import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { setPreferences } from "./service";

export async function savePreferencesAction(input: { enabled: NotificationEvent[] }): Promise<ActionResult<{ enabled: NotificationEvent[] }>> {
  return action({
    run: (actor) => setPreferences(actor, input),
    data: (preferences) => ({ enabled: preferences.filter((p) => p.enabled).map((p) => p.event) }),
    message: "Your notification settings have been saved.",
    revalidate: (actor) => [actor.role === "assessor" ? "/assessor/notifications" : "/epao/notifications"],
  });
}
