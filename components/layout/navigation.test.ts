import { describe, expect, it } from "vitest";
import { areaOfPath, canAccessArea, homeFor } from "@/lib/auth";
import { ROLES, type Role } from "@/lib/domain";
import { navigationFor } from "./navigation";

const LEAD_PROVIDER = [
  "/lead-provider|Dashboard",
  "/lead-provider/applications|Applications",
  "/lead-provider/participants|Participants",
  "/lead-provider/statements|Statements",
];
const ORGANISATION = ["/organisation/users|Users", "/organisation/activity|Activity log"];
const EPAO = [
  "/epao|Dashboard",
  "/epao/apprentices|Apprentices",
  "/epao/assessment|Assessment",
  "/epao/certification|Certification",
  "/epao/providers|Training providers",
  "/epao/documents|Documents",
  "/epao/standards|Standards",
  "/epao/notifications|Notifications",
];
const PROVIDER = [
  "/provider|Dashboard",
  "/provider/apprentices|Apprentices",
  "/provider/gateway|Gateway",
  "/provider/certification|Certification",
  "/provider/epaos|EPAOs",
  "/provider/documents|Documents",
  "/provider/standards|Standards",
];

/** Each role's navigation, written out by hand ("href|label", in order). */
const EXPECTED_NAVIGATION: Record<Role, string[]> = {
  platform_admin: ["/admin|Overview", "/admin/organisations|Organisations", "/admin/standards|Standards", "/admin/npq|NPQ applications", ...ORGANISATION],
  epao_admin: [...EPAO, ...ORGANISATION],
  epao_staff: EPAO,
  assessor: ["/assessor|My worklist", "/assessor/documents|Documents", "/assessor/notifications|Notifications"],
  provider_admin: [...PROVIDER, ...ORGANISATION],
  provider_user: PROVIDER,
  lead_provider_admin: [...LEAD_PROVIDER, "/lead-provider/api-tokens|API tokens", ...ORGANISATION],
  lead_provider_user: LEAD_PROVIDER,
};

describe("navigation", () => {
  for (const role of ROLES) {
    it(`${role} lands on a home it may open and sees only navigation it may follow`, () => {
      const home = homeFor(role);
      expect(canAccessArea(role, areaOfPath(home)!)).toBe(true);
      const nav = navigationFor(role);
      expect(nav.length).toBeGreaterThan(0);
      expect(nav[0]!.href).toBe(home);
      for (const item of nav) expect(canAccessArea(role, areaOfPath(item.href)!), item.href).toBe(true);
    });

    it(`${role} sees exactly its links, in order`, () => {
      expect(navigationFor(role).map((i) => `${i.href}|${i.label}`)).toEqual(EXPECTED_NAVIGATION[role]);
    });
  }
});
