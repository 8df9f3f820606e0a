CREATE TABLE "roster_members" (
	"code" text PRIMARY KEY NOT NULL,
	"household_id" text NOT NULL,
	"village_id" text NOT NULL,
	"township_id" text NOT NULL,
	"member_no" integer NOT NULL,
	"person_id" text,
	"cannot_come" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampled_members" (
	"day" text NOT NULL,
	"member_code" text NOT NULL,
	"site_id" text,
	"via" text NOT NULL,
	"tube" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"device_id" text NOT NULL,
	CONSTRAINT "sampled_members_day_member_code_pk" PRIMARY KEY("day","member_code")
);
--> statement-breakpoint
CREATE TABLE "village_timetable" (
	"village_id" text NOT NULL,
	"site_id" text NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"note" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "village_timetable_village_id_site_id_pk" PRIMARY KEY("village_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "door_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"day" text NOT NULL,
	"member_code" text NOT NULL,
	"household_id" text NOT NULL,
	"village_id" text NOT NULL,
	"reason" text NOT NULL,
	"playbook_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"route" integer,
	"stop_order" integer,
	"result" text,
	"result_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text
);
--> statement-breakpoint
CREATE TABLE "positive_playbooks" (
	"id" text PRIMARY KEY NOT NULL,
	"box_id" text NOT NULL,
	"tube" text NOT NULL,
	"positive_at" timestamp with time zone NOT NULL,
	"household_ids" text[] NOT NULL,
	"village_ids" text[] NOT NULL,
	"notified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"subject" text NOT NULL,
	"township_id" text,
	"title" jsonb,
	"day" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"note" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "daily_reports" (
	"day" text PRIMARY KEY NOT NULL,
	"report" jsonb NOT NULL,
	"locked_at" timestamp with time zone NOT NULL,
	"locked_by" text NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_amendments" (
	"id" serial PRIMARY KEY NOT NULL,
	"day" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "roster_members_village_idx" ON "roster_members" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "roster_members_household_idx" ON "roster_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "sampled_members_day_site_idx" ON "sampled_members" USING btree ("day","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "door_visits_day_member_reason_idx" ON "door_visits" USING btree ("day","member_code","reason");--> statement-breakpoint
CREATE INDEX "door_visits_village_idx" ON "door_visits" USING btree ("village_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "positive_playbooks_pool_idx" ON "positive_playbooks" USING btree ("box_id","tube");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_records_open_idx" ON "alert_records" USING btree ("alert_id") WHERE "alert_records"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "alert_records_day_idx" ON "alert_records" USING btree ("day","kind");--> statement-breakpoint
CREATE INDEX "report_amendments_day_idx" ON "report_amendments" USING btree ("day","at");