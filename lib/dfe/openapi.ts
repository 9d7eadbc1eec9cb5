import { z } from "zod";
import {
  deliveryPartnersFilter,
  deliveryPartnerSort,
  ECF_DECLARATION_CSV_COLUMNS,
  ECF_PARTICIPANT_CSV_COLUMNS,
  ecfDeclarationsFilter,
  ecfParticipantsFilter,
  npqApplicationsFilter,
  npqDeclarationsFilter,
  npqOutcomesFilter,
  npqParticipantsFilter,
  npqSort,
  npqStatementsFilter,
  pagination,
  rateLimitedResponse,
  V2_COMPONENTS,
  V3_COMPONENTS,
} from "./api-schemas";
import { formatBytes } from "@/lib/http/body";
import { API_MESSAGES, fill, message, MESSAGES } from "../api/messages";

/**
 * OpenAPI 3.0 documents for the lead provider API, generated from the zod schemas in ./api-schemas with
 * z.toJSONSchema (components.schemas), plus one operation per endpoint we serve. Paths and methods are DfE's
 * (lib/dfe/openapi.test.ts compares them with the DfE specs). `renderApiDocsHtml` turns the documents into the
 * self-contained page at /api/docs.
 */

export type ApiVersion = "v3" | "v2";
export type JsonSchema = { [key: string]: unknown };
export type HttpMethod = "get" | "post" | "put";

export type OpenApiParameter = {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string;
  schema: JsonSchema;
  example?: unknown;
};
export type OpenApiMediaType = { schema: JsonSchema; example?: unknown };
export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMediaType>;
};
export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { description: string; required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
};
export type OpenApiDocument = {
  openapi: "3.0.3";
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; description: string }>;
    schemas: Record<string, JsonSchema>;
  };
  security: Record<string, string[]>[];
};

/** Shown in the docs; lib/dfe/openapi.test.ts checks them against lib/api/http.ts and lib/dfe/tokens.ts. */
export const DOCUMENTED_LIMITS = { defaultPerPage: 100, maxPerPage: 3000, requestsPerWindow: 1000, windowSeconds: 300 } as const;
/** The request body limit the docs state: API_MAX_BODY_BYTES's default (lib/api/http.ts maxBodyBytes). */
export const DOCUMENTED_MAX_BODY_BYTES = 1024 * 1024;
const MAX_BODY_DOCUMENTED = formatBytes(DOCUMENTED_MAX_BODY_BYTES);

const SECURITY_SCHEME = "bearerAuth";
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

// ---------------------------------------------------------------------------------------------------------
// Schema conversion
// ---------------------------------------------------------------------------------------------------------

/**
 * Drops the keys a JSON Schema has and an OpenAPI 3.0 Schema Object must not (`$id`, `$schema`), and the noise a
 * reader does not need: zod's regular expressions for strings that already carry a `format` (uuid, date, date-time)
 * and the ±2^53 bounds of integers.
 */
function forOpenApi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forOpenApi);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const noise = (key: string, v: unknown) =>
    key === "$id" ||
    key === "$schema" ||
    (key === "pattern" && typeof record.format === "string") ||
    (key === "maximum" && v === Number.MAX_SAFE_INTEGER) ||
    (key === "minimum" && v === Number.MIN_SAFE_INTEGER);
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key, v]) => !noise(key, v))
      .map(([key, v]) => [key, forOpenApi(v)]),
  );
}

/** One registry per conversion: every named schema becomes a component and is referenced by $ref wherever it is used. */
function componentSchemas(entries: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "openapi-3.0", io, unrepresentable: "throw", uri: (id) => `#/components/schemas/${id}` });
  if ("__shared" in schemas) throw new Error("A schema would be emitted outside components.schemas");
  return forOpenApi(schemas) as Record<string, JsonSchema>;
}

function inlineSchema(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  return forOpenApi(z.toJSONSchema(schema, { target: "openapi-3.0", io, unrepresentable: "throw" })) as JsonSchema;
}

/** A query or header parameter from a zod field: description and example move from the schema to the parameter. */
function parameterFrom(name: string, location: "query" | "header", field: z.ZodType): OpenApiParameter {
  const { description, example, ...schema } = inlineSchema(field);
  return { name, in: location, required: false, description: String(description ?? ""), schema, ...(example === undefined ? {} : { example }) };
}

// ---------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------

type OperationSpec = {
  method: HttpMethod;
  path: string;
  tag: string;
  operationId: string;
  summary: string;
  description: string;
  /** The meaning of {id}, for operations that have one. */
  id?: string;
  filter?: z.ZodObject;
  paginated?: boolean;
  sort?: z.ZodType;
  body?: { schema: string; required: boolean };
  /** The 200 body: a component, or a CSV download with these columns. */
  ok: { description: string; schema: string } | { description: string; csv: readonly string[]; rowSchema: string };
  /** DfE messages (verbatim) this operation answers with a 422. */
  problems?: string[];
  /** Other 422 cases, in words. */
  unprocessable?: string;
};

const m = (key: keyof typeof MESSAGES, attribute?: string) => message(key, attribute ? { parameterized_attribute: attribute } : {});

const V3_TAGS = [
  { name: "NPQ Applications", description: "Applications your organisation has received for NPQ courses. Accepting one enrols the participant with you." },
  { name: "NPQ Participants", description: "Participants enrolled with you (accepted applications), their training status and schedule." },
  { name: "NPQ Participant Outcomes", description: "Assessment outcomes (passed or failed) of participants who completed a course." },
  { name: "Participant declarations", description: "Milestone declarations that trigger payments, and their payment states." },
  { name: "Statements", description: "Monthly financial statements that declarations are paid or clawed back on." },
  { name: "Delivery Partners", description: "Delivery partners you work with (a partnership in a cohort), for declarations from the 2024 cohort." },
];

const V3_OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v3/npq-applications",
    tag: "NPQ Applications",
    operationId: "listNpqApplications",
    summary: "Retrieve multiple NPQ applications",
    description: "The NPQ applications made to you, in order of created_at (oldest first) unless sort says otherwise.",
    filter: npqApplicationsFilter,
    paginated: true,
    sort: npqSort,
    ok: { description: "A list of NPQ applications", schema: "ApplicationsResponse" },
  },
  {
    method: "get",
    path: "/api/v3/npq-applications/{id}",
    tag: "NPQ Applications",
    operationId: "getNpqApplication",
    summary: "Retrieve a single NPQ application",
    description: "One NPQ application made to you.",
    id: "The ID of the NPQ application",
    ok: { description: "A single NPQ application", schema: "ApplicationResponse" },
  },
  {
    method: "post",
    path: "/api/v3/npq-applications/{id}/accept",
    tag: "NPQ Applications",
    operationId: "acceptNpqApplication",
    summary: "Accept an NPQ application",
    description:
      "Accepts the application and enrols the participant with you. The participant's other pending applications for the same course and cohort are rejected. Two accepts for the same participant, course and cohort never both succeed. From the 2024 cohort (which has a funding cap) the body must set funded_place to true or false; before it, funded_place is ignored and the body is optional. Send schedule_identifier only to override the schedule chosen for you.",
    id: "The ID of the NPQ application",
    body: { schema: "ApplicationAcceptRequest", required: false },
    ok: { description: "The NPQ application being accepted", schema: "ApplicationResponse" },
    problems: [
      m("application.has_already_been_accepted"),
      m("application.cannot_change_from_rejected"),
      m("application.has_another_accepted_application"),
      m("application.not_eligible_for_funded_place"),
      m("funded_place.inclusion", "funded_place"),
      m("schedule_identifier.invalid_for_course"),
      m("schedule.cohort_mismatch"),
    ],
  },
  {
    method: "post",
    path: "/api/v3/npq-applications/{id}/reject",
    tag: "NPQ Applications",
    operationId: "rejectNpqApplication",
    summary: "Reject an NPQ application",
    description: "Rejects a pending application. No request body.",
    id: "The ID of the NPQ application",
    ok: { description: "The NPQ application being rejected", schema: "ApplicationResponse" },
    problems: [m("application.has_already_been_rejected"), m("application.cannot_reject_with_declarations")],
  },
  {
    method: "put",
    path: "/api/v3/npq-applications/{id}/change-funded-place",
    tag: "NPQ Applications",
    operationId: "changeNpqApplicationFundedPlace",
    summary: "Change funded place value of an NPQ application",
    description: "Changes whether an accepted application has a DfE-funded place.",
    id: "The ID of the NPQ application",
    body: { schema: "ApplicationChangeFundedPlaceRequest", required: true },
    ok: { description: "The NPQ application after changing the funded place", schema: "ApplicationResponse" },
    problems: [
      m("application.cannot_change_funded_status_from_non_accepted"),
      m("application.not_eligible_for_funded_place"),
      m("application.cannot_change_funded_place"),
      m("application.cohort_does_not_accept_capping"),
      m("funded_place.inclusion", "funded_place"),
    ],
  },
  {
    method: "get",
    path: "/api/v3/participants/npq",
    tag: "NPQ Participants",
    operationId: "listNpqParticipants",
    summary: "Retrieve multiple NPQ participants",
    description: "Participants with at least one application you accepted, in order of created_at (oldest first) unless sort says otherwise.",
    filter: npqParticipantsFilter,
    paginated: true,
    sort: npqSort,
    ok: { description: "A list of NPQ participants", schema: "ParticipantsResponse" },
    unprocessable: "An unknown filter[training_status] is answered with a 422.",
  },
  {
    method: "get",
    path: "/api/v3/participants/npq/{id}",
    tag: "NPQ Participants",
    operationId: "getNpqParticipant",
    summary: "Retrieve a single NPQ participant",
    description: "One participant enrolled with you.",
    id: "The ID of the participant",
    ok: { description: "A single NPQ participant", schema: "ParticipantResponse" },
  },
  {
    method: "put",
    path: "/api/v3/participants/npq/{id}/resume",
    tag: "NPQ Participants",
    operationId: "resumeNpqParticipant",
    summary: "Resume an NPQ participant",
    description: "Sets the training status of a deferred or withdrawn participant back to active for the course.",
    id: "The ID of the participant",
    body: { schema: "ParticipantResumeRequest", required: true },
    ok: { description: "The NPQ participant being resumed", schema: "ParticipantResponse" },
    problems: [m("participant_id.already_active"), m("participant_course_identifier.inclusion", "course_identifier")],
  },
  {
    method: "put",
    path: "/api/v3/participants/npq/{id}/defer",
    tag: "NPQ Participants",
    operationId: "deferNpqParticipant",
    summary: "Defer an NPQ participant",
    description: "Records that the participant is taking a break from the course, with one of DfE's deferral reasons.",
    id: "The ID of the participant",
    body: { schema: "ParticipantDeferRequest", required: true },
    ok: { description: "The NPQ participant being deferred", schema: "ParticipantResponse" },
    problems: [
      m("participant_id.already_deferred"),
      m("participant_id.already_withdrawn"),
      m("participant_id.no_declarations"),
      m("participant_reason.inclusion", "reason"),
    ],
  },
  {
    method: "put",
    path: "/api/v3/participants/npq/{id}/withdraw",
    tag: "NPQ Participants",
    operationId: "withdrawNpqParticipant",
    summary: "Withdraw an NPQ participant",
    description: "Records that the participant has left the course, with one of DfE's withdrawal reasons. Needs a started declaration.",
    id: "The ID of the participant",
    body: { schema: "ParticipantWithdrawRequest", required: true },
    ok: { description: "The NPQ participant being withdrawn", schema: "ParticipantResponse" },
    problems: [m("participant_id.already_withdrawn"), m("participant_id.no_started_declarations"), m("participant_reason.inclusion", "reason")],
  },
  {
    method: "put",
    path: "/api/v3/participants/npq/{id}/change-schedule",
    tag: "NPQ Participants",
    operationId: "changeNpqParticipantSchedule",
    summary: "Notify that an NPQ participant is changing training schedule",
    description:
      "Moves the participant to another schedule (and, before a started declaration, another cohort). Refused when existing declarations would not fit the new schedule.",
    id: "The ID of the participant",
    body: { schema: "ParticipantChangeScheduleRequest", required: true },
    ok: { description: "The NPQ participant changing schedule", schema: "ParticipantResponse" },
    problems: [
      m("schedule_identifier.invalidates_declaration"),
      m("schedule_identifier.schedule_has_not_changed"),
      m("schedule_identifier.invalid_for_course"),
      m("schedule_identifier.not_found"),
    ],
  },
  {
    method: "get",
    path: "/api/v3/participants/npq/outcomes",
    tag: "NPQ Participant Outcomes",
    operationId: "listNpqOutcomes",
    summary: "Retrieve multiple NPQ outcomes for all participants",
    description: "Outcomes of your participants, in order of created_at.",
    filter: npqOutcomesFilter,
    paginated: true,
    ok: { description: "A list of NPQ outcomes for all participants", schema: "ParticipantOutcomesResponse" },
  },
  {
    method: "get",
    path: "/api/v3/participants/npq/{id}/outcomes",
    tag: "NPQ Participant Outcomes",
    operationId: "listNpqParticipantOutcomes",
    summary: "Retrieve multiple NPQ outcomes for a single participant",
    description: "Outcomes of one participant, in order of created_at.",
    id: "The ID of the participant",
    paginated: true,
    ok: { description: "A list of NPQ outcomes for a single participant", schema: "ParticipantOutcomesResponse" },
  },
  {
    method: "post",
    path: "/api/v3/participants/npq/{id}/outcomes",
    tag: "NPQ Participant Outcomes",
    operationId: "createNpqParticipantOutcome",
    summary: "Submit an NPQ outcome for a single participant",
    description: "Records a new outcome (passed or failed) against the participant's latest completed declaration for the course.",
    id: "The ID of the participant",
    body: { schema: "ParticipantOutcomeCreateRequest", required: true },
    ok: { description: "The details of an NPQ outcome", schema: "ParticipantOutcomeResponse" },
    problems: [
      m("completion_date.blank", "completion_date"),
      m("completion_date.invalid", "completion_date"),
      m("completion_date.future_date", "completion_date"),
      m("state.blank", "state"),
      m("state.inclusion", "state"),
      m("participant_id.invalid_participant"),
    ],
  },
  {
    method: "get",
    path: "/api/v3/participant-declarations",
    tag: "Participant declarations",
    operationId: "listNpqDeclarations",
    summary: "Retrieve multiple participant declarations",
    description: "Your declarations, in order of created_at then id.",
    filter: npqDeclarationsFilter,
    paginated: true,
    ok: { description: "A list of participant declarations", schema: "ParticipantDeclarationsResponse" },
  },
  {
    method: "post",
    path: "/api/v3/participant-declarations",
    tag: "Participant declarations",
    operationId: "createNpqDeclaration",
    summary: "Declare a participant has reached a milestone",
    description:
      "Creates a started, retained or completed declaration. It is eligible when the participant is fundable, otherwise submitted; a duplicate of a billable declaration for the same person, course and type is ineligible. A completed declaration records the outcome from has_passed. The declaration goes on the next open output-fee statement.",
    body: { schema: "ParticipantDeclarationRequest", required: true },
    ok: { description: "The participant declaration being created", schema: "ParticipantDeclarationResponse" },
    problems: [
      m("declaration_date.future_declaration_date", "declaration_date"),
      m("declaration_date.declaration_before_schedule_start", "declaration_date"),
      m("declaration_date.invalid", "declaration_date"),
      m("declaration_type.mismatch_declaration_type_for_schedule", "declaration_type"),
      m("has_passed.invalid", "has_passed"),
      m("participant_id.invalid_participant"),
      m("participant_id.application_not_found"),
      message("statement.no_output_fee_statement", { cohort: "2021" }),
    ],
  },
  {
    method: "get",
    path: "/api/v3/participant-declarations/{id}",
    tag: "Participant declarations",
    operationId: "getNpqDeclaration",
    summary: "Retrieve a single participant declaration",
    description: "One of your declarations.",
    id: "The ID of the declaration",
    ok: { description: "A single participant declaration", schema: "ParticipantDeclarationResponse" },
  },
  {
    method: "put",
    path: "/api/v3/participant-declarations/{id}/void",
    tag: "Participant declarations",
    operationId: "voidNpqDeclaration",
    summary: "Void a declaration",
    description:
      "Voids a declaration (and the outcome a completed declaration recorded). A paid declaration becomes awaiting_clawback and is clawed back on the next output-fee statement. No request body.",
    id: "The ID of the declaration",
    ok: { description: "The participant declaration being voided", schema: "ParticipantDeclarationResponse" },
    problems: [m("declaration.already_voided"), m("declaration.not_already_refunded")],
  },
  {
    method: "put",
    path: "/api/v3/participant-declarations/{id}/change-delivery-partner",
    tag: "Participant declarations",
    operationId: "changeNpqDeclarationDeliveryPartner",
    summary: "Change declaration delivery partner",
    description:
      "Changes a declaration's delivery partner and secondary delivery partner: each must be in a partnership with you for the declaration's cohort, and the two must differ.",
    id: "The ID of the declaration",
    body: { schema: "ParticipantDeclarationChangeDeliveryPartnerRequest", required: true },
    ok: { description: "The declaration with its new delivery partner", schema: "ParticipantDeclarationResponse" },
    unprocessable: "The delivery partner is not one you work with in the declaration's cohort, or the primary and secondary are the same.",
  },
  {
    method: "get",
    path: "/api/v3/delivery-partners",
    tag: "Delivery Partners",
    operationId: "listDeliveryPartners",
    summary: "Retrieve multiple delivery partners",
    description: "Delivery partners you have a partnership with, in order of name unless sort says otherwise.",
    filter: deliveryPartnersFilter,
    paginated: true,
    sort: deliveryPartnerSort,
    ok: { description: "A list of delivery partners", schema: "DeliveryPartnersResponse" },
  },
  {
    method: "get",
    path: "/api/v3/delivery-partners/{id}",
    tag: "Delivery Partners",
    operationId: "getDeliveryPartner",
    summary: "Retrieve a single delivery partner",
    description: "One delivery partner you have a partnership with. (DfE serves this endpoint; its published spec has the response schema but not the path.)",
    id: "The ID of the delivery partner",
    ok: { description: "A single delivery partner", schema: "DeliveryPartnerResponse" },
  },
  {
    method: "get",
    path: "/api/v3/statements",
    tag: "Statements",
    operationId: "listStatements",
    summary: "Retrieve financial statements",
    description: "Your statements, in order of payment_date.",
    filter: npqStatementsFilter,
    paginated: true,
    ok: { description: "A list of financial statements", schema: "StatementsResponse" },
  },
  {
    method: "get",
    path: "/api/v3/statements/{id}",
    tag: "Statements",
    operationId: "getStatement",
    summary: "Retrieve a specific financial statement",
    description: "One of your statements.",
    id: "The ID of the statement",
    ok: { description: "A financial statement", schema: "StatementResponse" },
  },
];

const V2_TAGS = [
  { name: "ECF participants", description: "Early career teachers and mentors training with you: their training records, status and schedule." },
  { name: "Participant declarations", description: "Milestone declarations for ECF participants, and their payment states." },
];

// The v2 problems quote only the strings the ECF service shares word for word with the NPQ locale (lib/ecf/serialize.ts
// SHARED_MESSAGES); ECF words several others differently.
const V2_OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v2/participants/ecf",
    tag: "ECF participants",
    operationId: "listEcfParticipants",
    summary: "Retrieve multiple ECF participants",
    description: "Your ECF participants, in order of created_at.",
    filter: ecfParticipantsFilter,
    paginated: true,
    ok: { description: "A list of ECF participants", schema: "MultipleECFParticipantsResponse" },
  },
  {
    method: "get",
    path: "/api/v2/participants/ecf.csv",
    tag: "ECF participants",
    operationId: "downloadEcfParticipantsCsv",
    summary: "Retrieve all ECF participants in CSV format",
    description: "The same records as the JSON list, all of them, as a CSV file. Empty cells stand for null.",
    filter: ecfParticipantsFilter,
    ok: { description: "A CSV file of ECF participants", csv: ECF_PARTICIPANT_CSV_COLUMNS, rowSchema: "ECFParticipantCsvRow" },
  },
  {
    method: "get",
    path: "/api/v2/participants/ecf/{id}",
    tag: "ECF participants",
    operationId: "getEcfParticipant",
    summary: "Get a single ECF participant",
    description: "One of your ECF participants.",
    id: "The ID of the ECF participant",
    ok: { description: "A single ECF participant", schema: "ECFParticipantResponse" },
  },
  {
    method: "put",
    path: "/api/v2/participants/ecf/{id}/defer",
    tag: "ECF participants",
    operationId: "deferEcfParticipant",
    summary: "Notify that an ECF participant is taking a break from their course",
    description: "Defers the participant's training for the course, with one of DfE's deferral reasons.",
    id: "The ID of the participant to defer",
    body: { schema: "ECFParticipantDeferRequest", required: true },
    ok: { description: "The ECF participant being deferred", schema: "ECFParticipantResponse" },
    problems: [m("participant_id.already_deferred"), m("participant_id.already_withdrawn"), m("participant_reason.inclusion", "reason")],
  },
  {
    method: "put",
    path: "/api/v2/participants/ecf/{id}/resume",
    tag: "ECF participants",
    operationId: "resumeEcfParticipant",
    summary: "Notify that an ECF participant is resuming their course",
    description: "Sets the participant's training status back to active.",
    id: "The ID of the participant to resume",
    body: { schema: "ECFParticipantResumeRequest", required: true },
    ok: { description: "The ECF participant being resumed", schema: "ECFParticipantResponse" },
    problems: [m("participant_id.already_active")],
  },
  {
    method: "put",
    path: "/api/v2/participants/ecf/{id}/withdraw",
    tag: "ECF participants",
    operationId: "withdrawEcfParticipant",
    summary: "Notify that an ECF participant has withdrawn from their course",
    description: "Withdraws the participant from the course, with one of DfE's ECF withdrawal reasons.",
    id: "The ID of the participant to withdraw",
    body: { schema: "ECFParticipantWithdrawRequest", required: true },
    ok: { description: "The ECF participant being withdrawn", schema: "ECFParticipantResponse" },
    problems: [m("participant_id.already_withdrawn"), m("participant_reason.inclusion", "reason")],
  },
  {
    method: "put",
    path: "/api/v2/participants/ecf/{id}/change-schedule",
    tag: "ECF participants",
    operationId: "changeEcfParticipantSchedule",
    summary: "Notify that an ECF participant is changing training schedule",
    description: "Moves the participant to another schedule. Refused when existing declarations would not fit the new schedule.",
    id: "The ID of the participant",
    body: { schema: "ECFParticipantChangeScheduleRequest", required: true },
    ok: { description: "The ECF participant changing schedule", schema: "ECFParticipantResponse" },
    problems: [m("schedule_identifier.invalidates_declaration")],
  },
  {
    method: "post",
    path: "/api/v2/participant-declarations",
    tag: "Participant declarations",
    operationId: "createEcfDeclaration",
    summary: "Declare a participant has reached a milestone",
    description: "Creates a declaration. Idempotent: submitting an exact copy of an earlier request returns the same response body.",
    body: { schema: "ParticipantDeclarationRequest", required: true },
    ok: { description: "The participant declaration", schema: "SingleParticipantDeclarationResponse" },
    problems: [
      m("declaration_date.future_declaration_date", "declaration_date"),
      m("declaration_type.mismatch_declaration_type_for_schedule", "declaration_type"),
      m("participant_id.invalid_participant"),
    ],
  },
  {
    method: "get",
    path: "/api/v2/participant-declarations",
    tag: "Participant declarations",
    operationId: "listEcfDeclarations",
    summary: "List all participant declarations",
    description: "Your ECF declarations, in order of created_at then id.",
    filter: ecfDeclarationsFilter,
    paginated: true,
    ok: { description: "A list of participant declarations", schema: "MultipleParticipantDeclarationsResponse" },
  },
  {
    method: "get",
    path: "/api/v2/participant-declarations.csv",
    tag: "Participant declarations",
    operationId: "downloadEcfDeclarationsCsv",
    summary: "Retrieve all participant declarations in CSV format",
    description: "All your ECF declarations as a CSV file.",
    ok: { description: "A CSV file of participant declarations", csv: ECF_DECLARATION_CSV_COLUMNS, rowSchema: "ParticipantDeclarationCsvRow" },
  },
  {
    method: "get",
    path: "/api/v2/participant-declarations/{id}",
    tag: "Participant declarations",
    operationId: "getEcfDeclaration",
    summary: "Get single participant declaration",
    description: "One of your ECF declarations.",
    id: "The ID of the participant declaration",
    ok: { description: "A single participant declaration", schema: "SingleParticipantDeclarationResponse" },
  },
  {
    method: "put",
    path: "/api/v2/participant-declarations/{id}/void",
    tag: "Participant declarations",
    operationId: "voidEcfDeclaration",
    summary: "Void a declaration",
    description: "Voids a declaration; it is not deleted. A paid declaration is clawed back on the next output-fee statement.",
    id: "The ID of the declaration to void",
    ok: { description: "The participant declaration being voided", schema: "SingleParticipantDeclarationResponse" },
    problems: [m("declaration.already_voided")],
  },
];

const SERVER_DATE_DESCRIPTION =
  "Runs the whole request as if the server clock were this date and time (ISO 8601), to test date rules such as declaration windows. For testing only: honoured on a sandbox (a server run with ATTAIN_ENVIRONMENT=sandbox, as the demo is) and ignored everywhere else, so not in production.";

const error = (description: string, schema: string): OpenApiResponse => ({ description, content: { "application/json": { schema: ref(schema) } } });

function buildOperation(spec: OperationSpec, version: ApiVersion): OpenApiOperation {
  const parameters: OpenApiParameter[] = [];
  if (spec.id)
    parameters.push({
      name: "id",
      in: "path",
      required: true,
      description: spec.id,
      schema: version === "v3" ? ref("IDAttribute") : { type: "string", format: "uuid" },
    });
  for (const [key, field] of Object.entries(spec.filter?.shape ?? {})) parameters.push(parameterFrom(`filter[${key}]`, "query", field as z.ZodType));
  if (spec.paginated) for (const [key, field] of Object.entries(pagination.shape)) parameters.push(parameterFrom(`page[${key}]`, "query", field));
  if (spec.sort) parameters.push(parameterFrom("sort", "query", spec.sort));
  parameters.push(
    parameterFrom(
      "X-With-Server-Date",
      "header",
      z.iso.datetime({ offset: true }).meta({ description: SERVER_DATE_DESCRIPTION, example: "2025-01-10T09:00:00Z" }),
    ),
  );

  const ok: OpenApiResponse =
    "csv" in spec.ok
      ? {
          description: `${spec.ok.description}. Columns, in order: ${spec.ok.csv.join(", ")} (see ${spec.ok.rowSchema}).`,
          content: {
            "text/csv": {
              schema: { type: "string", description: `A header row then one row per record: ${spec.ok.csv.join(",")}` },
              example: `${spec.ok.csv.join(",")}\n`,
            },
          },
        }
      : { description: spec.ok.description, content: { "application/json": { schema: ref(spec.ok.schema) } } };

  const badRequest = [
    spec.body ? `a body that is not JSON sent as application/json, or not {"data":{"attributes":{…}}} ("${MESSAGES.invalid_data_structure}")` : null,
    spec.paginated ? `page values that are not positive whole numbers ("${MESSAGES.invalid_page_parameters}")` : null,
    spec.filter && "updated_since" in spec.filter.shape ? `a filter date that is not ISO 8601 ("${m("invalid_date_filter", "updated_since")}")` : null,
    spec.filter && "participant_id" in spec.filter.shape ? `participant IDs that are not UUIDs ("${MESSAGES.invalid_participant_id_filter}")` : null,
    "a NUL character in a query parameter",
    "an X-With-Server-Date header that is not a date and time",
  ].filter((v): v is string => v !== null);

  const responses: Record<string, OpenApiResponse> = {
    "200": ok,
    "400": error(`Bad request: ${badRequest.join("; ")}.`, "BadRequestResponse"),
    "401": error(`The bearer token is missing, wrong or revoked ("${MESSAGES.unauthorized}").`, "UnauthorisedResponse"),
  };
  if (spec.id) responses["404"] = error('No such resource, or it belongs to another lead provider ("Resource not found").', "NotFoundResponse");
  if (spec.method !== "get" || spec.problems || spec.unprocessable) {
    const problems = spec.problems?.length ? ` For example: ${spec.problems.map((p) => `"${p}"`).join("; ")}.` : "";
    const other = spec.unprocessable ? ` ${spec.unprocessable}` : "";
    responses["422"] = error(
      `Unprocessable entity: a missing or invalid attribute, or a change the rules do not allow.${other}${problems}`,
      "UnprocessableEntityResponse",
    );
  }
  responses["429"] = {
    description: `Rate limit: more than ${DOCUMENTED_LIMITS.requestsPerWindow.toLocaleString("en-GB")} requests in 5 minutes with this token. Body "Retry later".`,
    headers: { "Retry-After": { description: "Seconds until the next 5-minute window", schema: { type: "integer", example: 120 } } },
    content: { "text/plain": { schema: inlineSchema(rateLimitedResponse, "output") } },
  };

  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ [SECURITY_SCHEME]: [] }],
    parameters,
    ...(spec.body
      ? {
          requestBody: {
            description: spec.body.required ? "Required" : "Optional",
            required: spec.body.required,
            content: { "application/json": { schema: ref(spec.body.schema) } },
          },
        }
      : {}),
    responses,
  };
}

const VERSIONS = {
  v3: {
    title: "Attain lead provider API: NPQ",
    description:
      'A drop-in implementation of DfE\'s NPQ lead provider API v3: the same paths, JSON shapes and messages. Authenticate with Authorization: Bearer <token>. Lists are paginated with page[page] and page[per_page] and hold only data. Where DfE\'s published v3 file and DfE\'s running service differ, this follows the file: declaration states are written with underscores (awaiting_clawback, clawed_back) and has_passed is the string "true" or "false" (null before a completed declaration).',
    tags: V3_TAGS,
    operations: V3_OPERATIONS,
    components: V3_COMPONENTS,
  },
  v2: {
    title: "Attain lead provider API: ECF",
    description:
      "A drop-in implementation of DfE's ECF lead provider API v2 (participants and declarations): the same paths, JSON shapes and messages, plus CSV downloads. Authenticate with Authorization: Bearer <token>. DfE's v2 file does not list the clawback states, so they are written as DfE's service writes them: awaiting-clawback, clawed-back.",
    tags: V2_TAGS,
    operations: V2_OPERATIONS,
    components: V2_COMPONENTS,
  },
} as const;

/** The OpenAPI 3.0 document for one version of the API. */
export function buildOpenApi(version: ApiVersion): OpenApiDocument {
  const v = VERSIONS[version];
  const output = componentSchemas(v.components.output, "output");
  const input = componentSchemas(v.components.input, "input");
  const clash = Object.keys(input).find((name) => name in output);
  if (clash) throw new Error(`Component ${clash} is both a request and a response schema`);

  const paths: OpenApiDocument["paths"] = {};
  for (const spec of v.operations) {
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method] = buildOperation(spec, version);
  }
  return {
    openapi: "3.0.3",
    info: { title: v.title, version, description: v.description },
    servers: [{ url: "/", description: "This service" }],
    tags: v.tags.map((t) => ({ ...t })),
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: "http",
          scheme: "bearer",
          description: "An API token created by a lead provider admin in Attain: Authorization: Bearer <token>",
        },
      },
      schemas: { ...output, ...input },
    },
    security: [{ [SECURITY_SCHEME]: [] }],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The docs page (self-contained HTML: no scripts, no external fonts, stylesheets or images)
// ---------------------------------------------------------------------------------------------------------

const esc = (value: unknown) => String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const code = (value: unknown) => `<code>${esc(value)}</code>`;
const slug = (...parts: string[]) =>
  parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function deref(doc: OpenApiDocument, schema: JsonSchema): { schema: JsonSchema; name?: string } {
  const target = schema.$ref;
  if (typeof target !== "string") return { schema };
  const name = target.replace("#/components/schemas/", "");
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`Unresolved $ref ${target}`);
  return { schema: found, name };
}

type FieldRow = { name: string; type: string; required: boolean; schema: JsonSchema };
type Variant = { field: string; name: string; schema: JsonSchema };

function typeLabel(doc: OpenApiDocument, input: JsonSchema): string {
  const { schema } = deref(doc, input);
  if (Array.isArray(schema.anyOf)) return "one of the shapes below";
  let label = typeof schema.type === "string" ? schema.type : "any";
  if (label === "array" && schema.items && typeof schema.items === "object") label = `array of ${typeLabel(doc, schema.items as JsonSchema)}`;
  if (typeof schema.format === "string") label += ` (${schema.format})`;
  if (schema.nullable === true) label += " or null";
  return label;
}

function fieldRows(doc: OpenApiDocument, input: JsonSchema, prefix: string, rows: FieldRow[], variants: Variant[]) {
  const { schema } = deref(doc, input);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  for (const [key, property] of Object.entries(properties)) {
    const name = prefix + key;
    const resolved = deref(doc, property).schema;
    rows.push({ name, type: typeLabel(doc, property), required: required.has(key), schema: resolved });
    if (Array.isArray(resolved.anyOf)) {
      for (const option of resolved.anyOf as JsonSchema[]) {
        const target = deref(doc, option);
        variants.push({ field: name, name: target.name ?? String(target.schema.description ?? "Variant"), schema: target.schema });
      }
    } else if (resolved.type === "object") {
      fieldRows(doc, resolved, `${name}.`, rows, variants);
    } else if (resolved.type === "array" && resolved.items && typeof resolved.items === "object") {
      const items = deref(doc, resolved.items as JsonSchema).schema;
      if (items.type === "object") fieldRows(doc, items, `${name}[].`, rows, variants);
    }
  }
}

function describe(schema: JsonSchema): string {
  const parts: string[] = [];
  if (typeof schema.description === "string") parts.push(esc(schema.description));
  if (Array.isArray(schema.enum)) parts.push(`Allowed values: ${schema.enum.map(code).join(", ")}`);
  const example = schema.example;
  if (example !== undefined && example !== null && typeof example !== "object" && !Array.isArray(schema.enum)) parts.push(`Example: ${code(example)}`);
  return parts.join("<br>");
}

function fieldsTable(caption: string, rows: FieldRow[]): string {
  if (rows.length === 0) return `<p>${esc(caption)}: none.</p>`;
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row"><code>${esc(r.name).replace(/\./g, ".<wbr>")}</code></th><td>${esc(r.type)}</td><td>${r.required ? "Yes" : "No"}</td><td>${describe(r.schema)}</td></tr>`,
    )
    .join("");
  return `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>${body}</tbody></table>`;
}

function schemaTables(doc: OpenApiDocument, caption: string, schema: JsonSchema): string {
  const rows: FieldRow[] = [];
  const variants: Variant[] = [];
  fieldRows(doc, schema, "", rows, variants);
  const tables = [fieldsTable(caption, rows)];
  for (const variant of variants) {
    const variantRows: FieldRow[] = [];
    fieldRows(doc, variant.schema, `${variant.field}.`, variantRows, []);
    const description = typeof variant.schema.description === "string" ? `: ${variant.schema.description}` : "";
    tables.push(fieldsTable(`${variant.field}, shape ${variant.name}${description}`, variantRows));
  }
  return tables.join("");
}

function parametersTable(parameters: OpenApiParameter[]): string {
  const body = parameters
    .map((p) => {
      const details = [
        esc(p.description),
        Array.isArray(p.schema.enum) ? `Allowed values: ${p.schema.enum.map(code).join(", ")}` : "",
        p.example !== undefined ? `Example: ${code(p.example)}` : "",
      ]
        .filter(Boolean)
        .join("<br>");
      const type = `${String(p.schema.type ?? "string")}${typeof p.schema.format === "string" ? ` (${p.schema.format})` : ""}`;
      return `<tr><th scope="row">${code(p.name)}</th><td>${esc(p.in)}</td><td>${esc(p.schema.$ref ? "string (uuid)" : type)}</td><td>${p.required ? "Yes" : "No"}</td><td>${details}</td></tr>`;
    })
    .join("");
  return `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>${body}</tbody></table>`;
}

function responsesTable(responses: Record<string, OpenApiResponse>): string {
  const body = Object.entries(responses)
    .map(([status, r]) => {
      const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
      const schemaName = typeof media?.schema.$ref === "string" ? media.schema.$ref.replace("#/components/schemas/", "") : null;
      const bodyCell = type ? `${code(type)}${schemaName ? ` ${esc(schemaName)}` : ""}` : "None";
      return `<tr><th scope="row">${esc(status)}</th><td>${esc(r.description)}</td><td>${bodyCell}</td></tr>`;
    })
    .join("");
  return `<table><caption>Responses</caption><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Body</th></tr></thead><tbody>${body}</tbody></table>`;
}

function operationHtml(doc: OpenApiDocument, version: ApiVersion, path: string, method: HttpMethod, op: OpenApiOperation): string {
  const id = slug(version, op.operationId);
  const parts = [
    `<section class="operation" aria-labelledby="${id}">`,
    `<h4 id="${id}"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h4>`,
    `<p class="summary">${esc(op.summary)}</p>`,
    `<p>${esc(op.description)}</p>`,
    parametersTable(op.parameters),
  ];
  if (op.requestBody) {
    const schema = op.requestBody.content["application/json"]!.schema;
    const name = deref(doc, schema).name ?? "Request body";
    parts.push(`<h5>Request body (${op.requestBody.required ? "required" : "optional"}): ${esc(name)}</h5>`);
    parts.push(schemaTables(doc, `${name} fields`, schema));
  }
  parts.push(responsesTable(op.responses));
  const ok = op.responses["200"]!;
  const json = ok.content?.["application/json"];
  if (json) {
    const name = deref(doc, json.schema).name ?? "Response";
    parts.push(`<details><summary>Response fields (200): ${esc(name)}</summary>${schemaTables(doc, `${name} fields`, json.schema)}</details>`);
  }
  const csv = ok.content?.["text/csv"];
  if (csv) {
    const rowSchema = /\(see (\w+)\)/.exec(ok.description)?.[1];
    if (rowSchema)
      parts.push(`<details><summary>CSV columns: ${esc(rowSchema)}</summary>${schemaTables(doc, `${rowSchema} columns, in order`, ref(rowSchema))}</details>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

function versionHtml(doc: OpenApiDocument): string {
  const version = doc.info.version as ApiVersion;
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    (Object.entries(ops) as [HttpMethod, OpenApiOperation][]).map(([method, op]) => ({ path, method, op })),
  );
  const groups = doc.tags.map((tag) => {
    const ops = operations.filter((o) => o.op.tags.includes(tag.name));
    const id = slug(version, tag.name);
    return [
      `<section aria-labelledby="${id}">`,
      `<h3 id="${id}">${esc(tag.name)}</h3>`,
      `<p>${esc(tag.description)}</p>`,
      `<ul class="operations">${ops.map((o) => `<li><a href="#${slug(version, o.op.operationId)}"><span class="method">${o.method.toUpperCase()}</span> <code>${esc(o.path)}</code></a></li>`).join("")}</ul>`,
      ...ops.map((o) => operationHtml(doc, version, o.path, o.method, o.op)),
      "</section>",
    ].join("\n");
  });
  return [
    `<section aria-labelledby="${version}">`,
    `<h2 id="${version}">${esc(doc.info.title)} (${esc(version)})</h2>`,
    `<p>${esc(doc.info.description)}</p>`,
    `<p>OpenAPI document: <a href="/api/docs/${version}/openapi.json">/api/docs/${version}/openapi.json</a></p>`,
    ...groups,
    "</section>",
  ].join("\n");
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;background:#fff}
a{color:#1d70b8}a:visited{color:#4c2c92}a:hover{color:#003078}
a:focus,summary:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.skip{position:absolute;left:-9999px}.skip:focus{position:static;display:inline-block;padding:.5rem}
header{background:#0b0c0c;color:#fff;padding:1rem 1.5rem}header p{margin:0;font-weight:700;font-size:1.2rem}
main{max-width:80rem;margin:0 auto;padding:1.5rem}
h1{font-size:2.2rem;margin:.5rem 0 1rem}h2{font-size:1.8rem;margin-top:3rem;border-top:4px solid #1d70b8;padding-top:1rem}
h3{font-size:1.4rem;margin-top:2.5rem}h4{font-size:1.15rem;margin:0 0 .5rem}h5{font-size:1rem;margin:1rem 0 .25rem}
code{font-family:Consolas,Menlo,"Courier New",monospace;font-size:.92em;background:#f3f2f1;padding:0 .2em;overflow-wrap:anywhere}
pre{background:#f3f2f1;padding:.75rem;overflow-x:auto;border-left:4px solid #b1b4b6}pre code{padding:0}
table{border-collapse:collapse;width:100%;margin:.75rem 0 1.25rem;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem .4rem 0;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #0b0c0c}tbody th{font-weight:400}tbody th code{overflow-wrap:normal}
.operation{border-left:4px solid #b1b4b6;padding:.75rem 0 .25rem 1rem;margin:1.5rem 0}
.summary{font-weight:700;margin:.25rem 0}
.method{display:inline-block;min-width:3.5rem;padding:0 .4rem;font-weight:700;text-align:center;border:2px solid #0b0c0c;background:#fff;color:#0b0c0c}
.method-get{border-color:#00703c;color:#005a30}.method-post{border-color:#1d70b8;color:#003078}.method-put{border-color:#6f3c00;color:#6f3c00}
.operations{list-style:none;padding:0}.operations li{margin:.25rem 0}
details{margin:.5rem 0 1rem}summary{cursor:pointer;color:#1d70b8;text-decoration:underline}
nav ul{padding-left:1.25rem}
@media (max-width:40rem){table{display:block;overflow-x:auto}}
`;

function errorsTable(): string {
  const rows: [string, string, string][] = [
    [
      "400",
      "The body is not JSON sent as application/json, or not the expected structure; page, filter or header values are malformed",
      JSON.stringify({ errors: [{ title: MESSAGES.bad_request, detail: MESSAGES.invalid_data_structure }] }),
    ],
    [
      "413",
      `The request body is larger than ${MAX_BODY_DOCUMENTED} (the request is not read)`,
      JSON.stringify({
        errors: [{ title: API_MESSAGES.payload_too_large, detail: fill(API_MESSAGES.payload_too_large_detail, { limit: MAX_BODY_DOCUMENTED }) }],
      }),
    ],
    ["401", "The bearer token is missing, wrong or revoked", JSON.stringify({ error: MESSAGES.unauthorized })],
    ["404", "No such resource, or it belongs to another lead provider", JSON.stringify({ error: "Resource not found" })],
    [
      "422",
      "An attribute is missing or invalid, or the change is not allowed (title: the attribute; detail: DfE's message)",
      JSON.stringify({ errors: [{ title: "participant_id", detail: MESSAGES["participant_id.no_started_declarations"] }] }),
    ],
    ["429", "More than 1,000 requests in 5 minutes with this token (text/plain, with a Retry-After header)", "Retry later"],
  ];
  return `<table><caption>Error responses</caption><thead><tr><th scope="col">Status</th><th scope="col">When</th><th scope="col">Body</th></tr></thead><tbody>${rows
    .map(([s, w, b]) => `<tr><th scope="row">${s}</th><td>${esc(w)}</td><td>${code(b)}</td></tr>`)
    .join("")}</tbody></table>`;
}

function messagesTable(): string {
  const rows = (Object.entries(MESSAGES) as [string, string][])
    .filter(([key]) => key.includes("."))
    .map(([key, text]) => `<tr><th scope="row">${code(key)}</th><td>${esc(text)}</td></tr>`)
    .join("");
  return `<details><summary>All 422 messages (exactly as DfE words them)</summary><p>${code("%{parameterized_attribute}")} stands for the attribute's name, for example ${code("declaration_date")}.</p><table><caption>Validation and rule messages</caption><thead><tr><th scope="col">Key</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** The whole /api/docs page for the given documents (normally v3 then v2). */
export function renderApiDocsHtml(documents: OpenApiDocument[]): string {
  const { defaultPerPage, maxPerPage } = DOCUMENTED_LIMITS;
  const contents: [string, string][] = [
    ["authentication", "Authentication"],
    ["pagination", "Pagination, filters and sorting"],
    ["server-date", "Testing dates: X-With-Server-Date"],
    ["errors", "Errors"],
    ["rate-limit", "Rate limit"],
  ];
  const versionContents = documents
    .map(
      (d) =>
        `<li><a href="#${d.info.version}">${esc(d.info.title)} (${esc(d.info.version)})</a><ul>${d.tags
          .map((t) => `<li><a href="#${slug(d.info.version, t.name)}">${esc(t.name)}</a></li>`)
          .join("")}</ul></li>`,
    )
    .join("");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lead provider API documentation – Attain</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><p>Attain</p></header>
<main id="main">
<h1>Lead provider API documentation</h1>
<p>Attain serves DfE's lead provider APIs as a drop-in: the NPQ API v3 under ${code("/api/v3")} and the ECF API v2 under ${code("/api/v2")}, with the same paths, JSON shapes and error messages as DfE's. Point your system at this service's address and use an Attain API token.</p>
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>${contents
    .map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`)
    .join("")}${versionContents}</ul></nav>

<section aria-labelledby="authentication">
<h2 id="authentication">Authentication</h2>
<p>Send your API token in the Authorization header of every request:</p>
<pre><code>Authorization: Bearer &lt;your token&gt;</code></pre>
<p>A lead provider admin creates tokens in Attain. A token is shown once, when it is created, and can be revoked at any time. Without a valid token every endpoint answers 401 with ${code(JSON.stringify({ error: MESSAGES.unauthorized }))}. You only ever see your own organisation's records: anything else is ${code("404")} ${code(JSON.stringify({ error: "Resource not found" }))}.</p>
<p>Request and response bodies are JSON (${code("Content-Type: application/json")}). Changes are sent as ${code('{"data":{"type":"…","attributes":{…}}}')}; responses hold ${code('{"data":{…}}')} for one record and ${code('{"data":[…]}')} for a list. A body sent with another content type is a ${code("400")}, and one larger than ${MAX_BODY_DOCUMENTED} a ${code("413")}.</p>
</section>

<section aria-labelledby="pagination">
<h2 id="pagination">Pagination, filters and sorting</h2>
<ul>
<li>${code("page[page]")} is the page number (from 1) and ${code("page[per_page]")} the page size: ${defaultPerPage} by default, at most ${maxPerPage.toLocaleString("en-GB")}; a larger page size falls back to ${maxPerPage.toLocaleString("en-GB")}.</li>
<li>Zero, negative or non-numeric values answer 400 with ${code(JSON.stringify({ errors: [{ title: MESSAGES.bad_request, detail: MESSAGES.invalid_page_parameters }] }))}.</li>
<li>A page past the end answers 200 with ${code('{"data":[]}')}. Lists hold only ${code("data")}: no totals and no links, so keep asking for the next page until it is empty.</li>
<li>Filters are ${code("filter[…]")} query parameters, listed with each endpoint. Dates are ISO 8601 and must be URL-encoded, for example ${code("filter[updated_since]=2025-01-10T09%3A00%3A00Z")}; an invalid date answers 400 with ${code(m("invalid_date_filter", "updated_since"))}. ${code("filter[cohort]")} takes a comma-separated list of years, and ${code("filter[participant_id]")} a comma-separated list of IDs (${code(MESSAGES.invalid_participant_id_filter)} otherwise).</li>
<li>Where an endpoint has ${code("sort")}, give a field for ascending order or ${code("-field")} for descending, for example ${code("sort=-updated_at")}. Default orders: applications and participants by ${code("created_at")}; declarations and outcomes by ${code("created_at")} then id; statements by ${code("payment_date")}; delivery partners by ${code("name")}.</li>
</ul>
</section>

<section aria-labelledby="server-date">
<h2 id="server-date">Testing dates: X-With-Server-Date</h2>
<p>Send ${code("X-With-Server-Date: 2025-01-10T09:00:00Z")} (ISO 8601) to run the whole request as if the server clock were that time, for example to test declaration windows and statement deadlines. It is for testing only: a sandbox honours it (a server run with ${code("ATTAIN_ENVIRONMENT=sandbox")}, as the demo is), and every other server, so not in production, ignores the header and uses its real clock.</p>
</section>

<section aria-labelledby="errors">
<h2 id="errors">Errors</h2>
<p>Errors use DfE's bodies and messages exactly.</p>
${errorsTable()}
${messagesTable()}
</section>

<section aria-labelledby="rate-limit">
<h2 id="rate-limit">Rate limit</h2>
<p>1,000 requests per 5 minutes per token. Beyond that the API answers ${code("429")} with the body ${code("Retry later")} and a ${code("Retry-After")} header giving the seconds until the next 5-minute window.</p>
</section>

${documents.map(versionHtml).join("\n")}
</main>
</body>
</html>
`;
}
