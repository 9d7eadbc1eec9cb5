/**
 * Timestamps in DfE's JSON, NPQ and ECF alike, as Rails writes them: plain attributes with `as_json`, the ones DfE
 * formats with `rfc3339` to the second.
 */

/** Rails' `as_json` for a time: ISO 8601 in UTC with milliseconds (`2024-05-31T02:21:32.000Z`). */
export function isoTime(date: Date): string {
  return date.toISOString();
}

/** Rails' `Time#rfc3339`: ISO 8601 in UTC to the second (`2021-05-31T02:22:32Z`). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
