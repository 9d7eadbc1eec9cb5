DROP INDEX "statements_period_key";--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "programme" text DEFAULT 'npq' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "statements_period_key" ON "statements" USING btree ("lead_provider_id","programme","cohort","year","month");--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_programme_check" CHECK ("statements"."programme" in ('npq', 'ecf'));