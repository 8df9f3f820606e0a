CREATE TABLE "quarantine_case_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_id" text
);
--> statement-breakpoint
CREATE TABLE "quarantine_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"household_id" text,
	"village_id" text NOT NULL,
	"returnee_id" text,
	"measure" text NOT NULL,
	"place_kind" text NOT NULL,
	"quarantine_site_id" text,
	"arrival_at" timestamp with time zone,
	"start_date" text NOT NULL,
	"planned_end_date" text NOT NULL,
	"extended_days" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"follows_case_id" text,
	"released_at" timestamp with time zone,
	"released_by" text,
	"release_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" text,
	"household_id" text,
	"village_id" text NOT NULL,
	"kind" text DEFAULT 'daily_goods' NOT NULL,
	"due_date" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returnee_private" (
	"returnee_id" text PRIMARY KEY NOT NULL,
	"address" text
);
--> statement-breakpoint
ALTER TABLE "check_ins" ALTER COLUMN "household_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ALTER COLUMN "household_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "returnees" ALTER COLUMN "health_code" SET DEFAULT 'green';--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "lifted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "lifted_by" text;--> statement-breakpoint
ALTER TABLE "risk_zones" ADD COLUMN "lift_reason" text;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "case_id" text;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "slot" text DEFAULT 'morning' NOT NULL;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "fever" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "source" text DEFAULT 'officer' NOT NULL;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "event_id" text;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "case_id" text;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "result_source" text;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "box_id" text;--> statement-breakpoint
ALTER TABLE "scheduled_tests" ADD COLUMN "tube" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "village_id" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "work_place" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "contact_kind" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "rule_measure" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "measure_reason" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "override_measure" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "override_by" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "override_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "duplicate_key" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "source" text DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "registered_by" text;--> statement-breakpoint
ALTER TABLE "returnees" ADD COLUMN "registered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "quarantine_case_events_case_idx" ON "quarantine_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "quarantine_cases_village_status_idx" ON "quarantine_cases" USING btree ("village_id","status");--> statement-breakpoint
CREATE INDEX "quarantine_cases_site_status_idx" ON "quarantine_cases" USING btree ("quarantine_site_id","status");--> statement-breakpoint
CREATE INDEX "quarantine_cases_person_idx" ON "quarantine_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "supply_deliveries_village_due_idx" ON "supply_deliveries" USING btree ("village_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_deliveries_case_kind_due_idx" ON "supply_deliveries" USING btree ("case_id","kind","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_case_day_slot_idx" ON "check_ins" USING btree ("case_id","day","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_tests_case_kind_due_idx" ON "scheduled_tests" USING btree ("case_id","kind","due_date");--> statement-breakpoint
CREATE INDEX "scheduled_tests_tube_idx" ON "scheduled_tests" USING btree ("box_id","tube");--> statement-breakpoint
CREATE UNIQUE INDEX "returnees_duplicate_key_idx" ON "returnees" USING btree ("duplicate_key");--> statement-breakpoint
CREATE INDEX "returnees_village_arrival_idx" ON "returnees" USING btree ("village_id","arrival_at");--> statement-breakpoint
-- Rows from before: the home village is the household's, and the measure they hold is the rules'.
UPDATE "returnees" SET "village_id" = "households"."village_id" FROM "households" WHERE "households"."id" = "returnees"."household_id" AND "returnees"."village_id" IS NULL;--> statement-breakpoint
UPDATE "returnees" SET "rule_measure" = "measure" WHERE "rule_measure" IS NULL;
