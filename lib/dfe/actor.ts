import type { SystemActor, UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";

/**
 * Who is acting for a lead provider: a person in the portal or an API token. Every NPQ service takes one,
 * scopes every query to `leadProviderId`, and uses `now` (the request's clock, which X-With-Server-Date can set
 * outside production) for every date rule.
 */
export type LeadProviderActor = {
  kind: "lead_provider";
  leadProviderId: string;
  leadProviderName: string;
  /** Written to the audit log: the person, or the token as a system actor. */
  auditActor: UserActor | SystemActor;
  tokenId: string | null;
  now: Date;
};

export function leadProviderActorFromUser(actor: UserActor, now = new Date()): LeadProviderActor {
  assertCan(actor, "npq.manage");
  return { kind: "lead_provider", leadProviderId: actor.organisationId, leadProviderName: actor.organisationName, auditActor: actor, tokenId: null, now };
}

export function leadProviderActorFromToken(
  token: { id: string; leadProviderId: string; leadProviderName: string; lastFour: string },
  now: Date,
): LeadProviderActor {
  return {
    kind: "lead_provider",
    leadProviderId: token.leadProviderId,
    leadProviderName: token.leadProviderName,
    auditActor: { kind: "system", label: `API token …${token.lastFour}` },
    tokenId: token.id,
    now,
  };
}
