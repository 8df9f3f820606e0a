CREATE TABLE "regions" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"population" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"lat" double precision,
	"lon" double precision
);
--> statement-breakpoint
CREATE TABLE "risk_zones" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"region_id" text,
	"polygon" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'fixed' NOT NULL,
	"township_id" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"desks" integer NOT NULL,
	"pooling" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opens_at" text DEFAULT '08:00' NOT NULL,
	"closes_at" text DEFAULT '12:00' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_villages" (
	"site_id" text NOT NULL,
	"village_id" text NOT NULL,
	CONSTRAINT "site_villages_site_id_village_id_pk" PRIMARY KEY("site_id","village_id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"home_township_id" text NOT NULL,
	"ppe_limit_hours" real DEFAULT 4 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"site_id" text,
	"vehicle_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"assigned_by" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"site_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"plate" text,
	"permit_number" text
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"capacity_tubes_per_day" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_counters" (
	"lab_id" text NOT NULL,
	"day" text NOT NULL,
	"received_tubes" integer DEFAULT 0 NOT NULL,
	"tested_tubes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lab_counters_lab_id_day_pk" PRIMARY KEY("lab_id","day")
);
--> statement-breakpoint
CREATE TABLE "sample_boxes" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"tubes" integer NOT NULL,
	"people" integer NOT NULL,
	"pooling" text NOT NULL,
	"event_id" text NOT NULL,
	"courier_vehicle_id" text,
	"lab_id" text,
	"received_at" timestamp with time zone,
	"received_tubes" integer
);
--> statement-breakpoint
CREATE TABLE "box_handovers" (
	"id" text PRIMARY KEY NOT NULL,
	"box_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_party" text NOT NULL,
	"to_party" text NOT NULL,
	"vehicle_id" text,
	"lat" double precision,
	"lon" double precision,
	"tubes_counted" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine_sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"beds" integer NOT NULL,
	"occupied" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" text PRIMARY KEY NOT NULL,
	"village_id" text NOT NULL,
	"grid" text,
	"measure" text DEFAULT 'none' NOT NULL,
	"members" integer NOT NULL,
	"start_date" text,
	"planned_end_date" text,
	"separate_room" boolean,
	"separate_bathroom" boolean,
	"special_category" text,
	"officer_staff_id" text,
	"quarantine_site_id" text
);
--> statement-breakpoint
CREATE TABLE "household_private" (
	"household_id" text PRIMARY KEY NOT NULL,
	"head_person_id" text,
	"address" text,
	"lat" double precision,
	"lon" double precision
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"household_id" text NOT NULL,
	"person_id" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "household_members_household_id_person_id_pk" PRIMARY KEY("household_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" text NOT NULL,
	"day" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"temperature_c" real,
	"symptoms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"by_staff_id" text
);
--> statement-breakpoint
CREATE TABLE "scheduled_tests" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" text NOT NULL,
	"person_id" text,
	"kind" text NOT NULL,
	"due_date" text NOT NULL,
	"done_at" timestamp with time zone,
	"result" text
);
--> statement-breakpoint
CREATE TABLE "returnees" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"household_id" text,
	"arrival_at" timestamp with time zone NOT NULL,
	"origin_place" text NOT NULL,
	"origin_risk" text NOT NULL,
	"transport_mode" text NOT NULL,
	"transport_number" text,
	"last_negative_test_at" timestamp with time zone,
	"health_code" text NOT NULL,
	"measure" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_log_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "log_offsets" (
	"consumer" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"device_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"event_id" text PRIMARY KEY NOT NULL,
	"vehicle_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kmh" double precision,
	"heading" double precision,
	"raw_crs" text NOT NULL,
	"raw_lat" double precision NOT NULL,
	"raw_lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicle_latest" (
	"vehicle_id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kmh" double precision,
	"heading" double precision
);
--> statement-breakpoint
CREATE TABLE "site_status" (
	"site_id" text PRIMARY KEY NOT NULL,
	"queue_length" integer NOT NULL,
	"queue_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "regions_parent_name_idx" ON "regions" USING btree ("parent_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_number_idx" ON "people" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "staff_assignments_staff_idx" ON "staff_assignments" USING btree ("staff_id","starts_at");--> statement-breakpoint
CREATE INDEX "shifts_staff_idx" ON "shifts" USING btree ("staff_id","starts_at");--> statement-breakpoint
CREATE INDEX "sample_boxes_sealed_at_idx" ON "sample_boxes" USING btree ("sealed_at");--> statement-breakpoint
CREATE INDEX "box_handovers_box_idx" ON "box_handovers" USING btree ("box_id","at");--> statement-breakpoint
CREATE INDEX "households_village_idx" ON "households" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "check_ins_household_day_idx" ON "check_ins" USING btree ("household_id","day");--> statement-breakpoint
CREATE INDEX "scheduled_tests_due_idx" ON "scheduled_tests" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "device_events_device_at_idx" ON "device_events" USING btree ("device_id","at");--> statement-breakpoint
CREATE INDEX "positions_vehicle_at_idx" ON "positions" USING btree ("vehicle_id","at");