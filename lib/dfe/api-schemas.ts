import { z } from "zod";
import { DEFERRAL_REASONS, NPQ_COURSES, WITHDRAWAL_REASONS, type NpqCourse } from "@/lib/domain";
import { MESSAGES } from "../api/messages";

/**
 * zod schemas for every resource, request body and error body of the DfE Lead Provider API as we serve it:
 * NPQ API v3 (tests/fixtures/dfe/npq-api-v3.swagger.yaml) and ECF API v2 (tests/fixtures/dfe/ecf-api-v2.json).
 *
 * Attribute names, types, nullability and enums follow the DfE specs (lib/dfe/openapi.test.ts checks them
 * attribute by attribute). The OpenAPI documents served at /api/docs are generated from these schemas
 * (lib/dfe/openapi.ts), and serialisers and tests parse their output with them. Response schemas are strict:
 * an attribute the spec does not have is an error. `.meta({ description, example })` is what the docs show.
 *
 * Request bodies: each endpoint's `…Attributes` object is what the services check a request's attributes with
 * (lib/dfe/attributes.ts: `conforms(attributes.shape.reason, value)`), so an attribute's shape is defined once, here. DfE reports every
 * failed rule with its own message, in its own order and interleaved with rules that need the database, so the
 * services ask attribute by attribute and answer with DfE's message (lib/api/messages.ts) where the rule fails.
 */

// ---------------------------------------------------------------------------------------------------------
// Enums, exactly as the specs spell them (including their quirks, noted where they matter).
// ---------------------------------------------------------------------------------------------------------

/** The courses without an assessment, so without outcomes. */
const NO_OUTCOME_COURSES = ["npq-additional-support-offer", "npq-early-headship-coaching-offer"] as const;
type OutcomeCourse = Exclude<NpqCourse, (typeof NO_OUTCOME_COURSES)[number]>;

export const DFE_ENUMS = {
  /** NPQ course identifiers (v3): NPQ_COURSES of @/lib/domain. */
  npqCourseIdentifier: NPQ_COURSES,
  /** Outcomes exist only for courses with an assessment: not the additional support offer nor early headship coaching. */
  npqOutcomeCourseIdentifier: NPQ_COURSES.filter((c): c is OutcomeCourse => !(NO_OUTCOME_COURSES as readonly NpqCourse[]).includes(c)) as [
    OutcomeCourse,
    ...OutcomeCourse[],
  ],
  npqScheduleIdentifier: [
    "npq-aso-march",
    "npq-aso-june",
    "npq-aso-november",
    "npq-aso-december",
    "npq-ehco-march",
    "npq-ehco-june",
    "npq-ehco-november",
    "npq-ehco-december",
    "npq-leadership-autumn",
    "npq-leadership-spring",
    "npq-specialist-autumn",
    "npq-specialist-spring",
  ],
  npqFundingChoice: ["school", "trust", "self", "another", "employer"],
  npqHeadteacherStatus: ["no", "yes_when_course_starts", "yes_in_first_two_years", "yes_over_two_years", "yes_in_first_five_years", "yes_over_five_years"],
  npqApplicationIneligibleForFundingReason: ["previously-funded", "establishment-ineligible"],
  npqApplicationStatus: ["pending", "accepted", "rejected"],
  trainingStatus: ["active", "deferred", "withdrawn"],
  deferralReason: DEFERRAL_REASONS,
  /** DfE's list verbatim: note the trailing full stop on "quality-of-programme-structure-not-suitable.". */
  npqWithdrawalReason: WITHDRAWAL_REASONS,
  npqDeclarationType: ["started", "retained-1", "retained-2", "completed"],
  npqDeclarationState: ["submitted", "eligible", "payable", "paid", "voided", "ineligible", "awaiting_clawback", "clawed_back"],
  declarationIneligibleForFundingReason: ["duplicate_declaration"],
  npqOutcomeState: ["passed", "failed", "voided"],
  npqOutcomeRequestState: ["passed", "failed"],
  npqSort: ["created_at", "-created_at", "updated_at", "-updated_at"],
  deliveryPartnerSort: ["name", "-name", "created_at", "-created_at", "updated_at", "-updated_at"],

  ecfCourseIdentifier: ["ecf-induction", "ecf-mentor"],
  ecfParticipantType: ["ect", "mentor"],
  ecfParticipantStatus: ["active", "withdrawn"],
  ecfScheduleIdentifier: [
    "ecf-standard-september",
    "ecf-standard-january",
    "ecf-standard-april",
    "ecf-reduced-september",
    "ecf-reduced-january",
    "ecf-reduced-april",
    "ecf-extended-september",
    "ecf-extended-january",
    "ecf-extended-april",
    "ecf-replacement-september",
    "ecf-replacement-january",
    "ecf-replacement-april",
  ],
  ecfWithdrawalReason: ["left-teaching-profession", "moved-school", "mentor-no-longer-being-mentor", "switched-to-school-led", "other"],
  ecfDeclarationType: ["started", "retained-1", "retained-2", "retained-3", "retained-4", "completed", "extended-1", "extended-2", "extended-3"],
  /** The v2 spec lists six states: no awaiting_clawback or clawed_back (v3 has them). */
  ecfDeclarationState: ["submitted", "eligible", "payable", "paid", "voided", "ineligible"],
  ecfEvidenceHeldPre2025: ["training-event-attended", "self-study-material-completed", "other"],
  ecfEvidenceHeldPost2024: ["training-event-attended", "self-study-material-completed", "materials-engaged-with-offline", "other"],
  ecfEvidenceHeldPost2024EctRetained: [
    "training-event-attended",
    "self-study-material-completed",
    "materials-engaged-with-offline",
    "other",
    "75-percent-engagement-met",
    "75-percent-engagement-met-reduced-induction",
  ],
  ecfEvidenceHeldPost2024EctCompleted: ["75-percent-engagement-met", "75-percent-engagement-met-reduced-induction", "one-term-induction"],
  ecfEvidenceHeldPost2024MentorCompleted: ["75-percent-engagement-met", "75-percent-engagement-met-reduced-induction"],
} as const;

// ---------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------

type Meta = { description: string; example?: unknown };

/** A UUID as Postgres stores it (any 8-4-4-4-12 hex string); JSON Schema `format: uuid`. */
const uuid = (meta: Meta) => z.guid().meta(meta);
/** RFC 3339 date and time with `Z` or an offset (DfE's `format: date-time`). */
const dateTime = (meta: Meta) => z.iso.datetime({ offset: true }).meta(meta);
const text = (meta: Meta) => z.string().meta(meta);
const bool = (meta: Meta) => z.boolean().meta(meta);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, meta: Meta) => z.enum(values).meta(meta);

/** The unique ID of a resource (DfE's IDAttribute). */
export const idAttribute = z.guid().meta({ description: "The unique ID of the resource.", example: "d0b4a32e-a272-489e-b30a-cb17131457fc" });

/** `{"data":{…}}`: a single resource. */
export function singleEnvelope<T extends z.ZodType>(resource: T, description: string) {
  return z.strictObject({ data: resource }).meta({ description });
}

/** `{"data":[…]}`: a page of resources. Lists hold only `data`: no totals, no links. */
export function listEnvelope<T extends z.ZodType>(resource: T, description: string) {
  return z.strictObject({ data: z.array(resource) }).meta({ description });
}

// ---------------------------------------------------------------------------------------------------------
// Error bodies (both versions)
// ---------------------------------------------------------------------------------------------------------

export const unauthorisedResponse = z
  .strictObject({ error: z.literal(MESSAGES.unauthorized).meta({ description: "Always this text.", example: MESSAGES.unauthorized }) })
  .meta({ description: "Authorization information is missing or invalid.", example: { error: MESSAGES.unauthorized } });

export const notFoundResponse = z
  .strictObject({ error: z.literal("Resource not found").meta({ description: "Always this text.", example: "Resource not found" }) })
  .meta({ description: "The requested resource was not found, or belongs to another lead provider.", example: { error: "Resource not found" } });

export const badRequestResponse = z
  .strictObject({
    errors: z
      .array(
        z.strictObject({
          title: z.literal(MESSAGES.bad_request).meta({ description: "Always this text.", example: MESSAGES.bad_request }),
          detail: text({ description: "What was wrong with the request.", example: MESSAGES.invalid_data_structure }),
        }),
      )
      .min(1),
  })
  .meta({
    description: "The request body was not the expected JSON structure, or a page, filter or header value was malformed.",
    example: { errors: [{ title: MESSAGES.bad_request, detail: MESSAGES.invalid_data_structure }] },
  });

export const unprocessableEntityResponse = z
  .strictObject({
    errors: z
      .array(
        z.strictObject({
          title: text({ description: "The attribute the problem is about.", example: "participant_id" }),
          detail: text({ description: "DfE's message for the problem.", example: MESSAGES["participant_id.already_withdrawn"] }),
        }),
      )
      .min(1),
  })
  .meta({
    description: "The payload was not valid, or the change is not allowed. See the errors for more information.",
    example: { errors: [{ title: "participant_id", detail: MESSAGES["participant_id.already_withdrawn"] }] },
  });

/** 429 body (text/plain), with a Retry-After header in seconds. */
export const rateLimitedResponse = z
  .literal("Retry later")
  .meta({ description: "More than 1,000 requests in 5 minutes with this token.", example: "Retry later" });

// ---------------------------------------------------------------------------------------------------------
// NPQ API v3 — resources
// ---------------------------------------------------------------------------------------------------------

const npqCourse = (description = "The NPQ course this NPQ application relates to") =>
  oneOf(DFE_ENUMS.npqCourseIdentifier, { description, example: "npq-senior-leadership" });
const npqCohort = () =>
  text({
    description:
      "Indicates which call-off contract would fund this participant's training. 2021 indicates a participant that has started, or will start, their training in the 2021/22 academic year.",
    example: "2022",
  }).nullable();
const cohortSuffix = () => text({ description: "Differentiator when there are multiple call-off contracts within the same year", example: "a" });
const npqSchedule = () => oneOf(DFE_ENUMS.npqScheduleIdentifier, { description: "The schedule of the participant", example: "npq-aso-march" }).nullable();
const createdAt = (what: string) => dateTime({ description: `The date ${what} was created`, example: "2021-05-31T02:21:32.000Z" });
const updatedAt = (what: string) => dateTime({ description: `The date ${what} was last updated`, example: "2021-05-31T02:22:32.000Z" });

export const npqApplicationAttributes = z.strictObject({
  course_identifier: npqCourse(),
  email: text({ description: "The email address registered for this NPQ participant", example: "isabelle.macdonald2@some-school.example.com" }).nullable(),
  email_validated: bool({ description: "Indicates whether the email address has been validated", example: true }),
  employer_name: text({
    description: "The name of current employer of the participant if not currently employed by school",
    example: "Some Company Ltd",
  }).nullable(),
  employment_role: text({
    description: "Participant's current role in the company they are employed in if not currently employed by school",
    example: "Director",
  }).nullable(),
  full_name: text({ description: "The full name of this NPQ participant", example: "Isabelle MacDonald" }),
  funding_choice: oneOf(DFE_ENUMS.npqFundingChoice, {
    description: "How this NPQ participant has said they will fund their training",
    example: "school",
  }).nullable(),
  headteacher_status: oneOf(DFE_ENUMS.npqHeadteacherStatus, { description: "Whether this NPQ participant is or will be a head teacher", example: "no" }),
  ineligible_for_funding_reason: oneOf(DFE_ENUMS.npqApplicationIneligibleForFundingReason, {
    description: "Why this NPQ participant is not eligible for DfE funding",
    example: "previously-funded",
  }).nullable(),
  participant_id: uuid({ description: "The unique identifier of this NPQ participant", example: "7a8fef46-3c43-42c0-b3d5-1ba5904ba562" }),
  private_childcare_provider_urn: text({ description: "The Unique Reference Number (URN) of the private childcare provider", example: "EY944860" }).nullable(),
  teacher_reference_number: text({ description: "The Teacher Reference Number (TRN) for this NPQ participant", example: "1234567" }).nullable(),
  teacher_reference_number_validated: bool({ description: "Whether the Teacher Reference Number (TRN) has been validated", example: true }),
  school_urn: text({ description: "The Unique Reference Number (URN) of the school where this NPQ participant is employed", example: "106286" }),
  school_ukprn: text({
    description: "The UK Provider Reference Number (UKPRN) of the school where this NPQ participant is employed",
    example: "10079319",
  }).nullable(),
  status: oneOf(DFE_ENUMS.npqApplicationStatus, { description: "The current state of the NPQ application", example: "pending" }).nullable(),
  reason_for_rejection: text({ description: "Why the application was rejected", example: "Application does not meet eligibility criteria" }).nullable(),
  works_in_school: bool({ description: "Whether the participant is currently employed by a school", example: true }),
  cohort: npqCohort(),
  cohort_suffix: cohortSuffix(),
  eligible_for_funding: bool({ description: "Whether this NPQ participant would be eligible for funding from the DfE", example: true }),
  targeted_delivery_funding_eligibility: bool({ description: "Whether this application is eligible for the Targeted Delivery Funding uplift", example: true }),
  teacher_catchment: bool({ description: "Whether the participant is UK-based (true) or not (false)", example: true }).nullable(),
  teacher_catchment_country: text({
    description: "The country the participant entered during their NPQ registration",
    example: "United Kingdom of Great Britain and Northern Ireland",
  }).nullable(),
  teacher_catchment_iso_country_code: text({ description: "ISO 3166 alpha-3 code of the country the participant registered from", example: "GBR" }).nullable(),
  itt_provider: text({
    description: "The legal name of the ITT accredited provider, from DfE's list of providers",
    example: "University of Southampton",
  }).nullable(),
  lead_mentor: bool({ description: "Whether the applicant is an ITT lead mentor", example: true }).nullable(),
  funded_place: bool({ description: "Whether this participant's training is being funded by DfE", example: true }).nullable(),
  created_at: createdAt("the application"),
  updated_at: updatedAt("the application"),
  schedule_identifier: npqSchedule(),
  works_as_senco: bool({ description: "Whether the participant works as a SENCO (Special Educational Needs Coordinator)", example: true }).nullable(),
  senco_start_date: z.iso.date().meta({ description: "The date when the participant started working as a SENCO", example: "2021-09-01" }).nullable(),
});

export const npqApplication = z
  .strictObject({
    id: idAttribute,
    type: z.literal("npq_application").meta({ description: "The data type", example: "npq_application" }),
    attributes: npqApplicationAttributes,
  })
  .meta({ description: "A single NPQ application" });
export const npqApplicationResponse = singleEnvelope(npqApplication, "A single NPQ application");
export const npqApplicationsResponse = listEnvelope(npqApplication, "A list of NPQ applications");

const dated = (what: string, reasons: readonly [string, ...string[]], example: string) =>
  z
    .strictObject({
      reason: oneOf(reasons, { description: `The reason a participant was ${what}`, example }),
      date: dateTime({ description: `The date and time the participant was ${what}`, example: "2021-05-31T02:22:32.000Z" }),
    })
    .nullable();

export const npqEnrolment = z
  .strictObject({
    course_identifier: npqCourse(),
    schedule_identifier: npqSchedule(),
    cohort: npqCohort(),
    cohort_suffix: cohortSuffix(),
    npq_application_id: uuid({
      description: "The ID of the NPQ application that was accepted to create this enrolment",
      example: "db3a7848-7308-4879-942a-c4a70ced400a",
    }),
    eligible_for_funding: bool({ description: "Whether this NPQ participant would be eligible for funding from the DfE", example: true }),
    training_status: oneOf(DFE_ENUMS.trainingStatus, { description: "The training status of the NPQ participant", example: "active" }),
    school_urn: text({ description: "The Unique Reference Number (URN) of the school where this NPQ participant is employed", example: "106286" }).nullable(),
    targeted_delivery_funding_eligibility: bool({
      description: "Whether this application is eligible for the Targeted Delivery Funding uplift",
      example: true,
    }),
    funded_place: bool({ description: "Whether this participant's training is being funded by DfE", example: true }).nullable(),
    email: text({ description: "The email address registered for this NPQ participant", example: "isabelle.macdonald2@some-school.example.com" }).nullable(),
    withdrawal: dated("withdrawn", DFE_ENUMS.npqWithdrawalReason, "insufficient-capacity-to-undertake-programme").meta({
      description: "The details of the withdrawal, when the participant has withdrawn",
    }),
    deferral: dated("deferred", DFE_ENUMS.deferralReason, "bereavement").meta({ description: "The details of the deferral, when the participant is deferred" }),
    created_at: createdAt("the enrolment (accepted application)"),
  })
  .meta({ description: "The details of an NPQ participant enrolment" });

export const npqParticipantIdChange = z
  .strictObject({
    from_participant_id: uuid({ description: "The participant ID that was retired", example: "23dd8d66-e11f-4139-9001-86b4f9abcb02" }),
    to_participant_id: uuid({ description: "The participant ID it now points to", example: "ac3d1243-7308-4879-942a-c4a70ced400a" }),
    changed_at: dateTime({ description: "The date and time of the participant ID change", example: "2021-05-31T02:22:32.000Z" }),
  })
  .meta({ description: "The details of a participant ID change" });

export const npqParticipantAttributes = z.strictObject({
  full_name: text({ description: "The full name of this NPQ participant", example: "Isabelle MacDonald" }),
  previous_names: z.array(text({ description: "A previously used name", example: "Isabelle James" })).meta({ description: "List of previously used names" }),
  teacher_reference_number: text({ description: "The Teacher Reference Number (TRN) for this NPQ participant", example: "1234567" }).nullable(),
  updated_at: updatedAt("the participant"),
  npq_enrolments: z.array(npqEnrolment).meta({ description: "The course(s) the participant is enrolled in with you" }),
  participant_id_changes: z.array(npqParticipantIdChange).meta({ description: "Participant ID changes, when DfE merged duplicate participants" }),
});

export const npqParticipant = z
  .strictObject({
    id: idAttribute,
    type: z.literal("npq-participant").meta({ description: "The data type", example: "npq-participant" }),
    attributes: npqParticipantAttributes,
  })
  .meta({ description: "The details of an NPQ participant" });
export const npqParticipantResponse = singleEnvelope(npqParticipant, "A single NPQ participant");
export const npqParticipantsResponse = listEnvelope(npqParticipant, "A list of NPQ participants");

export const npqOutcomeAttributes = z.strictObject({
  state: oneOf(DFE_ENUMS.npqOutcomeState, {
    description: "The state of the outcome: passed or failed, or voided when its completed declaration was voided",
    example: "passed",
  }),
  completion_date: text({ description: "The date the participant received the assessment outcome for this course", example: "2021-05-31" }),
  course_identifier: oneOf(DFE_ENUMS.npqOutcomeCourseIdentifier, { description: "The NPQ course this outcome relates to", example: "npq-senior-leadership" }),
  participant_id: uuid({ description: "The unique identifier of this NPQ participant", example: "7a8fef46-3c43-42c0-b3d5-1ba5904ba562" }),
  created_at: createdAt("the participant-outcome record"),
  updated_at: updatedAt("the participant-outcome record"),
});

export const npqOutcome = z
  .strictObject({
    id: idAttribute,
    type: z.literal("participant-outcome").meta({ description: "The data type", example: "participant-outcome" }),
    attributes: npqOutcomeAttributes,
  })
  .meta({ description: "The details of an NPQ outcome" });
export const npqOutcomeResponse = singleEnvelope(npqOutcome, "The details of an NPQ outcome");
export const npqOutcomesResponse = listEnvelope(npqOutcome, "A list of participant outcomes");

export const npqDeclarationAttributes = z.strictObject({
  participant_id: uuid({ description: "The unique identifier of the participant", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
  declaration_type: oneOf(DFE_ENUMS.npqDeclarationType, { description: "The event declaration type", example: "started" }),
  course_identifier: npqCourse(),
  declaration_date: dateTime({ description: "The event declaration date (RFC 3339)", example: "2021-05-31T02:22:32Z" }),
  state: oneOf(DFE_ENUMS.npqDeclarationState, { description: "The state of this payment declaration", example: "submitted" }),
  has_passed: text({
    description: 'For a completed declaration with an outcome: "true" or "false" (a string, as DfE\'s spec types it); otherwise null',
    example: "true",
  }).nullable(),
  statement_id: uuid({ description: "The statement the declaration will be paid on", example: "cd3a1234-7308-4879-942a-c4a70ced400a" }).nullable(),
  clawback_statement_id: uuid({
    description: "The statement the declaration will be clawed back on, if any",
    example: "cd3a1234-7308-4879-942a-c4a70ced400a",
  }).nullable(),
  uplift_paid: bool({ description: "If the participant is eligible for uplift, whether it has been paid as part of this declaration", example: true }),
  lead_provider_name: text({ description: "The name of the provider that submitted the declaration", example: "Example Institute" }),
  ineligible_for_funding_reason: oneOf(DFE_ENUMS.declarationIneligibleForFundingReason, {
    description: "If the declaration is ineligible, the reason why",
    example: "duplicate_declaration",
  }).nullable(),
  created_at: createdAt("the declaration"),
  delivery_partner_id: uuid({ description: "The delivery partner ID", example: "524df095-f9bf-4f9d-ba4c-772545a99e60" }).nullable(),
  delivery_partner_name: text({ description: "The delivery partner name", example: "Foo education" }).nullable(),
  secondary_delivery_partner_id: uuid({ description: "The secondary delivery partner ID", example: "f0de7abf-399b-4e68-83de-2c33b503810c" }).nullable(),
  secondary_delivery_partner_name: text({ description: "The secondary delivery partner name", example: "Bar education" }).nullable(),
  application_id: uuid({ description: "The unique identifier of the NPQ application", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
  updated_at: updatedAt("the declaration"),
});

export const npqDeclaration = z
  .strictObject({
    id: idAttribute,
    type: z.literal("participant-declaration").meta({ description: "The data type", example: "participant-declaration" }),
    attributes: npqDeclarationAttributes,
  })
  .meta({ description: "The details of a participant declaration" });
export const npqDeclarationResponse = singleEnvelope(npqDeclaration, "A single participant declaration");
export const npqDeclarationsResponse = listEnvelope(npqDeclaration, "A list of participant declarations");

export const npqStatementAttributes = z.strictObject({
  month: text({ description: "The month which appears on the statement in the DfE portal", example: "May" }),
  year: text({ description: "The calendar year which appears on the statement in the DfE portal", example: "2022" }),
  cohort: text({ description: "The cohort (e.g. 2021 or 2022) which the statement funds", example: "2021" }),
  cut_off_date: text({ description: "The milestone cut-off or review point for the statement (yyyy-mm-dd)", example: "2022-04-30" }),
  payment_date: text({
    description: "The date we expect to pay you for any eligible declarations attached to the statement (yyyy-mm-dd)",
    example: "2022-05-25",
  }),
  paid: bool({ description: "Whether DfE has paid providers for the declarations attached to the statement", example: true }),
  created_at: createdAt("the statement"),
  updated_at: updatedAt("the statement"),
});

export const npqStatement = z
  .strictObject({
    id: idAttribute,
    type: z.literal("statement").meta({ description: "The data type", example: "statement" }),
    attributes: npqStatementAttributes,
  })
  .meta({ description: "A financial statement" });
export const npqStatementResponse = singleEnvelope(npqStatement, "A financial statement");
export const npqStatementsResponse = listEnvelope(npqStatement, "A list of financial statements");

export const deliveryPartnerAttributes = z.strictObject({
  name: text({ description: "The name of the delivery partner", example: "Awesome Delivery Partner Ltd" }),
  cohort: z
    .array(text({ description: "A cohort start year", example: "2025" }))
    .meta({ description: "The start years of the cohorts in which the delivery partner works with you" }),
  created_at: createdAt("the delivery partner"),
  updated_at: updatedAt("the delivery partner"),
});

export const deliveryPartner = z
  .strictObject({
    id: idAttribute,
    type: z.literal("delivery-partner").meta({ description: "The data type", example: "delivery-partner" }),
    attributes: deliveryPartnerAttributes,
  })
  .meta({ description: "A single delivery partner" });
export const deliveryPartnerResponse = singleEnvelope(deliveryPartner, "A single delivery partner");
export const deliveryPartnersResponse = listEnvelope(deliveryPartner, "A list of delivery partners");

// ---------------------------------------------------------------------------------------------------------
// NPQ API v3 — request bodies ({"data":{"type":…,"attributes":{…}}})
// ---------------------------------------------------------------------------------------------------------

function requestBody<A extends z.ZodType>(type: string, attributes: A, description: string) {
  return z
    .object({
      data: z.object({
        type: text({ description: "The request type", example: type }),
        attributes,
      }),
    })
    .meta({ description });
}

export const npqApplicationAcceptAttributes = z.object({
  funded_place: bool({
    description: "Whether the participant has a funded place (required for cohorts from 2024 onwards, ignored before)",
    example: true,
  }).optional(),
  schedule_identifier: oneOf(DFE_ENUMS.npqScheduleIdentifier, {
    description: "An optional schedule for the participant. Best practice is not to send it: the most appropriate schedule is then set automatically.",
    example: "npq-aso-march",
  })
    .nullable()
    .optional(),
});

export const npqApplicationAcceptRequest = z
  .object({
    data: z.object({
      type: text({ description: "The request type", example: "npq-application-accept" }),
      attributes: npqApplicationAcceptAttributes.optional(),
    }),
  })
  .meta({ description: "Accept an NPQ application. The body is optional." });

export const npqApplicationChangeFundedPlaceAttributes = z.object({
  funded_place: bool({ description: "Whether the participant has a funded place", example: true }),
});

export const npqApplicationChangeFundedPlaceRequest = requestBody(
  "npq-application-change-funded-place",
  npqApplicationChangeFundedPlaceAttributes,
  "Change the funded place of an accepted NPQ application",
);

const npqCourseInRequest = () => npqCourse("The course the participant is enrolled in");

export const npqParticipantResumeAttributes = z.object({ course_identifier: npqCourseInRequest() });

export const npqParticipantResumeRequest = requestBody("participant-resume", npqParticipantResumeAttributes, "Resume a deferred NPQ participant");

export const npqParticipantDeferAttributes = z.object({
  course_identifier: npqCourseInRequest(),
  reason: oneOf(DFE_ENUMS.deferralReason, { description: "The reason for the deferral", example: "bereavement" }),
});

export const npqParticipantDeferRequest = requestBody("participant-defer", npqParticipantDeferAttributes, "Defer an NPQ participant");

export const npqParticipantWithdrawAttributes = z.object({
  course_identifier: npqCourseInRequest(),
  reason: oneOf(DFE_ENUMS.npqWithdrawalReason, { description: "The reason for the withdrawal", example: "insufficient-capacity-to-undertake-programme" }),
});

export const npqParticipantWithdrawRequest = requestBody("participant-withdraw", npqParticipantWithdrawAttributes, "Withdraw an NPQ participant");

export const npqParticipantChangeScheduleAttributes = z.object({
  schedule_identifier: oneOf(DFE_ENUMS.npqScheduleIdentifier, { description: "The new schedule of the participant", example: "npq-ehco-march" }),
  course_identifier: npqCourseInRequest(),
  cohort: text({
    description:
      "Providers may change an NPQ participant's cohort up until the point of submitting a started declaration. 2023 means the 2023/24 academic year.",
    example: "2023",
  })
    .nullable()
    .optional(),
});

export const npqParticipantChangeScheduleRequest = requestBody(
  "participant-change-schedule",
  npqParticipantChangeScheduleAttributes,
  "Change an NPQ participant's training schedule",
);

export const npqOutcomeCreateAttributes = z.object({
  course_identifier: oneOf(DFE_ENUMS.npqOutcomeCourseIdentifier, {
    description: "The course the participant is enrolled in",
    example: "npq-senior-leadership",
  }),
  state: oneOf(DFE_ENUMS.npqOutcomeRequestState, { description: "The outcome: passed or failed", example: "passed" }),
  completion_date: z
    .string()
    .regex(/\d{4}-\d{2}-\d{2}/)
    .meta({ description: "The date the participant received the assessment outcome for this course (yyyy-mm-dd; not in the future)", example: "2021-05-31" }),
});

export const npqOutcomeCreateRequest = requestBody("npq-outcome-confirmation", npqOutcomeCreateAttributes, "Submit an NPQ outcome for a participant");

const npqDeclarationFields = {
  participant_id: uuid({ description: "The unique id of the participant", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
  declaration_date: dateTime({
    description: "The event declaration date (RFC 3339; not in the future, and inside the schedule's milestone window)",
    example: "2021-05-31T02:21:32Z",
  }),
  course_identifier: npqCourseInRequest(),
  delivery_partner_id: uuid({
    description: "The delivery partner ID (required from the 2024 cohort)",
    example: "524df095-f9bf-4f9d-ba4c-772545a99e60",
  }).optional(),
  secondary_delivery_partner_id: uuid({ description: "The secondary delivery partner ID", example: "f0de7abf-399b-4e68-83de-2c33b503810c" }).optional(),
};

export const npqDeclarationStartedAttributes = z
  .strictObject({
    participant_id: npqDeclarationFields.participant_id,
    declaration_type: z.literal("started").meta({ description: "The event declaration type", example: "started" }),
    declaration_date: npqDeclarationFields.declaration_date,
    course_identifier: npqDeclarationFields.course_identifier,
    delivery_partner_id: npqDeclarationFields.delivery_partner_id,
    secondary_delivery_partner_id: npqDeclarationFields.secondary_delivery_partner_id,
  })
  .meta({ description: "An NPQ started participant declaration" });

export const npqDeclarationRetainedAttributes = z
  .strictObject({
    participant_id: npqDeclarationFields.participant_id,
    declaration_type: oneOf(["retained-1", "retained-2"], { description: "The event declaration type", example: "retained-1" }),
    declaration_date: npqDeclarationFields.declaration_date,
    course_identifier: npqDeclarationFields.course_identifier,
    delivery_partner_id: npqDeclarationFields.delivery_partner_id,
    secondary_delivery_partner_id: npqDeclarationFields.secondary_delivery_partner_id,
  })
  .meta({ description: "An NPQ retained participant declaration" });

export const npqDeclarationCompletedAttributes = z
  .strictObject({
    participant_id: npqDeclarationFields.participant_id,
    declaration_type: z.literal("completed").meta({ description: "The event declaration type", example: "completed" }),
    declaration_date: npqDeclarationFields.declaration_date,
    course_identifier: npqDeclarationFields.course_identifier,
    has_passed: bool({ description: "Whether the participant has passed (true) or failed (false): records the outcome", example: true }),
    delivery_partner_id: npqDeclarationFields.delivery_partner_id,
    secondary_delivery_partner_id: npqDeclarationFields.secondary_delivery_partner_id,
  })
  .meta({ description: "An NPQ completed participant declaration" });

export const npqDeclarationRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-declaration").meta({ description: "The request type", example: "participant-declaration" }),
      attributes: z.union([npqDeclarationStartedAttributes, npqDeclarationRetainedAttributes, npqDeclarationCompletedAttributes]),
    }),
  })
  .meta({ description: "Declare that a participant has reached a milestone" });

export const npqDeclarationChangeDeliveryPartnerRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-declaration").meta({ description: "The request type", example: "participant-declaration" }),
      attributes: z.strictObject({
        delivery_partner_id: uuid({
          description: "The new delivery partner ID: one you have a partnership with in the declaration's cohort",
          example: "524df095-f9bf-4f9d-ba4c-772545a99e60",
        }),
        secondary_delivery_partner_id: uuid({
          description: "The new secondary delivery partner ID (must differ from the primary)",
          example: "f0de7abf-399b-4e68-83de-2c33b503810c",
        }).optional(),
      }),
    }),
  })
  .meta({ description: "Change the delivery partner(s) of a declaration" });

// ---------------------------------------------------------------------------------------------------------
// NPQ API v3 — query parameters (rendered as filter[…], page[…] and sort)
// ---------------------------------------------------------------------------------------------------------

const updatedSince = () =>
  text({
    description: "Return only records that have been updated since this date and time (ISO 8601, URL-encoded)",
    example: "2021-05-13T11:21:55Z",
  }).optional();
const cohortsFilter = (what: string) =>
  text({ description: `Return only ${what} from the specified cohort or cohorts: a comma-separated list of years`, example: "2021,2022" }).optional();

export const pagination = z.object({
  page: z
    .int()
    .min(1)
    .meta({ description: 'The page number to return. Defaults to the first page. A page past the end returns {"data":[]}.', example: 1 })
    .optional(),
  per_page: z
    .int()
    .min(1)
    .meta({ description: "The number of items on a page. Defaults to 100; the maximum is 3000, and a larger value falls back to 3000.", example: 10 })
    .optional(),
});

export const npqApplicationsFilter = z.object({
  cohort: cohortsFilter("NPQ applications"),
  updated_since: updatedSince(),
  participant_id: text({
    description: "Return only NPQ applications of the specified participant or participants: a comma-separated list of participant IDs",
    example: "7e5bcdbf-c818-4961-8da5-439cab1984e0,c2a7ef98-bbfc-48c5-8f02-d484071d2165",
  }).optional(),
});
export const npqParticipantsFilter = z.object({
  updated_since: updatedSince(),
  training_status: oneOf(DFE_ENUMS.trainingStatus, { description: "Return only participants with this training status", example: "active" }).optional(),
  from_participant_id: text({
    description: "Return only the participant whose ID changed from this participant ID",
    example: "7e5bcdbf-c818-4961-8da5-439cab1984e0",
  }).optional(),
});
export const npqDeclarationsFilter = z.object({
  participant_id: text({
    description: "Return only declarations of the specified participant or participants (comma-separated IDs)",
    example: "7e5bcdbf-c818-4961-8da5-439cab1984e0",
  }).optional(),
  updated_since: updatedSince(),
  cohort: cohortsFilter("participant declarations"),
});
export const npqOutcomesFilter = z.object({
  created_since: text({
    description: "Return only outcomes created since this date and time (ISO 8601, URL-encoded)",
    example: "2021-05-13T11:21:55Z",
  }).optional(),
});
export const npqStatementsFilter = z.object({ cohort: cohortsFilter("statements"), updated_since: updatedSince() });
export const deliveryPartnersFilter = z.object({
  cohort: text({ description: "Return only delivery partners you work with in the specified cohort", example: "2022" }).optional(),
});
export const npqSort = oneOf(DFE_ENUMS.npqSort, {
  description: "Sort by created_at or updated_at, ascending or (with a leading minus) descending; combine with commas. Default: created_at ascending.",
  example: "-updated_at",
});
export const deliveryPartnerSort = oneOf(DFE_ENUMS.deliveryPartnerSort, {
  description: "Sort by name, created_at or updated_at, ascending or (with a leading minus) descending. Default: name.",
  example: "name",
});

// ---------------------------------------------------------------------------------------------------------
// ECF API v2 — resources
// ---------------------------------------------------------------------------------------------------------

const ecfCourse = () => oneOf(DFE_ENUMS.ecfCourseIdentifier, { description: "The type of course the participant is enrolled in", example: "ecf-induction" });
const ecfSchedule = (description = "The schedule of the ECF participant") =>
  oneOf(DFE_ENUMS.ecfScheduleIdentifier, { description, example: "ecf-standard-january" });

export const ecfParticipantAttributes = z
  .strictObject({
    email: text({ description: "The email address registered for this ECF participant", example: "jane.smith@some-school.example.com" }).nullable(),
    full_name: text({ description: "The full name of this ECF participant", example: "Jane Smith" }),
    mentor_id: uuid({ description: "The unique identifier of this ECF participant's mentor", example: "bb36d74a-68a7-47b6-86b6-1fd0d141c590" }).nullable(),
    school_urn: text({ description: "The Unique Reference Number (URN) of the school that submitted this ECF participant", example: "106286" }),
    participant_type: oneOf(DFE_ENUMS.ecfParticipantType, { description: "The type of ECF participant this record refers to", example: "ect" }),
    cohort: text({
      description:
        "Which call-off contract funds this participant's training. 2021 indicates a participant that has started, or will start, their training in the 2021/22 academic year.",
      example: "2021",
    }),
    status: oneOf(DFE_ENUMS.ecfParticipantStatus, { description: "The status of this ECF participant record", example: "active" }),
    teacher_reference_number: text({ description: "The Teacher Reference Number (TRN) for this ECF participant", example: "1234567" }).nullable(),
    teacher_reference_number_validated: bool({ description: "Whether the Teacher Reference Number (TRN) has been validated", example: true }).nullable(),
    eligible_for_funding: bool({ description: "Whether this participant is eligible to receive DfE-funded induction", example: true }).nullable(),
    pupil_premium_uplift: bool({ description: "Whether this participant qualifies for an uplift payment due to pupil premium", example: true }),
    sparsity_uplift: bool({ description: "Whether this participant qualifies for an uplift payment due to sparsity", example: true }),
    training_status: oneOf(DFE_ENUMS.trainingStatus, { description: "The training status of the ECF participant", example: "active" }),
    training_record_id: uuid({ description: "The unique identifier of the participant training record", example: "bb36d74a-68a7-47b6-86b6-1fd0d141c590" }),
    schedule_identifier: ecfSchedule(),
    updated_at: updatedAt("the ECF participant"),
  })
  .meta({ description: "The data attributes associated with an ECF participant" });

export const ecfParticipant = z
  .strictObject({
    id: uuid({ description: "The unique identifier of the participant record", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
    type: z.literal("participant").meta({ description: "The data type", example: "participant" }),
    attributes: ecfParticipantAttributes,
  })
  .meta({ description: "The details of an ECF participant" });
export const ecfParticipantResponse = singleEnvelope(ecfParticipant, "An ECF participant");
export const ecfParticipantsResponse = listEnvelope(ecfParticipant, "A list of ECF participants");

/** One row of GET /api/v2/participants/ecf.csv, columns in this order (empty cells for nulls). */
export const ecfParticipantCsvRow = z
  .object({
    id: uuid({ description: "The unique identifier of the ECF participant record", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
    type: z.literal("participant").meta({ description: "The data type", example: "participant" }),
    email: text({ description: "The email registered for this ECF participant", example: "jane.smith@some-school.example.com" }),
    full_name: text({ description: "The full name of the ECF participant", example: "Jane Smith" }),
    mentor_id: uuid({ description: "The unique identifier of the ECF participant's mentor", example: "bb36d74a-68a7-47b6-86b6-1fd0d141c590" }),
    school_urn: text({ description: "The Unique Reference Number (URN) of the school that submitted this ECF participant", example: "106286" }),
    participant_type: oneOf(DFE_ENUMS.ecfParticipantType, { description: "ECT or mentor", example: "ect" }),
    cohort: text({ description: "The cohort start year", example: "2021" }),
    status: oneOf(DFE_ENUMS.ecfParticipantStatus, { description: "The status of the ECF participant record", example: "active" }),
    teacher_reference_number: text({ description: "The Teacher Reference Number (TRN)", example: "1234567" }),
    teacher_reference_number_validated: bool({ description: "Whether the TRN has been validated", example: true }),
    eligible_for_funding: bool({ description: "Whether this participant is eligible to receive DfE-funded induction", example: true }),
    pupil_premium_uplift: bool({ description: "Uplift payment due to pupil premium", example: true }),
    sparsity_uplift: bool({ description: "Uplift payment due to sparsity", example: true }),
    training_status: oneOf(DFE_ENUMS.trainingStatus, { description: "The training status of the ECF participant", example: "active" }),
    training_record_id: uuid({ description: "The unique identifier of the participant training record", example: "bb36d74a-68a7-47b6-86b6-1fd0d141c590" }),
    schedule_identifier: ecfSchedule(),
    updated_at: updatedAt("the ECF participant"),
  })
  .meta({ description: "The columns of the ECF participants CSV, in order" });

export const ecfDeclarationAttributes = z
  .strictObject({
    participant_id: uuid({ description: "The unique id of the participant", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
    declaration_type: oneOf(DFE_ENUMS.ecfDeclarationType, { description: "The event declaration type", example: "started" }),
    declaration_date: dateTime({ description: "The event declaration date", example: "2021-05-31T02:21:32.000Z" }),
    course_identifier: ecfCourse(),
    state: oneOf(DFE_ENUMS.ecfDeclarationState, { description: "The state of this payment declaration", example: "submitted" }),
    updated_at: updatedAt("the declaration"),
    has_passed: bool({ description: "Whether the participant has failed or passed", example: true }).nullable(),
  })
  .meta({ description: "The data attributes associated with a participant declaration response" });

export const ecfDeclaration = z
  .strictObject({
    id: uuid({ description: "The unique identifier of the participant declaration record", example: "01017c12-354b-4b2d-b621-3531ab729c43" }),
    type: z.literal("participant-declaration").meta({ description: "The data type", example: "participant-declaration" }),
    attributes: ecfDeclarationAttributes,
  })
  .meta({ description: "A participant declaration" });
export const ecfDeclarationResponse = singleEnvelope(ecfDeclaration, "A single participant declaration");
export const ecfDeclarationsResponse = listEnvelope(ecfDeclaration, "A list of participant declarations");

/** One row of GET /api/v2/participant-declarations.csv, columns in this order. */
export const ecfDeclarationCsvRow = z
  .object({
    id: uuid({ description: "The unique identifier of the participant declaration record", example: "db3a7848-7308-4879-942a-c4a70ced400a" }),
    participant_id: uuid({ description: "The participant the declaration refers to", example: "bb36d74a-68a7-47b6-86b6-1fd0d141c590" }),
    declaration_type: oneOf(DFE_ENUMS.ecfDeclarationType, { description: "The event declaration type", example: "started" }),
    course_identifier: ecfCourse(),
    declaration_date: dateTime({ description: "The event declaration date", example: "2021-05-31T02:21:32.000Z" }),
    state: text({ description: "The state of this payment declaration", example: "paid" }),
    updated_at: updatedAt("the declaration"),
  })
  .meta({ description: "The columns of the participant declarations CSV, in order" });

export const ECF_PARTICIPANT_CSV_COLUMNS = Object.keys(ecfParticipantCsvRow.shape) as (keyof typeof ecfParticipantCsvRow.shape)[];
export const ECF_DECLARATION_CSV_COLUMNS = Object.keys(ecfDeclarationCsvRow.shape) as (keyof typeof ecfDeclarationCsvRow.shape)[];

// ---------------------------------------------------------------------------------------------------------
// ECF API v2 — request bodies
// ---------------------------------------------------------------------------------------------------------

const ecfDeclarationDate = () => dateTime({ description: "The event declaration date (RFC 3339; not in the future)", example: "2021-05-31T02:21:32.000Z" });
const ecfParticipantIdPlain = () => text({ description: "The unique ID of the participant", example: "3452b1a6-cbaa-422f-9ca9-40afa28583a2" });
const ecfParticipantIdUuid = () => uuid({ description: "The unique ID of the participant", example: "3452b1a6-cbaa-422f-9ca9-40afa28583a2" });
const evidenceHeld = <const T extends readonly [string, ...string[]]>(values: T) =>
  oneOf(values, {
    description: "The evidence you hold to show the participant has met the retention criteria for the current milestone period",
    example: values[0],
  });
const ecfCourses = <const T extends readonly [string, ...string[]]>(values: T) =>
  oneOf(values, { description: "The type of course the participant is enrolled in", example: values[0] });

/** Cohort 2024 and earlier. */
export const ecfDeclarationPre2025Started = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("started").meta({ description: "The event declaration type", example: "started" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(DFE_ENUMS.ecfCourseIdentifier),
  })
  .meta({ description: "An ECF started participant declaration (cohort 2024 and earlier)" });
export const ecfDeclarationPre2025Retained = z
  .strictObject({
    participant_id: ecfParticipantIdUuid(),
    declaration_type: oneOf(["retained-1", "retained-2", "retained-3", "retained-4"], { description: "The event declaration type", example: "retained-1" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(DFE_ENUMS.ecfCourseIdentifier),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPre2025),
  })
  .meta({ description: "An ECF retained participant declaration (cohort 2024 and earlier)" });
export const ecfDeclarationPre2025Completed = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("completed").meta({ description: "The event declaration type", example: "completed" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(DFE_ENUMS.ecfCourseIdentifier),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPre2025),
  })
  .meta({ description: "An ECF completed participant declaration (cohort 2024 and earlier)" });
export const ecfDeclarationPre2025Extended = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: oneOf(["extended-1", "extended-2", "extended-3"], { description: "The event declaration type", example: "extended-1" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(DFE_ENUMS.ecfCourseIdentifier),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPre2025),
  })
  .meta({ description: "An ECF extended participant declaration (cohort 2024 and earlier)" });

/** Cohort 2025 onwards, ECTs. */
export const ecfDeclarationPost2024EctStarted = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("started").meta({ description: "The event declaration type", example: "started" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-induction"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024).optional(),
  })
  .meta({ description: "An ECF started participant declaration (ECTs, cohort 2025 onwards)" });
export const ecfDeclarationPost2024EctRetained = z
  .strictObject({
    participant_id: ecfParticipantIdUuid(),
    declaration_type: oneOf(["retained-1", "retained-2", "retained-3", "retained-4"], { description: "The event declaration type", example: "retained-1" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-induction"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024EctRetained).meta({
      description:
        "The evidence you hold to show the participant has met the retention criteria for the current milestone period. For retained-2, only 75-percent-engagement-met or 75-percent-engagement-met-reduced-induction.",
    }),
  })
  .meta({ description: "An ECF retained participant declaration (ECTs, cohort 2025 onwards)" });
export const ecfDeclarationPost2024EctCompleted = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("completed").meta({ description: "The event declaration type", example: "completed" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-induction"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024EctCompleted),
  })
  .meta({ description: "An ECF completed participant declaration (ECTs, cohort 2025 onwards)" });
export const ecfDeclarationPost2024EctExtended = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: oneOf(["extended-1", "extended-2", "extended-3"], { description: "The event declaration type", example: "extended-1" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-induction"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024),
  })
  .meta({ description: "An ECF extended participant declaration (ECTs, cohort 2025 onwards)" });

/** Cohort 2025 onwards, mentors. */
export const ecfDeclarationPost2024MentorStarted = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("started").meta({ description: "The event declaration type", example: "started" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-mentor"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024).optional(),
  })
  .meta({ description: "An ECF started participant declaration (mentors, cohort 2025 onwards)" });
export const ecfDeclarationPost2024MentorCompleted = z
  .object({
    participant_id: ecfParticipantIdPlain(),
    declaration_type: z.literal("completed").meta({ description: "The event declaration type", example: "completed" }),
    declaration_date: ecfDeclarationDate(),
    course_identifier: ecfCourses(["ecf-mentor"]),
    evidence_held: evidenceHeld(DFE_ENUMS.ecfEvidenceHeldPost2024MentorCompleted),
  })
  .meta({ description: "An ECF completed participant declaration (mentors, cohort 2025 onwards)" });

/** The ten attribute shapes DfE's v2 spec accepts, by its component names. */
export const ECF_DECLARATION_REQUEST_VARIANTS = {
  ECFParticipantDeclarationPre2025StartedAttributesRequest: ecfDeclarationPre2025Started,
  ECFParticipantDeclarationPre2025RetainedAttributesRequest: ecfDeclarationPre2025Retained,
  ECFParticipantDeclarationPre2025CompletedAttributesRequest: ecfDeclarationPre2025Completed,
  ECFParticipantDeclarationPre2025ExtendedAttributesRequest: ecfDeclarationPre2025Extended,
  ECFParticipantDeclarationPost2024ECTStartedAttributesRequest: ecfDeclarationPost2024EctStarted,
  ECFParticipantDeclarationPost2024ECTRetainedAttributesRequest: ecfDeclarationPost2024EctRetained,
  ECFParticipantDeclarationPost2024ECTCompletedAttributesRequest: ecfDeclarationPost2024EctCompleted,
  ECFParticipantDeclarationPost2024ECTExtendedAttributesRequest: ecfDeclarationPost2024EctExtended,
  ECFParticipantDeclarationPost2024MentorStartedAttributesRequest: ecfDeclarationPost2024MentorStarted,
  ECFParticipantDeclarationPost2024MentorCompletedAttributesRequest: ecfDeclarationPost2024MentorCompleted,
} as const;

export const ecfDeclarationRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-declaration").meta({ description: "The request type", example: "participant-declaration" }).optional(),
      attributes: z.union([
        ecfDeclarationPre2025Started,
        ecfDeclarationPre2025Retained,
        ecfDeclarationPre2025Completed,
        ecfDeclarationPre2025Extended,
        ecfDeclarationPost2024EctStarted,
        ecfDeclarationPost2024EctRetained,
        ecfDeclarationPost2024EctCompleted,
        ecfDeclarationPost2024EctExtended,
        ecfDeclarationPost2024MentorStarted,
        ecfDeclarationPost2024MentorCompleted,
      ]),
    }),
  })
  .meta({ description: "Declare that an ECF participant has reached a milestone. Idempotent: an exact copy of an earlier request returns the same response." });

export const ecfParticipantDeferAttributes = z.object({
  reason: oneOf(DFE_ENUMS.deferralReason, { description: "The reason for the deferral", example: "career-break" }),
  course_identifier: ecfCourse(),
});

export const ecfParticipantDeferRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-defer").meta({ description: "The request type", example: "participant-defer" }),
      attributes: ecfParticipantDeferAttributes,
    }),
  })
  .meta({ description: "The deferral request for a participant" });

export const ecfParticipantResumeAttributes = z.object({ course_identifier: ecfCourse() });

export const ecfParticipantResumeRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-resume").meta({ description: "The request type", example: "participant-resume" }),
      attributes: ecfParticipantResumeAttributes,
    }),
  })
  .meta({ description: "The resume request for a participant" });

export const ecfParticipantWithdrawAttributes = z.object({
  reason: oneOf(DFE_ENUMS.ecfWithdrawalReason, { description: "The reason for the withdrawal", example: "left-teaching-profession" }),
  course_identifier: ecfCourse(),
});

export const ecfParticipantWithdrawRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-withdraw").meta({ description: "The request type", example: "participant-withdraw" }),
      attributes: ecfParticipantWithdrawAttributes,
    }),
  })
  .meta({ description: "The withdrawal request for a participant" });

export const ecfParticipantChangeScheduleAttributes = z.object({
  schedule_identifier: ecfSchedule("The new schedule of the participant"),
  course_identifier: ecfCourse(),
  cohort: text({ description: "The participant's cohort. Providers may not change it for ECF participants.", example: "2021" }).optional(),
});

export const ecfParticipantChangeScheduleRequest = z
  .object({
    data: z.object({
      type: z.literal("participant-change-schedule").meta({ description: "The request type", example: "participant-change-schedule" }),
      attributes: ecfParticipantChangeScheduleAttributes,
    }),
  })
  .meta({ description: "The change schedule request for a participant" });

export const ecfParticipantsFilter = z.object({ updated_since: updatedSince() });
export const ecfDeclarationsFilter = z.object({
  updated_since: updatedSince(),
  participant_id: text({ description: "The unique id of the participant", example: "ab3a7848-1208-7679-942a-b4a70eed400a" }).optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Components by name, as the OpenAPI documents list them (names follow DfE's specs where DfE has one).
// `output` schemas are converted with io "output" (what we send), `input` with io "input" (what we accept).
// ---------------------------------------------------------------------------------------------------------

const errorComponents = {
  UnauthorisedResponse: unauthorisedResponse,
  NotFoundResponse: notFoundResponse,
  BadRequestResponse: badRequestResponse,
  UnprocessableEntityResponse: unprocessableEntityResponse,
};

export const V3_COMPONENTS = {
  output: {
    IDAttribute: idAttribute,
    Application: npqApplication,
    ApplicationResponse: npqApplicationResponse,
    ApplicationsResponse: npqApplicationsResponse,
    Participant: npqParticipant,
    ParticipantResponse: npqParticipantResponse,
    ParticipantsResponse: npqParticipantsResponse,
    ParticipantOutcome: npqOutcome,
    ParticipantOutcomeResponse: npqOutcomeResponse,
    ParticipantOutcomesResponse: npqOutcomesResponse,
    ParticipantDeclaration: npqDeclaration,
    ParticipantDeclarationResponse: npqDeclarationResponse,
    ParticipantDeclarationsResponse: npqDeclarationsResponse,
    Statement: npqStatement,
    StatementResponse: npqStatementResponse,
    StatementsResponse: npqStatementsResponse,
    DeliveryPartner: deliveryPartner,
    DeliveryPartnerResponse: deliveryPartnerResponse,
    DeliveryPartnersResponse: deliveryPartnersResponse,
    ...errorComponents,
  },
  input: {
    ApplicationAcceptRequest: npqApplicationAcceptRequest,
    ApplicationChangeFundedPlaceRequest: npqApplicationChangeFundedPlaceRequest,
    ParticipantResumeRequest: npqParticipantResumeRequest,
    ParticipantDeferRequest: npqParticipantDeferRequest,
    ParticipantWithdrawRequest: npqParticipantWithdrawRequest,
    ParticipantChangeScheduleRequest: npqParticipantChangeScheduleRequest,
    ParticipantOutcomeCreateRequest: npqOutcomeCreateRequest,
    ParticipantDeclarationRequest: npqDeclarationRequest,
    ParticipantDeclarationStartedRequest: npqDeclarationStartedAttributes,
    ParticipantDeclarationRetainedRequest: npqDeclarationRetainedAttributes,
    ParticipantDeclarationCompletedRequest: npqDeclarationCompletedAttributes,
    ParticipantDeclarationChangeDeliveryPartnerRequest: npqDeclarationChangeDeliveryPartnerRequest,
  },
} as const;

export const V2_COMPONENTS = {
  output: {
    ECFParticipant: ecfParticipant,
    ECFParticipantAttributes: ecfParticipantAttributes,
    ECFParticipantResponse: ecfParticipantResponse,
    MultipleECFParticipantsResponse: ecfParticipantsResponse,
    ECFParticipantCsvRow: ecfParticipantCsvRow,
    ParticipantDeclarationResponse: ecfDeclaration,
    ParticipantDeclarationAttributes: ecfDeclarationAttributes,
    SingleParticipantDeclarationResponse: ecfDeclarationResponse,
    MultipleParticipantDeclarationsResponse: ecfDeclarationsResponse,
    ParticipantDeclarationCsvRow: ecfDeclarationCsvRow,
    ...errorComponents,
  },
  input: {
    ParticipantDeclarationRequest: ecfDeclarationRequest,
    ...ECF_DECLARATION_REQUEST_VARIANTS,
    ECFParticipantDeferRequest: ecfParticipantDeferRequest,
    ECFParticipantResumeRequest: ecfParticipantResumeRequest,
    ECFParticipantWithdrawRequest: ecfParticipantWithdrawRequest,
    ECFParticipantChangeScheduleRequest: ecfParticipantChangeScheduleRequest,
  },
} as const;

export type NpqApplicationJson = z.output<typeof npqApplication>;
export type NpqParticipantJson = z.output<typeof npqParticipant>;
export type NpqOutcomeJson = z.output<typeof npqOutcome>;
export type NpqDeclarationJson = z.output<typeof npqDeclaration>;
export type NpqStatementJson = z.output<typeof npqStatement>;
export type DeliveryPartnerJson = z.output<typeof deliveryPartner>;
export type EcfParticipantJson = z.output<typeof ecfParticipant>;
export type EcfDeclarationJson = z.output<typeof ecfDeclaration>;
