import { ROLE_LABELS, type OrganisationType, type Role } from "@/lib/domain";

/** A signed-in person. Every service function takes one of these first. */
export type UserActor = {
  kind: "user";
  userId: string;
  role: Role;
  organisationId: string;
  organisationType: OrganisationType;
  organisationName: string;
  name: string;
  email: string;
};

/** The system itself (seeding, background jobs). Never created from a request. */
export type SystemActor = { kind: "system"; label: string };

export type Actor = UserActor;

export function actorLabel(actor: UserActor | SystemActor): string {
  return actor.kind === "system" ? actor.label : actor.name;
}

/** Who did it, as logs and run histories show it: "Ann Smith (EPAO admin)", or the system actor's label. */
export function actorWithRole(actor: UserActor | SystemActor): string {
  return actor.kind === "user" ? `${actor.name} (${ROLE_LABELS[actor.role]})` : actor.label;
}
