ALTER TABLE "site_status" ADD COLUMN "sampled_today" integer;--> statement-breakpoint
ALTER TABLE "site_status" ADD COLUMN "sampled_at" timestamp with time zone;