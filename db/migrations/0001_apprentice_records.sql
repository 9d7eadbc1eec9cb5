CREATE TABLE "apprentices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uln" text NOT NULL,
	"given_names" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"email" text,
	"employer_name" text NOT NULL,
	"employer_contact_name" text,
	"employer_contact_email" text,
	"employer_address_line1" text,
	"employer_address_line2" text,
	"employer_town" text,
	"employer_postcode" text,
	"standard_id" uuid NOT NULL,
	"standard_version" text NOT NULL,
	"standard_option" text,
	"start_date" date NOT NULL,
	"planned_end_date" date NOT NULL,
	"provider_id" uuid NOT NULL,
	"epao_id" uuid NOT NULL,
	"assessor_id" uuid,
	"status" text DEFAULT 'in_training' NOT NULL,
	"status_before_break" text,
	"break_start_date" date,
	"break_expected_return_date" date,
	"withdrawn_date" date,
	"withdrawal_reason" text,
	"bulk_upload_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "apprentices_uln_check" CHECK ("apprentices"."uln" ~ '^[0-9]{10}$'),
	CONSTRAINT "apprentices_status_check" CHECK ("apprentices"."status" in ('in_training', 'on_break', 'gateway', 'epa', 'graded', 'certificated', 'withdrawn')),
	CONSTRAINT "apprentices_dates_check" CHECK ("apprentices"."planned_end_date" > "apprentices"."start_date"),
	CONSTRAINT "apprentices_withdrawn_check" CHECK (("apprentices"."status" = 'withdrawn') = ("apprentices"."withdrawn_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "bulk_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"filename" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'validated' NOT NULL,
	"total_rows" integer NOT NULL,
	"valid_rows" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"imported_rows" integer,
	"imported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_uploads_status_check" CHECK ("bulk_uploads"."status" in ('validated', 'imported', 'discarded'))
);
--> statement-breakpoint
CREATE TABLE "epao_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"from_epao_id" uuid NOT NULL,
	"to_epao_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	CONSTRAINT "epao_changes_status_check" CHECK ("epao_changes"."status" in ('requested', 'accepted', 'declined', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "epao_standards" (
	"epao_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "epao_standards_epao_id_standard_id_pk" PRIMARY KEY("epao_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"event" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_event_pk" PRIMARY KEY("user_id","event"),
	CONSTRAINT "notification_preferences_event_check" CHECK ("notification_preferences"."event" in ('record_created', 'record_assigned', 'break_in_learning', 'withdrawal', 'epao_change_requested', 'link_requested', 'gateway_submitted', 'certificate_claimed'))
);
--> statement-breakpoint
CREATE TABLE "provider_link_standards" (
	"link_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	CONSTRAINT "provider_link_standards_link_id_standard_id_pk" PRIMARY KEY("link_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "provider_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"epao_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"message" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "provider_links_status_check" CHECK ("provider_links"."status" in ('requested', 'active', 'declined', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "user_standards" (
	"user_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_standards_user_id_standard_id_pk" PRIMARY KEY("user_id","standard_id")
);
--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apprentices" ADD CONSTRAINT "apprentices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_uploads" ADD CONSTRAINT "bulk_uploads_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_uploads" ADD CONSTRAINT "bulk_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_changes" ADD CONSTRAINT "epao_changes_apprentice_id_apprentices_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."apprentices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_changes" ADD CONSTRAINT "epao_changes_from_epao_id_organisations_id_fk" FOREIGN KEY ("from_epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_changes" ADD CONSTRAINT "epao_changes_to_epao_id_organisations_id_fk" FOREIGN KEY ("to_epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_changes" ADD CONSTRAINT "epao_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_changes" ADD CONSTRAINT "epao_changes_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_standards" ADD CONSTRAINT "epao_standards_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epao_standards" ADD CONSTRAINT "epao_standards_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_link_standards" ADD CONSTRAINT "provider_link_standards_link_id_provider_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."provider_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_link_standards" ADD CONSTRAINT "provider_link_standards_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_links" ADD CONSTRAINT "provider_links_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_links" ADD CONSTRAINT "provider_links_epao_id_organisations_id_fk" FOREIGN KEY ("epao_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_links" ADD CONSTRAINT "provider_links_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_links" ADD CONSTRAINT "provider_links_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_links" ADD CONSTRAINT "provider_links_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_standards" ADD CONSTRAINT "user_standards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_standards" ADD CONSTRAINT "user_standards_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "apprentices_active_uln_standard_key" ON "apprentices" USING btree ("uln","standard_id") WHERE "apprentices"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "apprentices_epao_list_idx" ON "apprentices" USING btree ("epao_id","standard_id","status",lower("family_name"),"id");--> statement-breakpoint
CREATE INDEX "apprentices_epao_name_idx" ON "apprentices" USING btree ("epao_id",lower("family_name"),"id");--> statement-breakpoint
CREATE INDEX "apprentices_provider_list_idx" ON "apprentices" USING btree ("provider_id","standard_id","status",lower("family_name"),"id");--> statement-breakpoint
CREATE INDEX "apprentices_provider_name_idx" ON "apprentices" USING btree ("provider_id",lower("family_name"),"id");--> statement-breakpoint
CREATE INDEX "apprentices_assessor_idx" ON "apprentices" USING btree ("assessor_id",lower("family_name"),"id");--> statement-breakpoint
CREATE INDEX "apprentices_uln_idx" ON "apprentices" USING btree ("uln");--> statement-breakpoint
CREATE INDEX "bulk_uploads_provider_idx" ON "bulk_uploads" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "epao_changes_open_key" ON "epao_changes" USING btree ("apprentice_id") WHERE "epao_changes"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "epao_changes_to_idx" ON "epao_changes" USING btree ("to_epao_id","status");--> statement-breakpoint
CREATE INDEX "epao_standards_standard_idx" ON "epao_standards" USING btree ("standard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_links_open_key" ON "provider_links" USING btree ("provider_id","epao_id") WHERE "provider_links"."status" in ('requested', 'active');--> statement-breakpoint
CREATE INDEX "provider_links_epao_idx" ON "provider_links" USING btree ("epao_id","status");