import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { OrganisationType, Role } from "@/lib/auth/roles";
import { assessmentComponents, auditEvents, organisations, standards, users } from "./schema";
import { STANDARDS } from "./data/standards";

/** The password of every demo account (documented in the README). */
export const DEMO_PASSWORD = "Attain-demo-2026";

type OrgSeed = { type: OrganisationType; code: string; name: string; domain: string; users: { role: Role; name: string; local: string }[] };

export const DEMO_ORGANISATIONS: OrgSeed[] = [
  {
    type: "platform",
    code: "ATTAIN",
    name: "Attain Platform",
    domain: "attain.example",
    users: [{ role: "platform_admin", name: "Priya Shah", local: "platform.admin" }],
  },
  {
    type: "epao",
    code: "EPA0001",
    name: "Northern Assessment Services",
    domain: "northern-assessment.example",
    users: [
      { role: "epao_admin", name: "Helen Clarke", local: "admin" },
      { role: "epao_staff", name: "Tom Okafor", local: "staff" },
      { role: "assessor", name: "Rachel Hughes", local: "assessor" },
    ],
  },
  {
    type: "epao",
    code: "EPA0002",
    name: "Meridian End-Point Assessment",
    domain: "meridian-epa.example",
    users: [
      { role: "epao_admin", name: "David Lewis", local: "admin" },
      { role: "epao_staff", name: "Aisha Begum", local: "staff" },
      { role: "assessor", name: "Gareth Price", local: "assessor" },
    ],
  },
  {
    type: "training_provider",
    code: "10004321",
    name: "Riverside College",
    domain: "riverside-college.example",
    users: [
      { role: "provider_admin", name: "Sarah Whitfield", local: "admin" },
      { role: "provider_user", name: "James Patel", local: "user" },
    ],
  },
  {
    type: "training_provider",
    code: "10005678",
    name: "Kestrel Training Ltd",
    domain: "kestrel-training.example",
    users: [
      { role: "provider_admin", name: "Emma Doyle", local: "admin" },
      { role: "provider_user", name: "Liam Murphy", local: "user" },
    ],
  },
  {
    type: "training_provider",
    code: "10007890",
    name: "Brightpath Skills",
    domain: "brightpath-skills.example",
    users: [
      { role: "provider_admin", name: "Olivia Grant", local: "admin" },
      { role: "provider_user", name: "Noah Bennett", local: "user" },
    ],
  },
  {
    type: "lead_provider",
    code: "NORTHSTAR",
    name: "Northstar Teacher Development",
    domain: "northstar-td.example",
    users: [
      { role: "lead_provider_admin", name: "Chloe Adams", local: "admin" },
      { role: "lead_provider_user", name: "Samuel Reid", local: "user" },
    ],
  },
  {
    type: "lead_provider",
    code: "CRESCENT",
    name: "Crescent Education Trust",
    domain: "crescent-education.example",
    users: [
      { role: "lead_provider_admin", name: "Hannah Scott", local: "admin" },
      { role: "lead_provider_user", name: "Ravi Kumar", local: "user" },
    ],
  },
];

export function demoEmail(org: OrgSeed, user: OrgSeed["users"][number]) {
  return `${user.local}@${org.domain}`;
}

/** Demo sign-ins, in the order the README and `npm start` list them. */
export function demoSignIns() {
  return DEMO_ORGANISATIONS.flatMap((org) => org.users.map((u) => ({ organisation: org.name, role: u.role, name: u.name, email: demoEmail(org, u) })));
}

/**
 * Creates the demo world. Idempotent: organisations, users and standards are matched on their natural
 * keys (type+code, email, reference) and left alone or updated, never duplicated.
 */
export async function seed(db: Db): Promise<{ organisations: number; users: number; standards: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) {
      await tx.insert(organisations).values({ type: org.type, code: org.code, name: org.name }).onConflictDoNothing();
      const [row] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.type, org.type), eq(organisations.code, org.code)));
      for (const user of org.users) {
        const inserted = await tx
          .insert(users)
          .values({ organisationId: row!.id, email: demoEmail(org, user), name: user.name, role: user.role, passwordHash })
          .onConflictDoNothing()
          .returning({ id: users.id });
        if (inserted[0]) {
          await tx.insert(auditEvents).values({
            organisationId: row!.id,
            actorLabel: "System (demo data)",
            action: "user.created",
            entityType: "user",
            entityId: inserted[0].id,
            summary: `Added ${user.name} (${demoEmail(org, user)}) as part of the demo data`,
          });
        }
      }
    }
    for (const s of STANDARDS) {
      const values = {
        reference: s.reference,
        larsCode: s.larsCode,
        title: s.title,
        level: s.level,
        versions: s.versions,
        options: s.options,
        overallGrades: s.overallGrades,
        gradingRule: s.gradingRule,
      };
      const [row] = await tx
        .insert(standards)
        .values(values)
        .onConflictDoUpdate({ target: standards.reference, set: { ...values, updatedAt: sql`now()` } })
        .returning({ id: standards.id });
      for (const [position, c] of s.components.entries()) {
        await tx
          .insert(assessmentComponents)
          .values({ standardId: row!.id, code: c.code, name: c.name, grades: c.grades, position })
          .onConflictDoUpdate({
            target: [assessmentComponents.standardId, assessmentComponents.code],
            set: { name: c.name, grades: c.grades, position },
          });
      }
    }
    const [counts] = await tx.execute<{ organisations: number; users: number; standards: number }>(
      sql`select (select count(*) from organisations)::int as organisations, (select count(*) from users)::int as users, (select count(*) from standards)::int as standards`,
    );
    return counts!;
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return (row?.n ?? 0) === 0;
}
