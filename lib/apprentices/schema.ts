import { z } from "zod";
import { isRealDate } from "@/lib/validation";

/** Shared input rules for apprentice records: the create/edit form, its server action and the bulk upload all use these. */

export const ULN_MESSAGE = "ULN must be exactly 10 digits";
export const POSTCODE_PATTERN = /^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, { error: `Enter the ${label}` })
    .refine(isRealDate, { error: `The ${label} must be a real date in the format YYYY-MM-DD` });

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .optional()
    .transform((v) => (v ? v : null));

const optionalEmail = (label: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, { error: `Enter ${label} in the correct format, like name@example.com` });

export const apprenticeDetailsSchema = z
  .object({
    uln: z
      .string({ error: ULN_MESSAGE })
      .trim()
      .regex(/^\d{10}$/, { error: ULN_MESSAGE }),
    givenNames: z.string().trim().min(1, { error: "Enter the apprentice's given names" }).max(100, { error: "Given names must be 100 characters or fewer" }),
    familyName: z.string().trim().min(1, { error: "Enter the apprentice's family name" }).max(100, { error: "Family name must be 100 characters or fewer" }),
    dateOfBirth: isoDate("date of birth"),
    email: optionalEmail("the apprentice's email address"),
    employerName: z.string().trim().min(1, { error: "Enter the employer's name" }).max(200, { error: "Employer name must be 200 characters or fewer" }),
    employerContactName: optionalText(120, "Employer contact name"),
    employerContactEmail: optionalEmail("the employer contact's email address"),
    employerAddressLine1: optionalText(200, "Address line 1"),
    employerAddressLine2: optionalText(200, "Address line 2"),
    employerTown: optionalText(100, "Town or city"),
    employerPostcode: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || POSTCODE_PATTERN.test(v), { error: "Enter a real UK postcode, like SW1A 1AA" }),
    standardVersion: z.string().trim().min(1, { error: "Select the standard version" }),
    standardOption: optionalText(200, "Option"),
    startDate: isoDate("start date"),
    plannedEndDate: isoDate("planned end date"),
  })
  .superRefine((v, ctx) => {
    if (isRealDate(v.startDate) && isRealDate(v.plannedEndDate) && v.plannedEndDate <= v.startDate) {
      ctx.addIssue({ code: "custom", path: ["plannedEndDate"], message: "The planned end date must be after the start date" });
    }
    if (isRealDate(v.dateOfBirth) && isRealDate(v.startDate)) {
      const sixteenth = `${Number(v.dateOfBirth.slice(0, 4)) + 16}${v.dateOfBirth.slice(4)}`;
      if (sixteenth > v.startDate) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "The apprentice must be at least 16 on the start date" });
    }
  });

/** The create form: details plus the standard and EPAO chosen from lists. */
export const newApprenticeSchema = z.intersection(
  apprenticeDetailsSchema,
  z.object({
    standardId: z.uuid({ error: "Select a standard" }),
    epaoId: z.uuid({ error: "Select an EPAO" }),
  }),
);
export type NewApprenticeInput = z.input<typeof newApprenticeSchema>;

/** The edit form: details plus the version the form was loaded at (optimistic concurrency). */
export const editApprenticeSchema = z.intersection(apprenticeDetailsSchema, z.object({ id: z.uuid(), version: z.number().int().positive() }));
export type EditApprenticeInput = z.input<typeof editApprenticeSchema>;

export const breakSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int().positive(),
    breakStartDate: isoDate("break start date"),
    breakExpectedReturnDate: isoDate("expected return date"),
  })
  .superRefine((v, ctx) => {
    if (isRealDate(v.breakStartDate) && isRealDate(v.breakExpectedReturnDate) && v.breakExpectedReturnDate <= v.breakStartDate) {
      ctx.addIssue({ code: "custom", path: ["breakExpectedReturnDate"], message: "The expected return date must be after the break start date" });
    }
  });

export const resumeSchema = z.object({ id: z.uuid(), version: z.number().int().positive() });

export const WITHDRAWAL_REASONS = [
  "Left the employer",
  "Changed apprenticeship",
  "Health or personal reasons",
  "Dismissed by the employer",
  "Did not meet the requirements to continue",
  "Other",
] as const;

export const withdrawSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  withdrawnDate: isoDate("withdrawal date"),
  withdrawalReason: z.enum(WITHDRAWAL_REASONS, { error: "Select the reason for the withdrawal" }),
  details: z.string().trim().max(1000, { error: "Details must be 1000 characters or fewer" }).optional(),
});

export const changeEpaoSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  toEpaoId: z.uuid({ error: "Select the new EPAO" }),
  reason: z.string().trim().min(1, { error: "Enter the reason for the change" }).max(1000, { error: "The reason must be 1000 characters or fewer" }),
});

export const assignSchema = z.object({
  apprenticeIds: z.array(z.uuid()).min(1, { error: "Select at least one apprentice" }).max(5000, { error: "Assign at most 5,000 records at a time" }),
  assessorId: z.uuid({ error: "Select an assessor" }).nullable(),
});
export { STAGES, STATUS_COLOURS, STATUS_LABELS, allowedChanges, stageIndex } from "./rules";
