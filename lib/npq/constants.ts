/** NPQ course identifiers as the DfE API names them (plain module: safe to import in client components). */
export const NPQ_COURSES = [
  "npq-senior-leadership",
  "npq-headship",
  "npq-executive-leadership",
  "npq-early-years-leadership",
  "npq-leading-teaching",
  "npq-leading-behaviour-culture",
  "npq-leading-teaching-development",
  "npq-leading-literacy",
  "npq-leading-primary-mathematics",
  "npq-additional-support-offer",
  "npq-early-headship-coaching-offer",
  "npq-senco",
] as const;
export type NpqCourse = (typeof NPQ_COURSES)[number];
