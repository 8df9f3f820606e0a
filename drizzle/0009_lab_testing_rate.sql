ALTER TABLE "lab_counters" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lab_counters" ADD COLUMN "first_tested_at" timestamp with time zone;