"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/session";
import { toActionError, type ActionResult } from "@/lib/errors";
import type { EndLinkInput, RequestLinkInput, RespondToLinkInput } from "./schema";
import { endLink, requestLink, respondToLink, type LinkChange } from "./service";

function revalidateLinks() {
  revalidatePath("/provider/epaos");
  revalidatePath("/epao/providers");
}

export async function requestLinkAction(input: RequestLinkInput): Promise<ActionResult<LinkChange>> {
  const actor = await requireActor();
  try {
    const link = await requestLink(actor, input);
    revalidateLinks();
    return { ok: true, data: link, message: "Your request has been sent." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function respondToLinkAction(input: RespondToLinkInput): Promise<ActionResult<LinkChange>> {
  const actor = await requireActor();
  try {
    const link = await respondToLink(actor, input);
    revalidateLinks();
    return { ok: true, data: link, message: link.status === "active" ? "Request accepted." : "Request declined." };
  } catch (error) {
    return toActionError(error);
  }
}

export async function endLinkAction(input: EndLinkInput): Promise<ActionResult<LinkChange>> {
  const actor = await requireActor();
  try {
    const link = await endLink(actor, input);
    revalidateLinks();
    return { ok: true, data: link, message: "Link ended." };
  } catch (error) {
    return toActionError(error);
  }
}
