/**
 * Every error string of our DfE Lead Provider API, in one place. MESSAGES are npq-registration's
 * config/locales/en.yml (copy in tests/fixtures/dfe/npq-en.yml; messages.test.ts checks every string against it),
 * keyed by their path in that file; `%{parameterized_attribute}` etc. are filled by `message()`. Below them, the
 * NPQ declaration strings quoted from the same file and DfE's specs, and the ECF service's own strings.
 */
export const MESSAGES = {
  unauthorized: "HTTP Token: Access denied",
  bad_request: "Bad request",
  not_found: "Not found",
  invalid_date_filter: "The filter '#/%{parameterized_attribute}' must be a valid ISO 8601 date",
  invalid_participant_id_filter: "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs",
  invalid_page_parameters: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number",
  invalid_data_structure: "correct json data structure required. See API docs for reference",
  unpermitted_parameters: "Unpermitted parameters",
  "application.blank": "The entered '#/%{parameterized_attribute}' is missing from your request. Check details and try again.",
  "application.has_already_been_accepted": "This NPQ application has already been accepted",
  "application.cannot_change_from_rejected": "Once rejected an application cannot change state",
  "application.has_another_accepted_application": "The participant has already had an application accepted for this course.",
  "application.has_already_been_rejected": "This NPQ application has already been rejected",
  "application.not_eligible_for_funded_place": "The participant is not eligible for funding, so '#/funded_place' cannot be set to true.",
  "application.cannot_change_funded_status_from_non_accepted": "You must accept the application before attempting to change the '#/funded_place' setting.",
  "application.cohort_does_not_accept_capping":
    "Leave the '#/funded_place' field blank. It's only needed for participants starting NPQs from autumn 2024 onwards.",
  "application.cannot_change_funded_place":
    "You cannot change the funded place because declarations have been submitted. You will need to void the existing declarations and resubmit them after changing the funded place.",
  "application.cannot_change_funded_status_non_eligible": "This participant is not eligible for funding. Contact us if you think this is wrong.",
  "application.cannot_reject_with_declarations":
    "This application has declarations that prevent it from being rejected. Void the declarations first, or contact us for assistance.",
  "declaration.already_voided": "This declaration has already been voided.",
  "declaration.not_already_refunded": "The declaration will or has been be refunded.",
  "schedule.cohort_mismatch": "The schedule cohort must match the application cohort",
  "schedule.invalid_for_course": "The selected schedule is not valid for the course",
  "funded_place.inclusion": "Set '#/%{parameterized_attribute}' to true or false.",
  "participant_id.blank": "The property '#/participant_id' must be present",
  "participant_id.already_active": "The participant is already active",
  "participant_id.already_deferred": "The participant is already deferred",
  "participant_id.already_withdrawn": "The participant is already withdrawn",
  "participant_id.no_declarations": "You cannot defer an NPQ participant that has no declarations",
  "participant_id.no_started_declarations":
    "An NPQ participant who has not got a started declaration cannot be withdrawn. Please contact support for assistance",
  "participant_id.declaration_must_be_before_withdrawal_date":
    "This participant withdrew from this course on %{withdrawal_date}. Enter a '#/declaration_date' that's on or before the withdrawal date.",
  "participant_id.invalid_participant": "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.",
  "participant_id.application_not_found":
    "Your update cannot be made as an accepted application cannot be found for the given '#/participant_id' and '#/course_identifier'.",
  "declaration_date.blank": "Enter a '#/%{parameterized_attribute}'.",
  "declaration_date.invalid": "Enter a valid RFC3339 '#/%{parameterized_attribute}'.",
  "declaration_date.declaration_before_schedule_start": "Enter a '#/%{parameterized_attribute}' that's on or after the schedule start.",
  "declaration_date.future_declaration_date": "The '#/%{parameterized_attribute}' value cannot be a future date. Check the date and try again.",
  "declaration_type.blank": "Enter a '#/%{parameterized_attribute}'.",
  "declaration_type.mismatch_declaration_type_for_schedule": "The property '#/%{parameterized_attribute}' does not exist for this schedule.",
  "declaration_type.inclusion": "The entered '#/%{parameterized_attribute}' is not recognised.",
  "has_passed.invalid":
    "Enter 'true' or 'false' in the '#/%{parameterized_attribute}' field to indicate whether this participant has passed or failed their course.",
  "completion_date.future_date": "The '#/%{parameterized_attribute}' value cannot be a future date. Check the date and try again.",
  "completion_date.blank": "The '#/%{parameterized_attribute}' is missing from your request. Please include a completion_date value and try again.",
  "completion_date.invalid": "The '#/%{parameterized_attribute}' value must be in the following format: 'yyyy-mm-dd'",
  "statement.no_output_fee_statement":
    "You cannot submit or void declarations for the %{cohort} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.",
  "participant_course_identifier.blank": "Enter a '#/%{parameterized_attribute}' value for this participant.",
  "participant_course_identifier.inclusion":
    "The entered '#/%{parameterized_attribute}' is not recognised for the given participant. Check details and try again.",
  "participant_reason.blank": "The property '#/%{parameterized_attribute}' must be present",
  "participant_reason.inclusion": "The property '#/%{parameterized_attribute}' must be a valid reason",
  "schedule_identifier.blank": "The property '#/%{parameterized_attribute}' must be present",
  "schedule_identifier.invalidates_declaration": "Changing schedule would invalidate existing declarations. Please void them first.",
  "schedule_identifier.schedule_has_not_changed": "The participant already has the specified schedule",
  "schedule_identifier.invalid_for_course": "The selected schedule is not valid for the course",
  "schedule_identifier.not_found": "The selected schedule cannot be found in the application cohort",
  "cohort.cannot_change_with_declarations":
    "You cannot change the '#/cohort' field when there are submitted, eligible, payable, or paid declarations in the new cohort",
  "cohort.cannot_change_to_cohort_without_funding_cap": "You cannot change the '#/cohort' field from one with a funding cap to one without a funding cap",
  invalid_training_status: "The filter '#/training_status' must be %{valid_training_status}",
  // Model-specific messages, under their full path in the locale file.
  "activemodel.errors.models.applications/accept.attributes.schedule.blank": "Schedule cannot be determined",
  "activemodel.errors.models.participant_outcomes/create.attributes.base.no_completed_declarations":
    "The participant has not had a 'completed' declaration submitted for them. Therefore you cannot update their outcome.",
  "state.blank": "The '#/%{parameterized_attribute}' is missing from your request. Please include a 'passed' or 'failed' value and try again.",
  "state.inclusion":
    "The attribute '#/%{parameterized_attribute}' can only include 'passed' or 'failed' values. If you need to void an outcome, you will need to void the associated 'completed' declaration.",
} as const;
export type MessageKey = keyof typeof MESSAGES;

/** A template with its `%{name}` placeholders filled; unknown ones are left as they are. */
export function fill(template: string, values: Record<string, string> = {}): string {
  return template.replace(/%\{(\w+)\}/g, (_, name: string) => values[name] ?? `%{${name}}`);
}

/** A message with its placeholders filled (`parameterized_attribute` defaults to the attribute name). */
export function message(key: MessageKey, values: Record<string, string> = {}): string {
  return fill(MESSAGES[key], values);
}

/**
 * Our own strings for requests DfE's application never sees or has no message for (its web server and Rails
 * answer them first): a body over the size limit, a NUL character, a path that does not decode, the test-only
 * server date. Sent in DfE's error shape and worded like DfE's.
 */
export const API_MESSAGES = {
  payload_too_large: "Payload too large",
  payload_too_large_detail: "The request body must be %{limit} or smaller",
  nul_in_attribute: "The property '#/%{parameterized_attribute}' must not contain a NUL character (\\u0000)",
  nul_in_parameter: "The '#/%{parameterized_attribute}' parameter must not contain a NUL character (\\u0000)",
  invalid_path: "The request path is not valid: each part of it must be correctly percent-encoded UTF-8",
  invalid_server_date: "The 'X-With-Server-Date' header must be a valid ISO 8601 date and time",
} as const;

/**
 * NPQ declaration strings whose key in npq-registration's config/locales/en.yml is nested under a model, quoted as
 * written (messages.test.ts checks each appears in tests/fixtures/dfe/npq-en.yml). `declaration_after_schedule_end`
 * is newer than our copy of the locale file: it is quoted from DfE's own specs for Declaration.
 */
export const DECLARATION_MESSAGES = {
  declaration_already_exists: "A declaration has already been submitted that will be, or has been, paid for this event",
  application_schedule_missing: "The application is missing a schedule.",
  participant_id_changed: "The participant_id '%{from_participant_id}' has been replaced with '%{to_participant_id}'.",
  declaration_after_schedule_end: "Enter a '#/declaration_date' that's on or before the schedule end.",
  delivery_partner_blank: "The property '#/delivery_partner_id' must be present",
  delivery_partner_inclusion: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
  delivery_partner_not_found: "The property '#/delivery_partner_id' does not exist",
  delivery_partner_overseas: "The property '#/delivery_partner_id' cannot be specified for Applications from outside of England",
  secondary_inclusion: "The entered '#/secondary_delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
  secondary_present: "The property '#/secondary_delivery_partner_id' cannot be specified without the property '#/delivery_partner_id'",
  secondary_overseas: "The property '#/secondary_delivery_partner_id' cannot be specified for Applications from outside of England",
  secondary_duplicate: "The property '#/secondary_delivery_partner_id' cannot have the same value as the property '#/delivery_partner_id'",
  secondary_not_found: "The property '#/secondary_delivery_partner_id' does not exist",
} as const;

/**
 * Strings the ECF service returns where the NPQ locale (MESSAGES above) has none or words it differently.
 * Source: DFE-Digital/early-careers-framework config/locales/en.yml (the v2 guide and spec show no error texts), and
 * for the 2025 mentor rule the ECF repository's "Lead provider API" payment-engine page, which lists the
 * declaration validation messages. The ECF locale's own typo "RCF3339" is what its API answers.
 */
export const ECF_MESSAGES = {
  invalid_declaration_date: "Enter a valid RCF3339 '#/declaration_date'.",
  declaration_before_milestone_start: "Enter a '#/declaration_date' that's on or after the milestone start.",
  declaration_after_milestone_cutoff: "Enter a '#/declaration_date' that's before the milestone end date.",
  missing_evidence_held: "Enter a '#/evidence_held' value for this participant.",
  invalid_evidence_type: "Enter an available '#/evidence_held' type for this participant's event and course.",
  declaration_already_exists: "A declaration has already been submitted that will be, or has been, paid for this event",
  mentor_retained_after_2025:
    "You cannot send retained or extended declarations for participants who began their mentor training after June 2025. Resubmit this declaration with either a started or completed declaration.",
  npq_course_no_longer_supported: "NPQ Courses are no longer supported",
  invalid_transition: "Invalid action",
  declaration_not_voidable: "This declaration cannot be voided. Contact the DfE if you have any questions about why you cannot void it.",
  withdrawn_participant: "Cannot perform actions on a withdrawn participant",
  invalid_schedule: "The property '#/schedule_identifier' must be present and correspond to a valid schedule",
  schedule_already_on_the_profile: "Selected schedule is already on the profile",
  schedule_invalid_for_course: "Selected schedule is not valid for the course",
  cannot_change_cohort: "The property '#/cohort' cannot be changed",
} as const;
