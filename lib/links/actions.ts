"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import type { EndLinkInput, RequestLinkInput, RespondToLinkInput } from "./schema";
import { endLink, requestLink, respondToLink, type LinkChange } from "./service";

const LINKS = ["/provider/epaos", "/epao/providers"];

export async function requestLinkAction(input: RequestLinkInput): Promise<ActionResult<LinkChange>> {
  return action({ run: (actor) => requestLink(actor, input), message: "Your request has been sent.", revalidate: LINKS });
}

export async function respondToLinkAction(input: RespondToLinkInput): Promise<ActionResult<LinkChange>> {
  return action({
    run: (actor) => respondToLink(actor, input),
    message: (link) => (link.status === "active" ? "Request accepted." : "Request declined."),
    revalidate: LINKS,
  });
}

export async function endLinkAction(input: EndLinkInput): Promise<ActionResult<LinkChange>> {
  return action({ run: (actor) => endLink(actor, input), message: "Link ended.", revalidate: LINKS });
}
