CREATE TABLE "pickup_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"courier_id" text NOT NULL,
	"site_ids" jsonb NOT NULL,
	"lab_id" text NOT NULL,
	"accepted_by" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone
);
