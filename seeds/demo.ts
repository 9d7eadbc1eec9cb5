import { and, eq, like, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { OrganisationType, Role } from "@/lib/domain";
import {
  apprentices,
  assessmentComponents,
  auditEvents,
  epaoStandards,
  organisations,
  providerLinks,
  providerLinkStandards,
  standards,
  userStandards,
  users,
  deliveryPartners,
  npqApplications,
  participants,
  partnerships,
  schedules,
  statements as npqStatements,
} from "../db/schema";
import { type ApprenticeStatus, type NpqCourse } from "../lib/domain";
import { STANDARDS } from "../db/data/standards";
import { loadReferenceData } from "../lib/dfe/schedules";
import { copyNpqSchedulesIn } from "../lib/npq/schedules-admin";
import { ensureDefaultChecklist } from "../lib/assessment/checklist";
import { seedAssessmentDemo } from "./assessment";
import { seedCertificationDemo } from "./certification";
import { seedEcfDemo } from "./ecf";

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
    await ensureDefaultChecklist(
      tx,
      (await tx.select({ id: standards.id }).from(standards)).map((r) => r.id),
    );
    const demoRecords = await seedWorkingRelationships(tx as unknown as Db);
    await seedAssessmentDemo(tx as unknown as Db, demoRecords);
    await seedCertificationDemo(tx as unknown as Db, demoRecords);
    await seedLeadProviderWorld(tx as unknown as Db);
    await seedEcfDemo(tx as unknown as Db);
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

/** Which standards each demo EPAO assesses, and the demo providers' active links (by organisation code). */
export const DEMO_EPAO_STANDARDS: Record<string, string[]> = {
  EPA0001: ["ST0070", "ST0384", "ST0116", "ST0385", "ST0327"],
  EPA0002: ["ST0070", "ST0119", "ST0152", "ST0170", "ST0974"],
};
export const DEMO_LINKS: { provider: string; epao: string; standards: string[] }[] = [
  { provider: "10004321", epao: "EPA0001", standards: ["ST0070", "ST0384", "ST0116"] },
  { provider: "10004321", epao: "EPA0002", standards: ["ST0070", "ST0152"] },
  { provider: "10005678", epao: "EPA0002", standards: ["ST0170", "ST0974"] },
];
const DEMO_ASSESSOR_STANDARDS: Record<string, string[]> = {
  "assessor@northern-assessment.example": ["ST0070", "ST0384"],
  "assessor@meridian-epa.example": ["ST0152", "ST0170"],
};

const GIVEN = [
  "Amelia",
  "Oliver",
  "Isla",
  "George",
  "Ava",
  "Noah",
  "Mia",
  "Leo",
  "Freya",
  "Arthur",
  "Zara",
  "Harry",
  "Ivy",
  "Jacob",
  "Layla",
  "Ethan",
  "Sofia",
  "Mohammed",
  "Grace",
  "Theo",
];
const FAMILY = [
  "Ahmed",
  "Bailey",
  "Campbell",
  "Davies",
  "Edwards",
  "Fletcher",
  "Green",
  "Hussain",
  "Iqbal",
  "Jenkins",
  "Kaur",
  "Lloyd",
  "Morgan",
  "Nowak",
  "O'Brien",
  "Patel",
  "Quinn",
  "Roberts",
  "Singh",
  "Thomas",
];
const EMPLOYERS = [
  { name: "Harbour Logistics Ltd", town: "Hull", postcode: "HU1 3DZ", line1: "12 Dock Street" },
  { name: "Pennine Software Co", town: "Leeds", postcode: "LS1 5AB", line1: "3 Wellington Place" },
  { name: "Calder Valley NHS Trust", town: "Halifax", postcode: "HX3 0PW", line1: "Dryclough Lane" },
  { name: "Greenway Retail plc", town: "Manchester", postcode: "M1 1AE", line1: "40 Market Street" },
];
const STATUS_CYCLE: ApprenticeStatus[] = [
  "in_training",
  "in_training",
  "in_training",
  "gateway",
  "epa",
  "in_training",
  "on_break",
  "in_training",
  "withdrawn",
  "graded",
];

/**
 * Links, standards and a few dozen apprentice records so every role has something real to look at. Idempotent:
 * returns the ids of the records it created (none when the database already had records).
 */
async function seedWorkingRelationships(db: Db): Promise<string[]> {
  const orgRows = await db.select().from(organisations);
  const org = (code: string) => orgRows.find((o) => o.code === code)!;
  const stdRows = await db.select().from(standards);
  const std = (reference: string) => stdRows.find((s) => s.reference === reference)!;
  const userRows = await db.select().from(users);

  for (const [epaoCode, refs] of Object.entries(DEMO_EPAO_STANDARDS)) {
    await db
      .insert(epaoStandards)
      .values(refs.map((r) => ({ epaoId: org(epaoCode).id, standardId: std(r).id })))
      .onConflictDoNothing();
  }
  for (const [email, refs] of Object.entries(DEMO_ASSESSOR_STANDARDS)) {
    const user = userRows.find((u) => u.email === email)!;
    await db
      .insert(userStandards)
      .values(refs.map((r) => ({ userId: user.id, standardId: std(r).id })))
      .onConflictDoNothing();
  }
  for (const link of DEMO_LINKS) {
    const [created] = await db
      .insert(providerLinks)
      .values({ providerId: org(link.provider).id, epaoId: org(link.epao).id, status: "active", message: "Demo link", respondedAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (created) await db.insert(providerLinkStandards).values(link.standards.map((r) => ({ linkId: created.id, standardId: std(r).id })));
  }

  const existing = await db.select({ n: sql<number>`count(*)::int` }).from(apprentices);
  if ((existing[0]?.n ?? 0) > 0) return [];
  const assessorOf: Record<string, string | undefined> = {
    EPA0001: userRows.find((u) => u.email === "assessor@northern-assessment.example")?.id,
    EPA0002: userRows.find((u) => u.email === "assessor@meridian-epa.example")?.id,
  };
  const rows: (typeof apprentices.$inferInsert)[] = [];
  let n = 0;
  for (const link of DEMO_LINKS) {
    for (const reference of link.standards) {
      for (let i = 0; i < 6; i++, n++) {
        const standard = std(reference);
        const status = STATUS_CYCLE[n % STATUS_CYCLE.length]!;
        const employer = EMPLOYERS[n % EMPLOYERS.length]!;
        const start = new Date(Date.UTC(2024, 8 + (n % 14), 1 + (n % 20)));
        const end = new Date(start.getTime() + (540 + (n % 5) * 60) * 86_400_000);
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        const given = GIVEN[n % GIVEN.length]!;
        const family = FAMILY[(n * 7) % FAMILY.length]!;
        rows.push({
          uln: String(4_000_000_000 + n * 37),
          givenNames: given,
          familyName: family,
          dateOfBirth: iso(new Date(Date.UTC(1995 + (n % 10), n % 12, 1 + (n % 27)))),
          email: `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, "") + "@example.com",
          employerName: employer.name,
          employerContactName: "Training Manager",
          employerContactEmail: `training@${employer.name.toLowerCase().replace(/[^a-z]/g, "")}.example`,
          employerAddressLine1: employer.line1,
          employerTown: employer.town,
          employerPostcode: employer.postcode,
          standardId: standard.id,
          standardVersion: standard.versions[standard.versions.length - 1]!,
          standardOption: standard.options[0] ?? null,
          startDate: iso(start),
          plannedEndDate: iso(end),
          providerId: org(link.provider).id,
          epaoId: org(link.epao).id,
          assessorId: status !== "in_training" && status !== "withdrawn" && i % 2 === 0 ? assessorOf[link.epao] : undefined,
          status,
          statusBeforeBreak: status === "on_break" ? "in_training" : null,
          breakStartDate: status === "on_break" ? "2026-09-01" : null,
          breakExpectedReturnDate: status === "on_break" ? "2027-01-04" : null,
          withdrawnDate: status === "withdrawn" ? "2026-06-30" : null,
          withdrawalReason: status === "withdrawn" ? "Left the employer" : null,
        });
      }
    }
  }
  const inserted = await db.insert(apprentices).values(rows).onConflictDoNothing().returning({
    id: apprentices.id,
    providerId: apprentices.providerId,
    givenNames: apprentices.givenNames,
    familyName: apprentices.familyName,
    uln: apprentices.uln,
  });
  if (inserted.length > 0) {
    await db.insert(auditEvents).values(
      inserted.map((r) => ({
        organisationId: r.providerId,
        actorLabel: "System (demo data)",
        action: "apprentice.created",
        entityType: "apprentice",
        entityId: r.id,
        summary: `Created the record for ${r.givenNames} ${r.familyName} (ULN ${r.uln}) as part of the demo data`,
      })),
    );
  }
  return inserted.map((r) => r.id);
}

const NPQ_DEMO_COURSES: NpqCourse[] = [
  "npq-senior-leadership",
  "npq-headship",
  "npq-leading-teaching",
  "npq-senco",
  "npq-leading-behaviour-culture",
  "npq-early-years-leadership",
];
const TEACHERS = [
  "Hannah Lewis",
  "Daniel Osei",
  "Priya Nair",
  "Tom Gallagher",
  "Chloe Evans",
  "Imran Malik",
  "Sophie Turner",
  "Kwame Mensah",
  "Laura Fitzgerald",
  "Ben Carter",
  "Aisha Rahman",
  "Jack Morrison",
  "Emily Shaw",
  "Oliver Price",
  "Fatima Hussain",
  "Ryan Doyle",
  "Megan Hughes",
  "Samuel Okafor",
  "Rebecca Lane",
  "Adam Kowalski",
  "Grace Whitaker",
  "Nathan Brooks",
  "Zoe Campbell",
  "Lewis Grant",
];

/** NPQ world for the lead providers: DfE schedules, delivery partners, teachers, applications and monthly statements. Idempotent. */
async function seedLeadProviderWorld(db: Db) {
  await loadReferenceData(db);
  // DfE's schedules file stops at 2024 for NPQ: open 2025 as a platform admin would, from 2024's pattern.
  const [npq2025] = await db
    .select({ id: schedules.id })
    .from(schedules)
    .where(and(eq(schedules.cohort, 2025), like(schedules.type, "npq\\_%")))
    .limit(1);
  if (!npq2025) await copyNpqSchedulesIn(db, { kind: "system", label: "Demo data" }, 2024, 2025);
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(participants);
  if ((existing?.n ?? 0) > 0) return;
  const leadProviders = await db.select().from(organisations).where(eq(organisations.type, "lead_provider")).orderBy(organisations.code);
  if (leadProviders.length === 0) return;
  const partners = await db
    .insert(deliveryPartners)
    .values([{ name: "Pennine Teaching School Hub" }, { name: "Coastal Schools Partnership" }, { name: "Midlands Leadership Alliance" }])
    .returning();
  for (const [i, lp] of leadProviders.entries()) {
    for (const cohort of [2023, 2024, 2025]) {
      await db
        .insert(partnerships)
        .values([partners[i % partners.length]!, partners[(i + 1) % partners.length]!].map((p) => ({ deliveryPartnerId: p.id, leadProviderId: lp.id, cohort })))
        .onConflictDoNothing();
    }
    // Monthly output-fee statements for the 2024 and 2025 cohorts, deadline the last day of the month, paid on the 25th of the next.
    const months: { year: number; month: number; cohort: number }[] = [];
    for (let m = 0; m < 51; m++) {
      const year = 2024 + Math.floor((9 + m) / 12);
      const month = ((9 + m) % 12) + 1;
      for (const cohort of [2024, 2025]) if (cohort === 2024 || year * 12 + month >= 2025 * 12 + 9) months.push({ year, month, cohort });
    }
    await db
      .insert(npqStatements)
      .values(
        months.map(({ year, month, cohort }) => ({
          leadProviderId: lp.id,
          cohort,
          year,
          month,
          deadlineDate: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
          paymentDate: new Date(Date.UTC(year, month, 25)).toISOString().slice(0, 10),
          outputFee: true,
        })),
      )
      .onConflictDoNothing();
  }
  const people = await db
    .insert(participants)
    .values(
      TEACHERS.map((name, i) => ({
        fullName: name,
        email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@school${i % 7}.example`,
        trn: String(1_234_500 + i * 7),
        trnValidated: i % 5 !== 0,
      })),
    )
    .returning();
  const applications: (typeof npqApplications.$inferInsert)[] = [];
  people.forEach((person, i) => {
    const course = NPQ_DEMO_COURSES[i % NPQ_DEMO_COURSES.length]!;
    const cohort = i % 4 === 0 ? 2025 : 2024;
    const base = {
      participantId: person.id,
      courseIdentifier: course,
      cohort,
      eligibleForFunding: i % 6 !== 0,
      ineligibleForFundingReason: i % 6 === 0 ? "previously-funded" : null,
      fundingChoice: i % 6 === 0 ? "school" : null,
      headteacherStatus: course === "npq-headship" ? "yes_when_course_starts" : "no",
      schoolUrn: String(100_000 + i * 13),
      schoolUkprn: String(10_000_000 + i * 17),
      worksInSchool: true,
      targetedDeliveryFundingEligibility: i % 3 === 0,
      teacherCatchment: true,
      teacherCatchmentCountry: "United Kingdom of Great Britain and Northern Ireland",
      teacherCatchmentIsoCountryCode: "GBR",
      leadMentor: false,
    };
    applications.push({ ...base, leadProviderId: leadProviders[i % leadProviders.length]!.id });
    // Every fourth teacher has also applied for the same course with the other lead provider: accepting one rejects the other.
    if (i % 4 === 1 && leadProviders.length > 1) applications.push({ ...base, leadProviderId: leadProviders[(i + 1) % leadProviders.length]!.id });
  });
  await db.insert(npqApplications).values(applications);
}
