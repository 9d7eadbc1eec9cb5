import { z } from "zod";
import { parseSearchParams, searchInt, searchPage, searchText, type RawSearchParams } from "@/lib/validation";
import { NPQ_COURSES } from "@/lib/domain";

/**
 * The lead provider portal's forms and list URLs (plain module: the client forms validate with the same schemas the
 * server actions parse with). These only check that the form is filled in; every NPQ rule is the service's, whose
 * DfE messages come back onto the fields.
 */

const uuidList = z.array(z.uuid()).min(1, { error: "Select at least one application" }).max(100, { error: "Select 100 applications or fewer at a time" });

export const bulkDecisionSchema = z.object({
  decision: z.enum(["accept", "reject"]),
  ids: uuidList,
});

export const acceptFormSchema = z.object({
  /** Empty: DfE's default (the course's schedule whose start most recently passed). */
  scheduleIdentifier: z.string().trim().max(100),
  /** Empty for cohorts without a funding cap (no question asked); from 2024 the service refuses an empty answer with DfE's message. */
  fundedPlace: z.enum(["", "yes", "no"]),
});
export type AcceptFormValues = z.input<typeof acceptFormSchema>;

export const fundedPlaceFormSchema = z.object({
  fundedPlace: z.enum(["yes", "no"], { error: "Select whether this is a funded place" }),
});
export type FundedPlaceFormValues = z.input<typeof fundedPlaceFormSchema>;

const course = z.enum(NPQ_COURSES, { error: "Select the course" });

export const deferFormSchema = z.object({
  courseIdentifier: course,
  reason: z.string().min(1, { error: "Select the reason for the deferral" }),
});
export type DeferFormValues = z.input<typeof deferFormSchema>;

export const withdrawFormSchema = z.object({
  courseIdentifier: course,
  reason: z.string().min(1, { error: "Select the reason for the withdrawal" }),
});
export type WithdrawFormValues = z.input<typeof withdrawFormSchema>;

export const resumeFormSchema = z.object({ courseIdentifier: course });

export const changeScheduleFormSchema = z.object({
  courseIdentifier: course,
  scheduleIdentifier: z.string().trim().min(1, { error: "Select the new schedule" }),
});
export type ChangeScheduleFormValues = z.input<typeof changeScheduleFormSchema>;

export const declarationFormSchema = z
  .object({
    courseIdentifier: z.string().min(1, { error: "Select the course" }),
    declarationType: z.string().min(1, { error: "Select the declaration type" }),
    declarationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the declaration date" }),
    hasPassed: z.enum(["", "yes", "no"]),
    deliveryPartnerId: z.string(),
    secondaryDeliveryPartnerId: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.declarationType === "completed" && v.hasPassed === "") {
      ctx.addIssue({ code: "custom", path: ["hasPassed"], message: "Select whether the participant passed the course" });
    }
  });
export type DeclarationFormValues = z.input<typeof declarationFormSchema>;

/** "2025-03-03" → the RFC 3339 date and time DfE's API takes: midnight in England (the API reads a time without an offset as London time). */
export function declarationDateTime(day: string): string {
  return `${day}T00:00:00`;
}

// ---------------------------------------------------------------------------------------------------------------
// List URLs: bad values are ignored, so a bookmarked view never breaks.

export const PORTAL_PAGE_SIZES = [25, 50, 100] as const;
const page = searchPage();
const perPage = (fallback: (typeof PORTAL_PAGE_SIZES)[number]) =>
  z.coerce
    .number()
    .refine((n) => (PORTAL_PAGE_SIZES as readonly number[]).includes(n))
    .catch(fallback);
const cohort = searchInt(2000, 2100);

export const APPLICATION_LIST_SORTS = ["oldest", "newest", "updated"] as const;

export const applicationListSchema = z.object({
  q: searchText(100),
  status: z.enum(["pending", "accepted", "rejected"]).optional().catch(undefined),
  cohort,
  course: z.enum(NPQ_COURSES).optional().catch(undefined),
  sort: z.enum(APPLICATION_LIST_SORTS).catch("oldest"),
  page,
  perPage: perPage(25),
});
export type ApplicationListQuery = z.infer<typeof applicationListSchema>;

export const PARTICIPANT_LIST_SORTS = ["oldest", "newest", "updated"] as const;

export const participantListSchema = z.object({
  cohort,
  trainingStatus: z.enum(["active", "deferred", "withdrawn"]).optional().catch(undefined),
  sort: z.enum(PARTICIPANT_LIST_SORTS).catch("oldest"),
  page,
  perPage: perPage(25),
});
export type ParticipantListQuery = z.infer<typeof participantListSchema>;

export const statementListSchema = z.object({ cohort, page, perPage: perPage(50) });
export type StatementListQuery = z.infer<typeof statementListSchema>;

export const adminStatementListSchema = z.object({
  leadProvider: z.uuid().optional().catch(undefined),
  cohort,
  state: z.enum(["open", "payable", "paid"]).optional().catch(undefined),
  page,
  perPage: perPage(50),
});
export type AdminStatementListQuery = z.infer<typeof adminStatementListSchema>;

export const pageOnlySchema = z.object({ page, perPage: perPage(50) });

export function parseList<S extends z.ZodObject>(schema: S, params: RawSearchParams): z.infer<S> {
  return parseSearchParams(schema, params).query;
}

/** The list's non-default URL params (defaults are left out so URLs stay short), with overrides. */
export function listHref(
  basePath: string,
  query: Record<string, string | number | undefined>,
  defaults: Record<string, string | number> = { page: 1 },
  overrides: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...overrides })) {
    if (value === undefined || value === null || value === "") continue;
    if (defaults[key] !== undefined && String(defaults[key]) === String(value)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** Platform admins: copy a cohort's NPQ schedules into a later cohort (the service checks the cohorts). */
export const copySchedulesFormSchema = z.object({
  fromCohort: z.string().min(1, { error: "Choose the cohort to copy from" }),
  toCohort: z.string().min(1, { error: "Choose the cohort to open" }),
});
export type CopySchedulesFormValues = z.input<typeof copySchedulesFormSchema>;
