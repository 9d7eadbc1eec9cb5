CREATE TABLE "api_rate_windows" (
	"token_id" uuid NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"description" text NOT NULL,
	"digest" text NOT NULL,
	"last_four" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"start_year" integer PRIMARY KEY NOT NULL,
	"registration_start_date" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"course_identifier" text NOT NULL,
	"cohort" integer NOT NULL,
	"declaration_type" text NOT NULL,
	"declaration_date" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	"has_passed" boolean,
	"ineligible_for_funding_reason" text,
	"statement_id" uuid,
	"clawback_statement_id" uuid,
	"delivery_partner_id" uuid,
	"secondary_delivery_partner_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declarations_state_check" CHECK ("declarations"."state" in ('submitted', 'eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting_clawback', 'clawed_back')),
	CONSTRAINT "declarations_type_check" CHECK ("declarations"."declaration_type" in ('started', 'retained-1', 'retained-2', 'retained-3', 'retained-4', 'extended-1', 'extended-2', 'extended-3', 'completed')),
	CONSTRAINT "declarations_completed_check" CHECK (("declarations"."declaration_type" = 'completed') = ("declarations"."has_passed" is not null) or "declarations"."course_identifier" not like 'npq-%')
);
--> statement-breakpoint
CREATE TABLE "delivery_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "npq_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"course_identifier" text NOT NULL,
	"cohort" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason_for_rejection" text,
	"eligible_for_funding" boolean DEFAULT false NOT NULL,
	"funded_place" boolean,
	"funding_choice" text,
	"ineligible_for_funding_reason" text,
	"headteacher_status" text,
	"employer_name" text,
	"employment_role" text,
	"school_urn" text,
	"school_ukprn" text,
	"private_childcare_provider_urn" text,
	"works_in_school" boolean,
	"targeted_delivery_funding_eligibility" boolean DEFAULT false NOT NULL,
	"teacher_catchment" boolean,
	"teacher_catchment_country" text,
	"teacher_catchment_iso_country_code" text,
	"itt_provider" text,
	"lead_mentor" boolean,
	"works_as_senco" boolean,
	"senco_start_date" text,
	"schedule_id" uuid,
	"training_status" text,
	"deferral_reason" text,
	"deferred_at" timestamp (3) with time zone,
	"withdrawal_reason" text,
	"withdrawn_at" timestamp (3) with time zone,
	"accepted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "npq_applications_status_check" CHECK ("npq_applications"."status" in ('pending', 'accepted', 'rejected')),
	CONSTRAINT "npq_applications_course_check" CHECK ("npq_applications"."course_identifier" in ('npq-senior-leadership', 'npq-headship', 'npq-executive-leadership', 'npq-early-years-leadership', 'npq-leading-teaching', 'npq-leading-behaviour-culture', 'npq-leading-teaching-development', 'npq-leading-literacy', 'npq-leading-primary-mathematics', 'npq-additional-support-offer', 'npq-early-headship-coaching-offer', 'npq-senco')),
	CONSTRAINT "npq_applications_training_check" CHECK (("npq_applications"."status" = 'accepted') = ("npq_applications"."training_status" is not null))
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"declaration_id" uuid,
	"course_identifier" text NOT NULL,
	"state" text NOT NULL,
	"completion_date" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcomes_state_check" CHECK ("outcomes"."state" in ('passed', 'failed', 'voided'))
);
--> statement-breakpoint
CREATE TABLE "participant_id_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"from_participant_id" uuid NOT NULL,
	"to_participant_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"email" text,
	"email_validated" boolean DEFAULT true NOT NULL,
	"trn" text,
	"trn_validated" boolean DEFAULT false NOT NULL,
	"previous_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_partner_id" uuid NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"cohort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"name" text NOT NULL,
	"declaration_type" text NOT NULL,
	"start_date" date NOT NULL,
	"milestone_date" date,
	"payment_date" date
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"cohort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"cohort" integer NOT NULL,
	"month" integer NOT NULL,
	"year" integer NOT NULL,
	"deadline_date" date NOT NULL,
	"payment_date" date NOT NULL,
	"output_fee" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"marked_paid_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statements_month_check" CHECK ("statements"."month" between 1 and 12),
	CONSTRAINT "statements_state_check" CHECK ("statements"."state" in ('open', 'payable', 'paid'))
);
--> statement-breakpoint
ALTER TABLE "api_rate_windows" ADD CONSTRAINT "api_rate_windows_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_application_id_npq_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."npq_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_clawback_statement_id_statements_id_fk" FOREIGN KEY ("clawback_statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_delivery_partner_id_delivery_partners_id_fk" FOREIGN KEY ("delivery_partner_id") REFERENCES "public"."delivery_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_secondary_delivery_partner_id_delivery_partners_id_fk" FOREIGN KEY ("secondary_delivery_partner_id") REFERENCES "public"."delivery_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "npq_applications" ADD CONSTRAINT "npq_applications_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "npq_applications" ADD CONSTRAINT "npq_applications_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "npq_applications" ADD CONSTRAINT "npq_applications_cohort_cohorts_start_year_fk" FOREIGN KEY ("cohort") REFERENCES "public"."cohorts"("start_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "npq_applications" ADD CONSTRAINT "npq_applications_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_application_id_npq_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."npq_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_id_changes" ADD CONSTRAINT "participant_id_changes_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_delivery_partner_id_delivery_partners_id_fk" FOREIGN KEY ("delivery_partner_id") REFERENCES "public"."delivery_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_cohort_cohorts_start_year_fk" FOREIGN KEY ("cohort") REFERENCES "public"."cohorts"("start_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_milestones" ADD CONSTRAINT "schedule_milestones_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_cohort_cohorts_start_year_fk" FOREIGN KEY ("cohort") REFERENCES "public"."cohorts"("start_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_cohort_cohorts_start_year_fk" FOREIGN KEY ("cohort") REFERENCES "public"."cohorts"("start_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_rate_windows_key" ON "api_rate_windows" USING btree ("token_id","window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_digest_key" ON "api_tokens" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "api_tokens_lp_idx" ON "api_tokens" USING btree ("lead_provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_one_billable_key" ON "declarations" USING btree ("participant_id","course_identifier","declaration_type") WHERE "declarations"."state" in ('submitted', 'eligible', 'payable', 'paid');--> statement-breakpoint
CREATE INDEX "declarations_lp_created_idx" ON "declarations" USING btree ("lead_provider_id","created_at","id");--> statement-breakpoint
CREATE INDEX "declarations_lp_updated_idx" ON "declarations" USING btree ("lead_provider_id","updated_at");--> statement-breakpoint
CREATE INDEX "declarations_participant_idx" ON "declarations" USING btree ("participant_id","course_identifier");--> statement-breakpoint
CREATE INDEX "declarations_statement_idx" ON "declarations" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "npq_applications_one_accepted_key" ON "npq_applications" USING btree ("participant_id","course_identifier","cohort") WHERE "npq_applications"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "npq_applications_lp_created_idx" ON "npq_applications" USING btree ("lead_provider_id","created_at","id");--> statement-breakpoint
CREATE INDEX "npq_applications_lp_updated_idx" ON "npq_applications" USING btree ("lead_provider_id","updated_at");--> statement-breakpoint
CREATE INDEX "npq_applications_participant_idx" ON "npq_applications" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "outcomes_lp_created_idx" ON "outcomes" USING btree ("lead_provider_id","created_at","id");--> statement-breakpoint
CREATE INDEX "outcomes_participant_idx" ON "outcomes" USING btree ("participant_id","course_identifier");--> statement-breakpoint
CREATE INDEX "participant_id_changes_participant_idx" ON "participant_id_changes" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "participants_trn_idx" ON "participants" USING btree ("trn");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_key" ON "partnerships" USING btree ("delivery_partner_id","lead_provider_id","cohort");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_milestones_type_key" ON "schedule_milestones" USING btree ("schedule_id","declaration_type");--> statement-breakpoint
CREATE UNIQUE INDEX "schedules_identifier_cohort_key" ON "schedules" USING btree ("identifier","cohort");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_period_key" ON "statements" USING btree ("lead_provider_id","cohort","year","month");--> statement-breakpoint
CREATE INDEX "statements_lp_payment_idx" ON "statements" USING btree ("lead_provider_id","payment_date");