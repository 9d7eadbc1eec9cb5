CREATE TABLE "apprentice_postal_contacts" (
	"apprentice_id" uuid PRIMARY KEY NOT NULL,
	"contact_name" text NOT NULL,
	"department" text,
	"organisation" text NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"address_line3" text,
	"city" text NOT NULL,
	"postcode" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"epao_id" uuid NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"claim_date" date NOT NULL,
	"record_version" integer,
	"run_id" uuid,
	"locked_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"certificate_reference" text,
	"certificate_status" text,
	"claimed_manually" boolean DEFAULT false NOT NULL,
	"claimed_at" timestamp with time zone,
	"status_synced_at" timestamp with time zone,
	"last_error" text,
	"first_error_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_claims_state_check" CHECK ("certificate_claims"."state" in ('queued', 'in_flight', 'claimed', 'error', 'cancelled')),
	CONSTRAINT "certificate_claims_claimed_check" CHECK (("certificate_claims"."state" = 'claimed') = ("certificate_claims"."certificate_reference" is not null))
);
--> statement-breakpoint
CREATE TABLE "epao_certification_settings" (
	"epao_id" uuid PRIMARY KEY NOT NULL,
	"highest_grade_days" integer DEFAULT 7 NOT NULL,
	"highest_grade_mode" text DEFAULT 'calendar' NOT NULL,
	"other_grades_days" integer DEFAULT 20 NOT NULL,
	"other_grades_mode" text DEFAULT 'working' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "epao_certification_settings_days_check" CHECK ("epao_certification_settings"."highest_grade_days" between 0 and 60 and "epao_certification_settings"."other_grades_days" between 0 and 60),
	CONSTRAINT "epao_certification_settings_modes_check" CHECK ("epao_certification_settings"."highest_grade_mode" in ('calendar', 'working') and "epao_certification_settings"."other_grades_mode" in ('calendar', 'working'))
);
--> statement-breakpoint
CREATE TABLE "esfa_api_keys" (
	"epao_id" uuid PRIMARY KEY NOT NULL,
	"ciphertext" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"last_four" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_message" text,
	"validated_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "esfa_api_keys_status_check" CHECK ("esfa_api_keys"."status" in ('active', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "esfa_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"epao_id" uuid NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer,
	"ms" integer NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"items" integer,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"epao_id" uuid NOT NULL,
	"employer_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"department" text,
	"organisation" text NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"address_line3" text,
	"city" text NOT NULL,
	"postcode" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "apprentices" ADD COLUMN "certificate_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "apprentices" ADD COLUMN "certificate_consent_by" uuid;--> statement-breakpoint
ALTER TABLE "apprentice_postal_contacts" ADD CONSTRAINT "apprentice_postal_contacts_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apprentice_postal_contacts" ADD CONSTRAINT "apprentice_postal_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_claims" ADD CONSTRAINT "certificate_claims_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_claims" ADD CONSTRAINT "certificate_claims_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_claims" ADD CONSTRAINT "certificate_claims_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_claims" ADD CONSTRAINT "certificate_claims_run_id_jobs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_certification_settings" ADD CONSTRAINT "epao_certification_settings_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_certification_settings" ADD CONSTRAINT "epao_certification_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esfa_api_keys" ADD CONSTRAINT "esfa_api_keys_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esfa_api_keys" ADD CONSTRAINT "esfa_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esfa_calls" ADD CONSTRAINT "esfa_calls_run_id_jobs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esfa_calls" ADD CONSTRAINT "esfa_calls_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_contacts" ADD CONSTRAINT "postal_contacts_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_contacts" ADD CONSTRAINT "postal_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_claims_attempt_key" ON "certificate_claims" USING btree ("attempt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_claims_reference_key" ON "certificate_claims" USING btree ("certificate_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_claims_record_key" ON "certificate_claims" USING btree ("apprentice_id") WHERE "certificate_claims"."state" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "certificate_claims_due_idx" ON "certificate_claims" USING btree ("epao_id","state","claim_date");--> statement-breakpoint
CREATE INDEX "esfa_calls_run_idx" ON "esfa_calls" USING btree ("run_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "postal_contacts_employer_key" ON "postal_contacts" USING btree ("epao_id",lower("employer_name"));--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_certificate_consent_by_users_id_fk" FOREIGN KEY ("certificate_consent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;