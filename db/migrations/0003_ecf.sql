CREATE TABLE "ecf_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"lead_provider_id" uuid NOT NULL,
	"participant_type" text NOT NULL,
	"cohort" integer NOT NULL,
	"schedule_id" uuid NOT NULL,
	"school_urn" text NOT NULL,
	"mentor_participant_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"training_status" text DEFAULT 'active' NOT NULL,
	"eligible_for_funding" boolean,
	"pupil_premium_uplift" boolean DEFAULT false NOT NULL,
	"sparsity_uplift" boolean DEFAULT false NOT NULL,
	"deferral_reason" text,
	"deferred_at" timestamp (3) with time zone,
	"withdrawal_reason" text,
	"withdrawn_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ecf_profiles_type_check" CHECK ("ecf_profiles"."participant_type" in ('ect', 'mentor'))
);
--> statement-breakpoint
ALTER TABLE "declarations" ALTER COLUMN "application_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "ecf_profile_id" uuid;--> statement-breakpoint
ALTER TABLE "ecf_profiles" ADD CONSTRAINT "ecf_profiles_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecf_profiles" ADD CONSTRAINT "ecf_profiles_lead_provider_id_organisations_id_fk" FOREIGN KEY ("lead_provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecf_profiles" ADD CONSTRAINT "ecf_profiles_cohort_cohorts_start_year_fk" FOREIGN KEY ("cohort") REFERENCES "public"."cohorts"("start_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecf_profiles" ADD CONSTRAINT "ecf_profiles_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecf_profiles" ADD CONSTRAINT "ecf_profiles_mentor_participant_id_participants_id_fk" FOREIGN KEY ("mentor_participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ecf_profiles_participant_type_key" ON "ecf_profiles" USING btree ("participant_id","participant_type");--> statement-breakpoint
CREATE INDEX "ecf_profiles_lp_created_idx" ON "ecf_profiles" USING btree ("lead_provider_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ecf_profiles_lp_updated_idx" ON "ecf_profiles" USING btree ("lead_provider_id","updated_at");--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_ecf_profile_id_ecf_profiles_id_fk" FOREIGN KEY ("ecf_profile_id") REFERENCES "public"."ecf_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_owner_check" CHECK (("declarations"."application_id" is null) <> ("declarations"."ecf_profile_id" is null));