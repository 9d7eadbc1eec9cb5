import "server-only";
import type { NextRequest } from "next/server";
import type { UserActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { isSameOrigin, jsonProblem, textProblem } from "@/lib/http/routes";
import { getActor } from "@/lib/session";
import { toRouteResponse } from "./errors";

/**
 * The entry kit's wrapper for the portal's own route handlers (downloads under app/files, app/(portal) and app/api,
 * and the uploads of lib/entry/uploads.ts); the DfE API's handlers use `apiRoute` (lib/dfe/api-route.ts). It answers 401
 * when nobody is signed in, refuses a write (POST, PUT, PATCH, DELETE) from another site with a 403, and turns a
 * service error into its status by the table in lib/entry/errors.ts, written as plain text (downloads) or JSON
 * `{ message, fieldErrors }` (uploads, read by a form). Unknown errors are re-thrown (a 500).
 *
 *     export const GET = route<{ id: string }>({ problems: "text", signedOut: "Sign in to open this file." }, async ({ actor, params }) =>
 *       fileDownload(await readEvidenceFile(actor, params.id)),
 *     );
 */

export type RouteContext<P> = { actor: UserActor; request: NextRequest; params: P };

export type RouteOptions = {
  /** How problems are written: plain text for a download the browser opens, JSON `{ message, fieldErrors }` for a form. */
  problems: "text" | "json";
  /** The 401 when nobody is signed in. */
  signedOut: string;
  /** The 403 for a write from another site. */
  crossSite?: string;
  /** This route's words for a ForbiddenError (the service's own otherwise). */
  forbidden?: string;
};

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export function route<P extends Record<string, string> = Record<string, never>>(options: RouteOptions, handler: (ctx: RouteContext<P>) => Promise<Response>) {
  const problem = (status: number, message: string) => (options.problems === "json" ? jsonProblem(status, message) : textProblem(status, message));
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const actor = await getActor();
    if (!actor) return problem(401, options.signedOut);
    if (!READS.has(request.method) && !isSameOrigin(request)) return problem(403, options.crossSite ?? "This request did not come from Attain.");
    try {
      const params = (await context?.params) ?? ({} as P);
      return await handler({ actor, request, params });
    } catch (error) {
      if (options.forbidden && error instanceof ForbiddenError) return problem(403, options.forbidden);
      return toRouteResponse(error, options.problems);
    }
  };
}
