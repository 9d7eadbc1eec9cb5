import type { NavItem } from "@/components/ui/primary-nav";
import { areaOfPath, can, canAccessArea, type Permission } from "@/lib/auth";
import type { Role } from "@/lib/domain";

/**
 * The portal's main navigation. Each link names the permission its page needs; a role sees a link when it may open
 * the link's area (policy.ts canAccessArea) and holds that permission (policy.ts can). The order is the order shown,
 * area by area, so each role's list starts with its home (policy.ts homeFor).
 */
const NAVIGATION: readonly (NavItem & { needs?: Permission })[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/organisations", label: "Organisations", needs: "organisations.read" },
  { href: "/admin/standards", label: "Standards", needs: "standards.manage" },
  { href: "/admin/npq", label: "NPQ applications", needs: "npq.admin" },

  { href: "/epao", label: "Dashboard", needs: "dashboard.epao" },
  { href: "/epao/apprentices", label: "Apprentices", needs: "apprentices.read" },
  { href: "/epao/assessment", label: "Assessment", needs: "assessment.manage" },
  { href: "/epao/certification", label: "Certification", needs: "certification.read" },
  { href: "/epao/providers", label: "Training providers", needs: "links.epao" },
  { href: "/epao/documents", label: "Documents", needs: "documents.read" },
  { href: "/epao/standards", label: "Standards", needs: "standards.epao" },
  { href: "/epao/notifications", label: "Notifications", needs: "notifications.manage" },

  { href: "/assessor", label: "My worklist", needs: "grades.record" },
  { href: "/assessor/documents", label: "Documents", needs: "documents.read" },
  { href: "/assessor/notifications", label: "Notifications", needs: "notifications.manage" },

  { href: "/provider", label: "Dashboard", needs: "dashboard.provider" },
  { href: "/provider/apprentices", label: "Apprentices", needs: "apprentices.read" },
  { href: "/provider/gateway", label: "Gateway", needs: "assessment.provide" },
  { href: "/provider/certification", label: "Certification", needs: "certification.provider" },
  { href: "/provider/epaos", label: "EPAOs", needs: "links.provider" },
  { href: "/provider/documents", label: "Documents", needs: "documents.read" },
  { href: "/provider/standards", label: "Standards", needs: "standards.read" },

  { href: "/lead-provider", label: "Dashboard", needs: "npq.manage" },
  { href: "/lead-provider/applications", label: "Applications", needs: "npq.manage" },
  { href: "/lead-provider/participants", label: "Participants", needs: "npq.manage" },
  { href: "/lead-provider/statements", label: "Statements", needs: "npq.manage" },
  { href: "/lead-provider/api-tokens", label: "API tokens", needs: "apiTokens.manage" },

  { href: "/organisation/users", label: "Users", needs: "users.manage" },
  { href: "/organisation/activity", label: "Activity log", needs: "audit.read" },
];

/** The navigation a role sees: only links to pages it may open. */
export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => {
    const area = areaOfPath(item.href);
    return area !== null && canAccessArea(role, area) && (!item.needs || can({ role }, item.needs));
  }).map(({ href, label }) => ({ href, label }));
}
