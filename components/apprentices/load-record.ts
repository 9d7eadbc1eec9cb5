import { notFound } from "next/navigation";
import type { UserActor } from "@/lib/auth/actor";
import { getApprentice } from "@/lib/apprentices/service";
import { NotFoundError } from "@/lib/errors";

/** The record the actor may see, or the 404 page (another organisation's record is never revealed). */
export async function loadRecordOr404(actor: UserActor, id: string) {
  try {
    return await getApprentice(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
