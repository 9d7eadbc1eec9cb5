/** Demo sign-ins from seeds/demo.ts (the e2e server seeds a fresh database). */
export const DEMO_PASSWORD = "Attain-demo-2026";

export type RoleCase = {
  role: string;
  email: string;
  home: string;
  nav: string[];
  /** Another role's page this role must not open. */
  forbidden: string;
  heading: string;
};

export const ROLE_CASES: RoleCase[] = [
  {
    role: "Platform admin",
    email: "platform.admin@attain.example",
    home: "/admin",
    nav: ["Overview", "Organisations", "Standards", "NPQ applications", "Users", "Activity log"],
    forbidden: "/epao",
    heading: "Platform overview",
  },
  {
    role: "EPAO admin",
    email: "admin@northern-assessment.example",
    home: "/epao",
    nav: ["Dashboard", "Apprentices", "Assessment", "Certification", "Training providers", "Documents", "Standards", "Notifications", "Users", "Activity log"],
    forbidden: "/admin",
    heading: "Dashboard",
  },
  {
    role: "EPAO staff",
    email: "staff@northern-assessment.example",
    home: "/epao",
    nav: ["Dashboard", "Apprentices", "Assessment", "Certification", "Training providers", "Documents", "Standards", "Notifications"],
    forbidden: "/organisation/users",
    heading: "Dashboard",
  },
  {
    role: "Assessor",
    email: "assessor@northern-assessment.example",
    home: "/assessor",
    nav: ["My worklist", "Documents", "Notifications"],
    forbidden: "/epao",
    heading: "My worklist",
  },
  {
    role: "Provider admin",
    email: "admin@riverside-college.example",
    home: "/provider",
    nav: ["Dashboard", "Apprentices", "Gateway", "Certification", "EPAOs", "Documents", "Standards", "Users", "Activity log"],
    forbidden: "/lead-provider",
    heading: "Dashboard",
  },
  {
    role: "Provider user",
    email: "user@riverside-college.example",
    home: "/provider",
    nav: ["Dashboard", "Apprentices", "Gateway", "Certification", "EPAOs", "Documents", "Standards"],
    forbidden: "/organisation/activity",
    heading: "Dashboard",
  },
  {
    role: "Lead provider admin",
    email: "admin@northstar-td.example",
    home: "/lead-provider",
    nav: ["Dashboard", "Applications", "Participants", "Statements", "API tokens", "Users", "Activity log"],
    forbidden: "/provider",
    heading: "Dashboard",
  },
  {
    role: "Lead provider user",
    email: "user@northstar-td.example",
    home: "/lead-provider",
    nav: ["Dashboard", "Applications", "Participants", "Statements"],
    forbidden: "/assessor",
    heading: "Dashboard",
  },
];
