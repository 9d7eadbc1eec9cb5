CREATE TABLE "job_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "esfa_api_keys" ADD COLUMN "key_digest" text;--> statement-breakpoint
CREATE UNIQUE INDEX "esfa_api_keys_digest_key" ON "esfa_api_keys" USING btree ("key_digest");