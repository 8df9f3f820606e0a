CREATE TABLE "transfer_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"vehicle_id" text NOT NULL,
	"quarantine_site_id" text NOT NULL,
	"household_id" text,
	"returnee_id" text,
	"person_ids" jsonb NOT NULL,
	"passengers" integer NOT NULL,
	"pickup_label" text NOT NULL,
	"pickup_lat" double precision NOT NULL,
	"pickup_lon" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"picked_up_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"stops_on_the_way" jsonb,
	"closed_at" timestamp with time zone,
	"closed_by" text
);
--> statement-breakpoint
CREATE INDEX "transfer_tasks_status_idx" ON "transfer_tasks" USING btree ("status","created_at");