CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"grounds" text NOT NULL,
	"lodged_on_behalf_of_apprentice" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"lodged_by" uuid,
	"lodged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_notes" text,
	"previous_grade" text,
	"new_grade" text,
	CONSTRAINT "appeals_status_check" CHECK ("appeals"."status" in ('open', 'upheld', 'not_upheld', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "assessment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text DEFAULT 'first' NOT NULL,
	"components" text[],
	"overall_grade" text,
	"achievement_date" date,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_attempts_kind_check" CHECK ("assessment_attempts"."kind" in ('first', 'resit', 'retake')),
	CONSTRAINT "assessment_attempts_confirmed_check" CHECK (("assessment_attempts"."overall_grade" is null) = ("assessment_attempts"."confirmed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "component_grades" (
	"attempt_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"assessed_on" date NOT NULL,
	"carried_over" boolean DEFAULT false NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "component_grades_attempt_id_component_id_pk" PRIMARY KEY("attempt_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"checklist_item_id" uuid,
	"evidence_request_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "evidence_files_purpose_check" CHECK ("evidence_files"."purpose" in ('gateway', 'evidence_request')),
	CONSTRAINT "evidence_files_target_check" CHECK (("evidence_files"."purpose" = 'gateway' and "evidence_files"."checklist_item_id" is not null) or ("evidence_files"."purpose" = 'evidence_request' and "evidence_files"."evidence_request_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "evidence_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"epao_id" uuid NOT NULL,
	"message" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer_note" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "evidence_requests_status_check" CHECK ("evidence_requests"."status" in ('open', 'answered', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "gateway_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"guidance" text,
	"mandatory" boolean DEFAULT true NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"items" jsonb NOT NULL,
	"declaration" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "gateway_submissions_status_check" CHECK ("gateway_submissions"."status" in ('submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "resit_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"components" text[] NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"new_attempt_id" uuid,
	CONSTRAINT "resit_requests_status_check" CHECK ("resit_requests"."status" in ('requested', 'approved', 'declined')),
	CONSTRAINT "resit_requests_kind_check" CHECK ("resit_requests"."kind" in ('resit', 'retake'))
);
--> statement-breakpoint
CREATE TABLE "shared_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"epao_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_lodged_by_users_id_fk" FOREIGN KEY ("lodged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_grades" ADD CONSTRAINT "component_grades_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_grades" ADD CONSTRAINT "component_grades_component_id_assessment_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."assessment_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_grades" ADD CONSTRAINT "component_grades_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_checklist_item_id_gateway_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."gateway_checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_requests" ADD CONSTRAINT "evidence_requests_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_requests" ADD CONSTRAINT "evidence_requests_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_requests" ADD CONSTRAINT "evidence_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_requests" ADD CONSTRAINT "evidence_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_requests" ADD CONSTRAINT "evidence_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_checklist_items" ADD CONSTRAINT "gateway_checklist_items_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_submissions" ADD CONSTRAINT "gateway_submissions_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_submissions" ADD CONSTRAINT "gateway_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_submissions" ADD CONSTRAINT "gateway_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resit_requests" ADD CONSTRAINT "resit_requests_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resit_requests" ADD CONSTRAINT "resit_requests_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resit_requests" ADD CONSTRAINT "resit_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resit_requests" ADD CONSTRAINT "resit_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resit_requests" ADD CONSTRAINT "resit_requests_new_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("new_attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_open_key" ON "appeals" USING btree ("apprentice_id") WHERE "appeals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "appeals_status_idx" ON "appeals" USING btree ("status","lodged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_attempts_number_key" ON "assessment_attempts" USING btree ("apprentice_id","number");--> statement-breakpoint
CREATE INDEX "assessment_attempts_confirmed_idx" ON "assessment_attempts" USING btree ("confirmed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_files_storage_key" ON "evidence_files" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "evidence_files_apprentice_idx" ON "evidence_files" USING btree ("apprentice_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "evidence_requests_apprentice_idx" ON "evidence_requests" USING btree ("apprentice_id","requested_at");--> statement-breakpoint
CREATE INDEX "evidence_requests_epao_status_idx" ON "evidence_requests" USING btree ("epao_id","status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_checklist_items_standard_code_key" ON "gateway_checklist_items" USING btree ("standard_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_submissions_round_key" ON "gateway_submissions" USING btree ("apprentice_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_submissions_open_key" ON "gateway_submissions" USING btree ("apprentice_id") WHERE "gateway_submissions"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "gateway_submissions_status_idx" ON "gateway_submissions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "resit_requests_open_key" ON "resit_requests" USING btree ("apprentice_id") WHERE "resit_requests"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "resit_requests_status_idx" ON "resit_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shared_documents_storage_key" ON "shared_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "shared_documents_epao_standard_idx" ON "shared_documents" USING btree ("epao_id","standard_id");--> statement-breakpoint
-- Existing standards get the default gateway checklist (lib/assessment/checklist.ts holds the same list).
INSERT INTO "gateway_checklist_items" ("standard_id", "code", "title", "guidance", "mandatory", "position")
SELECT s.id, d.code, d.title, d.guidance, d.mandatory, d.position
FROM "standards" s
CROSS JOIN (VALUES
  ('english-maths', 'English and maths', 'Certificates for the English and maths the standard requires (usually level 2; level 1 or British Sign Language for apprentices with an EHC plan).', true, 0),
  ('portfolio', 'Portfolio of evidence', 'The portfolio the assessment plan asks for, mapped to the knowledge, skills and behaviours.', true, 1),
  ('employer-declaration', 'Employer gateway declaration', 'The employer''s signed confirmation that the apprentice is ready for end-point assessment.', true, 2),
  ('qualifications', 'Mandatory qualifications', 'Certificates for any qualification the standard makes mandatory.', false, 3),
  ('off-the-job', 'Off-the-job training record', 'The record of off-the-job training hours, if the EPAO asks for it.', false, 4)
) AS d(code, title, guidance, mandatory, position)
ON CONFLICT DO NOTHING;
