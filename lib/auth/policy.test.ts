import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { AREAS, PERMISSIONS, areaOfPath, assertCan, can, canAccessArea, homeFor, type Area, type Permission } from "./policy";
import { ROLES, ROLES_BY_ORGANISATION_TYPE, type OrganisationType, type Role } from "@/lib/domain";

/** The expected access matrix, written out by hand so a change to the policy table has to change this too. */
const EXPECTED_AREAS: Record<Role, Area[]> = {
  platform_admin: ["admin", "organisation"],
  epao_admin: ["epao", "organisation"],
  epao_staff: ["epao"],
  assessor: ["assessor"],
  provider_admin: ["provider", "organisation"],
  provider_user: ["provider"],
  lead_provider_admin: ["lead-provider", "organisation"],
  lead_provider_user: ["lead-provider"],
};

/** What an organisation's admin has on top of its users' permissions. */
const ADMIN_EXTRAS: Permission[] = ["users.manage", "audit.read"];
const EPAO_STAFF: Permission[] = [
  "users.read",
  "standards.read",
  "standards.epao",
  "standards.assignments",
  "links.epao",
  "apprentices.read",
  "apprentices.personal",
  "apprentices.assign",
  "dashboard.epao",
  "notifications.manage",
  "assessment.manage",
  "documents.share",
  "documents.read",
  "certification.read",
  "certification.errors",
  "certification.claims",
  "certification.addresses",
];
const PROVIDER_USER: Permission[] = [
  "users.read",
  "standards.read",
  "links.provider",
  "apprentices.read",
  "apprentices.personal",
  "apprentices.manage",
  "dashboard.provider",
  "assessment.provide",
  "documents.read",
  "certification.provider",
];

const EXPECTED_PERMISSIONS: Record<Role, Permission[]> = {
  platform_admin: ["users.manage", "audit.read", "users.read", "standards.manage", "organisations.read", "standards.read", "npq.admin"],
  epao_admin: [...ADMIN_EXTRAS, ...EPAO_STAFF, "standards.choose", "grades.unlock", "certification.keys", "certification.settings"],
  epao_staff: EPAO_STAFF,
  assessor: ["standards.read", "standards.epao", "apprentices.read", "notifications.manage", "grades.record", "documents.read"],
  provider_admin: [...ADMIN_EXTRAS, ...PROVIDER_USER],
  provider_user: PROVIDER_USER,
  lead_provider_admin: ["users.manage", "audit.read", "users.read", "npq.manage", "apiTokens.manage"],
  lead_provider_user: ["users.read", "npq.manage"],
};

describe("policy: areas", () => {
  for (const role of ROLES) {
    for (const area of AREAS) {
      const allowed = EXPECTED_AREAS[role].includes(area);
      it(`${role} ${allowed ? "may" : "may not"} open /${area}`, () => {
        expect(canAccessArea(role, area)).toBe(allowed);
      });
    }
  }
});

describe("policy: permissions", () => {
  for (const role of ROLES) {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      const allowed = EXPECTED_PERMISSIONS[role].includes(permission);
      it(`${role} ${allowed ? "has" : "lacks"} ${permission}`, () => {
        expect(can({ role }, permission)).toBe(allowed);
        if (allowed) expect(() => assertCan({ role }, permission)).not.toThrow();
        else expect(() => assertCan({ role }, permission)).toThrow(ForbiddenError);
      });
    }
  }
});

describe("policy: shell", () => {
  it("lands each role on its working area", () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, homeFor(role)]))).toEqual({
      platform_admin: "/admin",
      epao_admin: "/epao",
      epao_staff: "/epao",
      assessor: "/assessor",
      provider_admin: "/provider",
      provider_user: "/provider",
      lead_provider_admin: "/lead-provider",
      lead_provider_user: "/lead-provider",
    });
  });

  it("maps paths to areas", () => {
    expect(areaOfPath("/epao/records/1")).toBe("epao");
    expect(areaOfPath("/lead-provider")).toBe("lead-provider");
    expect(areaOfPath("/login")).toBeNull();
  });
});

/** The areas' own permissions replaced borrowed permissions plus organisation-type checks: the same roles pass. */
describe("policy: areas' own permissions grant what the borrowed checks granted", () => {
  const rolesWith = (...permissions: Permission[]) => ROLES.filter((role) => permissions.every((p) => can({ role }, p)));
  const ofType = (type: OrganisationType, roles: Role[]) => roles.filter((role) => ROLES_BY_ORGANISATION_TYPE[type].includes(role));
  const cases: [Permission, Role[]][] = [
    ["certification.keys", ofType("epao", rolesWith("users.manage"))],
    ["certification.settings", ofType("epao", rolesWith("users.manage"))],
    ["certification.read", ofType("epao", rolesWith("assessment.manage"))],
    ["certification.errors", ofType("epao", rolesWith("assessment.manage"))],
    ["certification.claims", ofType("epao", rolesWith("assessment.manage"))],
    ["certification.addresses", ofType("epao", rolesWith("assessment.manage"))],
    ["certification.provider", ofType("training_provider", rolesWith("assessment.provide"))],
    ["standards.epao", ofType("epao", rolesWith("standards.read"))],
    ["standards.assignments", ofType("epao", rolesWith("users.read", "standards.read"))],
    ["standards.choose", ofType("epao", rolesWith("standards.choose"))],
    ["documents.share", rolesWith("assessment.manage")],
    ["documents.read", ["epao_admin", "epao_staff", "assessor", "provider_admin", "provider_user"]],
    ["dashboard.epao", rolesWith("apprentices.assign", "links.epao")],
    ["dashboard.provider", rolesWith("apprentices.manage")],
    ["apprentices.personal", rolesWith("apprentices.read").filter((role) => role !== "assessor")],
  ];
  for (const [permission, roles] of cases) {
    it(permission, () => {
      expect(rolesWith(permission)).toEqual(roles);
    });
  }
});
