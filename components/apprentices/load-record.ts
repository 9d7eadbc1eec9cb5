import type { UserActor } from "@/lib/auth/actor";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/components/or-404";

/** The record the actor may see, or the 404 page (another organisation's record is never revealed). */
export async function loadRecordOr404(actor: UserActor, id: string) {
  return or404(getApprentice(actor, id));
}
