import { ForbiddenError } from "@/lib/errors";
import type { UserActor } from "./actor";
import type { Role } from "@/lib/domain";

/**
 * The one authorisation table. Every service function calls `assertCan` with its area's permission before doing
 * anything and scopes every query to the actor's organisation (lib/auth/scope.ts); pages and components ask `can` and
 * `canAccessArea` to shape the UI (components/layout/navigation.ts), never compare roles themselves.
 *
 * A permission granted only to one organisation type's roles (lib/domain/roles.ts ROLES_BY_ORGANISATION_TYPE) is that
 * organisation type's: there are no separate organisation-type checks. lib/auth/policy-walk.test.ts proves every
 * service function refuses an actor without its permission.
 */

export const AREAS = ["admin", "epao", "assessor", "provider", "lead-provider", "organisation"] as const;
export type Area = (typeof AREAS)[number];

export const ORGANISATION_ADMIN_ROLES = ["platform_admin", "epao_admin", "provider_admin", "lead_provider_admin"] as const satisfies readonly Role[];

const AREA_ROLES: Record<Area, readonly Role[]> = {
  admin: ["platform_admin"],
  epao: ["epao_admin", "epao_staff"],
  assessor: ["assessor"],
  provider: ["provider_admin", "provider_user"],
  "lead-provider": ["lead_provider_admin", "lead_provider_user"],
  organisation: ORGANISATION_ADMIN_ROLES,
};

export const PERMISSIONS = {
  // ---- organisation and users
  /** Add users to one's own organisation, change their role, disable them. */
  "users.manage": ORGANISATION_ADMIN_ROLES,
  /** Read one's own organisation's activity log. */
  "audit.read": ORGANISATION_ADMIN_ROLES,
  /** Read the team list of one's own organisation (names and roles). */
  "users.read": ["platform_admin", "epao_admin", "epao_staff", "provider_admin", "provider_user", "lead_provider_admin", "lead_provider_user"],
  /** Platform admins: list the organisations on the platform. */
  "organisations.read": ["platform_admin"],

  // ---- standards
  /** Manage the catalogue of standards (and their gateway checklists). */
  "standards.manage": ["platform_admin"],
  /** Read the standards catalogue. */
  "standards.read": ["platform_admin", "epao_admin", "epao_staff", "assessor", "provider_admin", "provider_user"],
  /** EPAO users and assessors: see the standards their EPAO assesses and which of its assessors are assigned each one. */
  "standards.epao": ["epao_admin", "epao_staff", "assessor"],
  /** EPAO admins and staff: see which standards each of the EPAO's staff and assessors is assigned. */
  "standards.assignments": ["epao_admin", "epao_staff"],
  /** Choose which standards the EPAO assesses, and assign standards to the EPAO's assessors and staff. */
  "standards.choose": ["epao_admin"],

  // ---- links between training providers and EPAOs
  /** Request, and end, links with EPAOs (provider side). */
  "links.provider": ["provider_admin", "provider_user"],
  /** Accept, decline and end links with training providers (EPAO side). */
  "links.epao": ["epao_admin", "epao_staff"],

  // ---- apprentice records
  /** Read apprentice records: providers their own, EPAOs those sent to them, assessors those assigned to them. */
  "apprentices.read": ["epao_admin", "epao_staff", "assessor", "provider_admin", "provider_user"],
  /** See a record's date of birth and the employer's contact email (everyone who reads records except assessors). */
  "apprentices.personal": ["epao_admin", "epao_staff", "provider_admin", "provider_user"],
  /** Create and edit records, bulk upload, breaks in learning, withdrawals, change of EPAO requests. */
  "apprentices.manage": ["provider_admin", "provider_user"],
  /** Assign records to assessors; accept or decline records moving to the EPAO. */
  "apprentices.assign": ["epao_admin", "epao_staff"],

  // ---- dashboards
  /** The EPAO dashboard: the EPAO's records, queues and links in figures (EPAO admins and staff). */
  "dashboard.epao": ["epao_admin", "epao_staff"],
  /** The training provider dashboard: the provider's own records in figures. */
  "dashboard.provider": ["provider_admin", "provider_user"],

  // ---- notifications
  /** Choose which events one receives emails about (EPAO users). */
  "notifications.manage": ["epao_admin", "epao_staff", "assessor"],

  // ---- NPQ and the lead provider API
  /** Lead providers: work with their own NPQ applications, participants, declarations, outcomes and statements. */
  "npq.manage": ["lead_provider_admin", "lead_provider_user"],
  /** Lead provider admins: create and revoke API tokens for their organisation. */
  "apiTokens.manage": ["lead_provider_admin"],
  /** Platform admins: load applications, create statements, move declarations to payable and paid. */
  "npq.admin": ["platform_admin"],

  // ---- gateway and end-point assessment
  /** Providers: upload gateway evidence, submit gateways, answer evidence requests, request resits, lodge appeals. */
  "assessment.provide": ["provider_admin", "provider_user"],
  /** EPAO users: review gateways, request evidence, confirm grades, decide resits and appeals. */
  "assessment.manage": ["epao_admin", "epao_staff"],
  /** The assigned assessor records component grades. */
  "grades.record": ["assessor"],
  /** Only an EPAO admin unlocks a confirmed component or overall grade (with a reason). */
  "grades.unlock": ["epao_admin"],

  // ---- shared documents
  /** EPAO admins and staff: share documents per standard (assessment plans, guidance, mark schemes) and stop sharing them. */
  "documents.share": ["epao_admin", "epao_staff"],
  /** Read shared documents: EPAO users and assessors their EPAO's, providers those of EPAOs linked with them for the standard. */
  "documents.read": ["epao_admin", "epao_staff", "assessor", "provider_admin", "provider_user"],

  // ---- certification (ESFA certificate claims)
  /** EPAO admins and staff: see upcoming claims, claim runs and their ESFA calls, the ESFA key's status and the countdown settings. */
  "certification.read": ["epao_admin", "epao_staff"],
  /** EPAO admins and staff: see and export the claims ESFA refused. */
  "certification.errors": ["epao_admin", "epao_staff"],
  /** EPAO admins and staff: run claims now, put a failed claim back in the queue, record certificate consent, correct what ESFA matches a record against. */
  "certification.claims": ["epao_admin", "epao_staff"],
  /** EPAO admins and staff: keep the EPAO's certificate posting addresses, per employer and per record. */
  "certification.addresses": ["epao_admin", "epao_staff"],
  /** EPAO admins: check, activate, recheck and remove the EPAO's ESFA API key. */
  "certification.keys": ["epao_admin"],
  /** EPAO admins: change the certification countdown settings. */
  "certification.settings": ["epao_admin"],
  /** Training providers: see the certificate claims of their own apprentices. */
  "certification.provider": ["provider_admin", "provider_user"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<UserActor, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Pick<UserActor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

export function canAccessArea(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/** The areas a role works in, in the order a home is chosen; "organisation" is an admin's second area, never a home. */
const HOME_AREAS = ["admin", "epao", "assessor", "provider", "lead-provider"] as const satisfies readonly Area[];

/** Where a role lands after signing in: the one working area it may open. */
export function homeFor(role: Role): string {
  const area = HOME_AREAS.find((a) => canAccessArea(role, a));
  if (!area) throw new Error(`No home area for ${role}`);
  return `/${area}`;
}

/** The area a path belongs to, for the shell's access check. */
export function areaOfPath(pathname: string): Area | null {
  const first = pathname.split("/")[1] ?? "";
  return (AREAS as readonly string[]).includes(first) ? (first as Area) : null;
}
