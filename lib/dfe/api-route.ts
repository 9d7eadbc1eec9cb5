import "server-only";
import type { NextRequest } from "next/server";
import { leadProviderActorFromToken, type LeadProviderActor } from "@/lib/dfe/actor";
import { BadRequestError, maxBodyBytes, serverDate, unauthorized } from "@/lib/api/http";
import { API_MESSAGES, fill } from "@/lib/api/messages";
import { authenticateApiToken, countApiRequest } from "@/lib/dfe/tokens";
import { refuseDeclaredOverLimit } from "@/lib/http/body";
import { toApiResponse } from "../entry/errors";

/**
 * The entry kit's wrapper for the DfE Lead Provider API's route handlers (app/api/v3, app/api/v2): the API's way in,
 * as lib/entry/action.ts is the forms' and lib/entry/route.ts the portal routes'. The request parsers and DfE's
 * bodies it uses are in lib/api/http.ts; errors become DfE's bodies by the table in lib/entry/errors.ts.
 *
 *     export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeApplication(await getApplication(actor, params.id))));
 */

export type ApiContext<P> = { actor: LeadProviderActor; request: NextRequest; params: P; query: URLSearchParams };

/** A query string with a NUL character in a name or value is a 400 (whichever parameter it is, used or not). */
function refuseNulInQuery(query: URLSearchParams): void {
  for (const [name, value] of query) {
    if (name.includes("\u0000") || value.includes("\u0000")) {
      throw new BadRequestError(fill(API_MESSAGES.nul_in_parameter, { parameterized_attribute: name.replaceAll("\u0000", "\\u0000") }));
    }
  }
}

/**
 * Wraps a route handler: authenticates the bearer token (401 otherwise), counts the request against the
 * token's rate limit (429 "Retry later"), refuses a declared body over the size cap (413) and a NUL in the query
 * string (400), applies X-With-Server-Date, and turns service errors into DfE bodies. The body itself is read only
 * when the handler asks (readAttributes, requestBody), so a lookup that fails first still answers 404.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const token = match ? await authenticateApiToken(match[1]!.trim()) : null;
    if (!token) return unauthorized();
    const retryAfter = await countApiRequest(token.id);
    if (retryAfter !== null) return new Response("Retry later", { status: 429, headers: { "Retry-After": String(retryAfter), "Content-Type": "text/plain" } });
    try {
      refuseDeclaredOverLimit(request, maxBodyBytes());
      refuseNulInQuery(request.nextUrl.searchParams);
      const actor = leadProviderActorFromToken(token, serverDate(request));
      const params = (await context.params) ?? ({} as P);
      return await handler({ actor, request, params, query: request.nextUrl.searchParams });
    } catch (error) {
      return toApiResponse(error);
    }
  };
}
