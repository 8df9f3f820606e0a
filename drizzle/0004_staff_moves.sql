CREATE TABLE "staff_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_ids" jsonb NOT NULL,
	"from_site_id" text NOT NULL,
	"to_site_id" text NOT NULL,
	"travel_minutes" integer NOT NULL,
	"moved_by" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
