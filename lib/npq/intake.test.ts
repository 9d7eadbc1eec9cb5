import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { npqApplications } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser } from "@/tests/support/factories";
import { ensureReferenceData } from "@/tests/support/npq";
import { createNpqApplication, importNpqApplicationsCsv, INTAKE_CSV_COLUMNS } from "./intake";

let admin: UserActor, lpAdmin: UserActor;
let lp: Awaited<ReturnType<typeof createOrganisation>>;
beforeAll(async () => {
  await ensureReferenceData();
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
  lp = await createOrganisation("lead_provider");
  lpAdmin = await createUser(lp, "lead_provider_admin");
});

const trn = () => String(crypto.randomInt(1_000_000, 9_999_999));
const form = (overrides: Record<string, unknown> = {}) => ({
  leadProviderId: lp.id,
  fullName: "Ada Lovelace",
  email: `ada.${crypto.randomUUID().slice(0, 8)}@school.example`,
  trn: trn(),
  courseIdentifier: "npq-headship",
  cohort: "2024",
  eligibleForFunding: "yes",
  fundingChoice: "",
  headteacherStatus: "no",
  worksInSchool: "yes",
  schoolUrn: "123456",
  employerName: "",
  employmentRole: "",
  ...overrides,
});

describe("NPQ application intake", () => {
  it("loads an application, creating the participant or reusing them by TRN", async () => {
    const input = form();
    const first = await createNpqApplication(admin, input);
    expect(first).toMatchObject({ leadProviderId: lp.id, courseIdentifier: "npq-headship", cohort: 2024, status: "pending", eligibleForFunding: true });
    const second = await createNpqApplication(admin, { ...input, courseIdentifier: "npq-senco", email: "other@school.example" });
    expect(second.participantId).toBe(first.participantId);
    await expect(createNpqApplication(admin, input)).rejects.toMatchObject({
      fieldErrors: { courseIdentifier: expect.stringContaining("already has an application") },
    });
  });

  it("explains bad input field by field", async () => {
    const error = await createNpqApplication(
      admin,
      form({ email: "nope", trn: "12", courseIdentifier: "npq-juggling", cohort: "1999", worksInSchool: "no", schoolUrn: "" }),
    ).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toMatchObject({
      email: "Enter an email address in the correct format, like name@example.com",
      trn: "TRN must be 7 digits",
      courseIdentifier: "Select the course",
      cohort: "Select the cohort",
    });
    const cross = await createNpqApplication(admin, form({ worksInSchool: "no", schoolUrn: "", eligibleForFunding: "no" })).catch((e: unknown) => e);
    expect((cross as ValidationError).fieldErrors).toEqual({
      employerName: "Enter the employer for a participant who does not work in a school",
      fundingChoice: "Select how a participant who is not eligible for funding will pay",
    });
  });

  it("imports a CSV all-or-nothing, listing every problem by line and column", async () => {
    const row = (overrides: Record<string, string> = {}) => {
      const values: Record<string, string> = {
        lead_provider: lp.code,
        full_name: "Grace Hopper",
        email: `g.${crypto.randomUUID().slice(0, 6)}@school.example`,
        trn: trn(),
        course_identifier: "npq-senco",
        cohort: "2025",
        eligible_for_funding: "yes",
        funding_choice: "",
        headteacher_status: "no",
        works_in_school: "yes",
        school_urn: "654321",
        employer_name: "",
        employment_role: "",
        ...overrides,
      };
      return INTAKE_CSV_COLUMNS.map((c) => values[c]).join(",");
    };
    const header = INTAKE_CSV_COLUMNS.join(",");
    const bad = [header, row(), row({ lead_provider: "NOPE" }), row({ email: "bad", cohort: "2030" })].join("\n");
    const before = (await db().select().from(npqApplications).where(eq(npqApplications.leadProviderId, lp.id))).length;
    const result = await importNpqApplicationsCsv(admin, bad);
    expect(result.imported).toBe(0);
    expect(result.problems).toEqual([
      { line: 3, column: "lead_provider", message: 'Unknown lead provider "NOPE"' },
      { line: 4, column: "email", message: "Enter an email address in the correct format, like name@example.com" },
      { line: 4, column: "cohort", message: "Select the cohort" },
    ]);
    expect((await db().select().from(npqApplications).where(eq(npqApplications.leadProviderId, lp.id))).length).toBe(before);
    const good = await importNpqApplicationsCsv(admin, [header, row(), row()].join("\r\n"));
    expect(good).toEqual({ imported: 2, skippedDuplicates: 0, problems: [] });
    const missing = await importNpqApplicationsCsv(admin, "full_name,email\nA,b@c.d");
    expect(missing.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining("Missing columns") });
  });

  it("is for platform admins only", async () => {
    await expect(createNpqApplication(lpAdmin, form())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importNpqApplicationsCsv(lpAdmin, "x")).rejects.toBeInstanceOf(ForbiddenError);
  });
});
