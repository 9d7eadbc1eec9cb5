/** One row type per table, declared once: services and screens import these rather than writing `typeof t.$inferSelect`. */
import type { apprentices, bulkUploads } from "./apprentices";
import type { appeals, assessmentAttempts, resitRequests } from "./assessment";
import type { certificateClaims, esfaApiKeys, esfaCalls } from "./certification";
import type { assessmentComponents, standards } from "./core";
import type { jobs } from "./jobs";
import type { declarations, ecfProfiles, npqApplications, outcomes, participantIdChanges, participants, schedules } from "./lead-providers";

export type Appeal = typeof appeals.$inferSelect;
export type Apprentice = typeof apprentices.$inferSelect;
export type AssessmentComponent = typeof assessmentComponents.$inferSelect;
export type Attempt = typeof assessmentAttempts.$inferSelect;
export type BulkUpload = typeof bulkUploads.$inferSelect;
export type CertificateClaim = typeof certificateClaims.$inferSelect;
export type Declaration = typeof declarations.$inferSelect;
export type EcfProfile = typeof ecfProfiles.$inferSelect;
export type EsfaApiKey = typeof esfaApiKeys.$inferSelect;
export type EsfaCall = typeof esfaCalls.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type NpqApplication = typeof npqApplications.$inferSelect;
export type Outcome = typeof outcomes.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type ParticipantIdChange = typeof participantIdChanges.$inferSelect;
export type ResitRequest = typeof resitRequests.$inferSelect;
export type Schedule = typeof schedules.$inferSelect;
export type Standard = typeof standards.$inferSelect;
