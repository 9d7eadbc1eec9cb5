"use server";
import "server-only";

import { action } from "@/lib/entry/action";
import type { ActionResult } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "./tokens";

const TOKENS = ["/lead-provider/api-tokens"];

export async function createApiTokenAction(input: { description: string }): Promise<ActionResult<{ token: string }>> {
  return action({ run: (actor) => createApiToken(actor, input), data: ({ token }) => ({ token }), revalidate: TOKENS });
}

export async function revokeApiTokenAction(input: { tokenId: string }): Promise<ActionResult<undefined>> {
  return action({
    run: (actor) => revokeApiToken(actor, input),
    data: () => undefined,
    message: "The token has been revoked. Requests using it are refused from now on.",
    revalidate: TOKENS,
  });
}
