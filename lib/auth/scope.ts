import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { apprentices } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { UserActor } from "./actor";
import { assertCan } from "./policy";

/**
 * What an actor may see, beside the permissions (policy.ts) that say what they may do. A permission lets a role into
 * a kind of thing; these scopes keep it to the actor's own organisation's things. Scopes shared by several features
 * live here; a scope over one feature's own tables stays in that feature.
 */

/** Something owned by another organisation is reported as not found, so its existence doesn't leak. */
export function assertOwnOrganisation(actor: Pick<UserActor, "organisationId">, organisationId: string | null | undefined): void {
  if (!organisationId || organisationId !== actor.organisationId) throw new NotFoundError();
}

/**
 * The apprentice records an actor may see (a SQL condition on apprentices): a provider its own, an EPAO those sent to
 * it, an assessor those assigned to them. Used by apprentices, assessment, certification and the dashboards.
 */
export function visibleTo(actor: UserActor): SQL {
  assertCan(actor, "apprentices.read");
  switch (actor.role) {
    case "provider_admin":
    case "provider_user":
      return eq(apprentices.providerId, actor.organisationId);
    case "epao_admin":
    case "epao_staff":
      return eq(apprentices.epaoId, actor.organisationId);
    case "assessor":
      return and(eq(apprentices.epaoId, actor.organisationId), eq(apprentices.assessorId, actor.userId))!;
    default:
      throw new ForbiddenError();
  }
}
