/** Organisation types and roles. Shared by server and client code (labels only, no secrets). */
export const ORGANISATION_TYPES = ["epao", "training_provider", "lead_provider", "platform"] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ROLES = [
  "platform_admin",
  "epao_admin",
  "epao_staff",
  "assessor",
  "provider_admin",
  "provider_user",
  "lead_provider_admin",
  "lead_provider_user",
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  epao: "End-point assessment organisation",
  training_provider: "Training provider",
  lead_provider: "Lead provider",
  platform: "Platform operator",
};

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: "Platform admin",
  epao_admin: "EPAO admin",
  epao_staff: "EPAO staff",
  assessor: "Assessor",
  provider_admin: "Provider admin",
  provider_user: "Provider user",
  lead_provider_admin: "Lead provider admin",
  lead_provider_user: "Lead provider user",
};

/** Which roles belong to which kind of organisation. A user's role must fit their organisation. */
export const ROLES_BY_ORGANISATION_TYPE: Record<OrganisationType, readonly Role[]> = {
  platform: ["platform_admin"],
  epao: ["epao_admin", "epao_staff", "assessor"],
  training_provider: ["provider_admin", "provider_user"],
  lead_provider: ["lead_provider_admin", "lead_provider_user"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function organisationTypeOfRole(role: Role): OrganisationType {
  for (const type of ORGANISATION_TYPES) {
    if (ROLES_BY_ORGANISATION_TYPE[type].includes(role)) return type;
  }
  throw new Error(`Unknown role ${role}`);
}
