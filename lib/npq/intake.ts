import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { npqApplications, organisations, participants } from "@/db/schema";
import { NPQ_COURSES } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit, recordAuditMany } from "@/lib/audit/service";
import { db, type Tx } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { COHORTS } from "@/lib/dfe/schedules";

/**
 * The platform admin's intake of NPQ applications (DfE's registration service sends them to lead providers).
 * One at a time from a form, or many from a CSV file that is imported all-or-nothing.
 */

const HEADTEACHER_STATUSES = [
  "no",
  "yes_when_course_starts",
  "yes_in_first_two_years",
  "yes_over_two_years",
  "yes_in_first_five_years",
  "yes_over_five_years",
] as const;
const FUNDING_CHOICES = ["school", "trust", "self", "another", "employer"] as const;
const yesNo = (label: string) =>
  z
    .union([z.boolean(), z.enum(["yes", "no", "true", "false", "Yes", "No", "TRUE", "FALSE"])], { error: `Select whether ${label}` })
    .transform((v) => v === true || String(v).toLowerCase() === "yes" || String(v).toLowerCase() === "true");
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** An optional number of exactly `length` digits (blank is null). */
const optionalDigits = (length: number, error: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || new RegExp(`^\\d{${length}}$`).test(v), { error });

export const applicationIntakeSchema = z.object({
  leadProviderId: z.uuid({ error: "Select the lead provider" }),
  fullName: z.string().trim().min(1, { error: "Enter the participant's full name" }).max(200),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" })),
  trn: optionalDigits(7, "TRN must be 7 digits"),
  courseIdentifier: z.enum(NPQ_COURSES, { error: "Select the course" }),
  cohort: z.coerce.number({ error: "Select the cohort" }).refine((v) => (COHORTS as readonly number[]).includes(v), { error: "Select the cohort" }),
  eligibleForFunding: yesNo("the participant is eligible for funding"),
  fundingChoice: z
    .enum(FUNDING_CHOICES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  headteacherStatus: z.enum(HEADTEACHER_STATUSES, { error: "Select the headteacher status" }),
  worksInSchool: yesNo("the participant works in a school"),
  schoolUrn: optionalDigits(6, "School URN must be 6 digits"),
  employerName: optional(200),
  employmentRole: optional(200),
});
export type ApplicationIntake = z.input<typeof applicationIntakeSchema>;
type Intake = z.output<typeof applicationIntakeSchema>;

function crossCheck(data: Intake): Record<string, string> {
  const errors: Record<string, string> = {};
  if (data.worksInSchool && !data.schoolUrn) errors.schoolUrn = "Enter the school URN for a participant who works in a school";
  if (!data.worksInSchool && !data.employerName) errors.employerName = "Enter the employer for a participant who does not work in a school";
  if (!data.eligibleForFunding && !data.fundingChoice) errors.fundingChoice = "Select how a participant who is not eligible for funding will pay";
  return errors;
}

async function findOrCreateParticipant(tx: Tx, data: Intake) {
  const [existing] = await tx
    .select()
    .from(participants)
    .where(data.trn ? eq(participants.trn, data.trn) : eq(sql`lower(${participants.email})`, data.email))
    .limit(1);
  if (existing) return existing;
  const [created] = await tx
    .insert(participants)
    .values({ fullName: data.fullName, email: data.email, trn: data.trn, trnValidated: Boolean(data.trn) })
    .returning();
  return created!;
}

async function insertApplication(tx: Tx, data: Intake) {
  const participant = await findOrCreateParticipant(tx, data);
  const [duplicate] = await tx
    .select({ id: npqApplications.id })
    .from(npqApplications)
    .where(
      and(
        eq(npqApplications.participantId, participant.id),
        eq(npqApplications.leadProviderId, data.leadProviderId),
        eq(npqApplications.courseIdentifier, data.courseIdentifier),
        eq(npqApplications.cohort, data.cohort),
        inArray(npqApplications.status, ["pending", "accepted"]),
      ),
    );
  if (duplicate) return { duplicate: true as const, participant };
  const [application] = await tx
    .insert(npqApplications)
    .values({
      participantId: participant.id,
      leadProviderId: data.leadProviderId,
      courseIdentifier: data.courseIdentifier,
      cohort: data.cohort,
      eligibleForFunding: data.eligibleForFunding,
      fundingChoice: data.fundingChoice ?? null,
      ineligibleForFundingReason: data.eligibleForFunding ? null : "previously-funded",
      headteacherStatus: data.headteacherStatus,
      worksInSchool: data.worksInSchool,
      schoolUrn: data.schoolUrn,
      employerName: data.employerName,
      employmentRole: data.employmentRole,
      teacherCatchment: true,
      teacherCatchmentCountry: "United Kingdom of Great Britain and Northern Ireland",
      teacherCatchmentIsoCountryCode: "GBR",
    })
    .returning();
  return { duplicate: false as const, participant, application: application! };
}

async function leadProviderExists(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.type, "lead_provider")));
  return Boolean(row);
}

/** One application from the form. */
export async function createNpqApplication(actor: UserActor, input: unknown) {
  assertCan(actor, "npq.admin");
  const data = parseInput(applicationIntakeSchema, input);
  const errors = crossCheck(data);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return db().transaction(async (tx) => {
    if (!(await leadProviderExists(tx, data.leadProviderId))) throw new ValidationError({ leadProviderId: "Select the lead provider" });
    const result = await insertApplication(tx, data);
    if (result.duplicate)
      throw new ValidationError({ courseIdentifier: "This participant already has an application for this course and cohort with this lead provider" });
    await recordAudit(tx, actor, {
      action: "npq_application.created",
      entityType: "npq_application",
      entityId: result.application.id,
      summary: `Loaded an NPQ application for ${data.fullName} (${data.courseIdentifier}, cohort ${data.cohort})`,
      organisationId: data.leadProviderId,
    });
    return result.application;
  });
}

export const INTAKE_CSV_COLUMNS = [
  "lead_provider",
  "full_name",
  "email",
  "trn",
  "course_identifier",
  "cohort",
  "eligible_for_funding",
  "funding_choice",
  "headteacher_status",
  "works_in_school",
  "school_urn",
  "employer_name",
  "employment_role",
] as const;
const FIELD_OF: Record<string, (typeof INTAKE_CSV_COLUMNS)[number]> = {
  leadProviderId: "lead_provider",
  fullName: "full_name",
  email: "email",
  trn: "trn",
  courseIdentifier: "course_identifier",
  cohort: "cohort",
  eligibleForFunding: "eligible_for_funding",
  fundingChoice: "funding_choice",
  headteacherStatus: "headteacher_status",
  worksInSchool: "works_in_school",
  schoolUrn: "school_urn",
  employerName: "employer_name",
  employmentRole: "employment_role",
};

export type IntakeProblem = { line: number; column: string; message: string };

/**
 * Many applications from a CSV file (lead_provider is the lead provider's code, e.g. NORTHSTAR). Every row is
 * checked first; when any row has a problem nothing is imported and every problem is returned by line and column.
 */
export async function importNpqApplicationsCsv(
  actor: UserActor,
  content: string,
): Promise<{ imported: number; skippedDuplicates: number; problems: IntakeProblem[] }> {
  assertCan(actor, "npq.admin");
  const parsed = Papa.parse<Record<string, string>>(content.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const headers = parsed.meta.fields ?? [];
  const missing = INTAKE_CSV_COLUMNS.filter((c) => !headers.includes(c));
  if (missing.length)
    return {
      imported: 0,
      skippedDuplicates: 0,
      problems: [{ line: 1, column: missing.join(", "), message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` }],
    };
  if (parsed.data.length === 0)
    return { imported: 0, skippedDuplicates: 0, problems: [{ line: 1, column: "", message: "The file has no rows under the header" }] };
  if (parsed.data.length > 5000)
    return { imported: 0, skippedDuplicates: 0, problems: [{ line: 1, column: "", message: "Upload at most 5,000 applications in one file" }] };
  const lps = await db().select({ id: organisations.id, code: organisations.code }).from(organisations).where(eq(organisations.type, "lead_provider"));
  const problems: IntakeProblem[] = [];
  const rows: { line: number; data: Intake }[] = [];
  parsed.data.forEach((raw, index) => {
    const line = index + 2;
    const lp = lps.find((l) => l.code.toLowerCase() === (raw.lead_provider ?? "").trim().toLowerCase());
    if (!lp) problems.push({ line, column: "lead_provider", message: `Unknown lead provider "${raw.lead_provider ?? ""}"` });
    const result = applicationIntakeSchema.safeParse({
      leadProviderId: lp?.id ?? "00000000-0000-0000-0000-000000000000",
      fullName: raw.full_name,
      email: raw.email,
      trn: raw.trn,
      courseIdentifier: raw.course_identifier?.trim(),
      cohort: raw.cohort,
      eligibleForFunding: raw.eligible_for_funding?.trim(),
      fundingChoice: raw.funding_choice?.trim(),
      headteacherStatus: raw.headteacher_status?.trim(),
      worksInSchool: raw.works_in_school?.trim(),
      schoolUrn: raw.school_urn,
      employerName: raw.employer_name,
      employmentRole: raw.employment_role,
    });
    if (!result.success) {
      const seen = new Set<string>();
      for (const issue of result.error.issues) {
        const column = FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
        if (!seen.has(column)) problems.push({ line, column, message: issue.message });
        seen.add(column);
      }
      return;
    }
    for (const [field, message] of Object.entries(crossCheck(result.data))) problems.push({ line, column: FIELD_OF[field] ?? field, message });
    if (lp) rows.push({ line, data: result.data });
  });
  if (problems.length) return { imported: 0, skippedDuplicates: 0, problems: problems.sort((a, b) => a.line - b.line) };
  return db().transaction(async (tx) => {
    let imported = 0;
    let skippedDuplicates = 0;
    const events = [];
    for (const row of rows) {
      const result = await insertApplication(tx, row.data);
      if (result.duplicate) skippedDuplicates++;
      else {
        imported++;
        events.push({
          action: "npq_application.created",
          entityType: "npq_application",
          entityId: result.application.id,
          summary: `Loaded an NPQ application for ${row.data.fullName} (${row.data.courseIdentifier}, cohort ${row.data.cohort}) from a CSV file`,
          organisationId: row.data.leadProviderId,
        });
      }
    }
    await recordAuditMany(tx, actor, events);
    return { imported, skippedDuplicates, problems: [] };
  });
}

/** Applications by status for every lead provider (the platform admin's overview). */
export async function applicationSummaryByLeadProvider(actor: UserActor) {
  assertCan(actor, "npq.admin");
  return db()
    .select({
      id: organisations.id,
      name: organisations.name,
      code: organisations.code,
      pending: sql<number>`count(${npqApplications.id}) filter (where ${npqApplications.status} = 'pending')::int`,
      accepted: sql<number>`count(${npqApplications.id}) filter (where ${npqApplications.status} = 'accepted')::int`,
      rejected: sql<number>`count(${npqApplications.id}) filter (where ${npqApplications.status} = 'rejected')::int`,
    })
    .from(organisations)
    .leftJoin(npqApplications, eq(npqApplications.leadProviderId, organisations.id))
    .where(eq(organisations.type, "lead_provider"))
    .groupBy(organisations.id)
    .orderBy(organisations.name);
}
