-- Position history becomes a table partitioned by day (China time, UTC+8). Written by hand:
-- drizzle-kit cannot express PARTITION BY; the schema file holds the same columns and key.
-- Day partitions are created ahead of time by server/db/position-partitions.ts; a fix for a day
-- with no partition yet (very late, or far in the past) lands in positions_default.
CREATE TABLE "positions_by_day" (
	"event_id" text NOT NULL,
	"vehicle_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kmh" double precision,
	"heading" double precision,
	"raw_crs" text NOT NULL,
	"raw_lat" double precision NOT NULL,
	"raw_lon" double precision NOT NULL
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE TABLE "positions_default" PARTITION OF "positions_by_day" DEFAULT;
--> statement-breakpoint
INSERT INTO "positions_by_day" SELECT "event_id", "vehicle_id", "at", "lat", "lon", "speed_kmh", "heading", "raw_crs", "raw_lat", "raw_lon" FROM "positions";
--> statement-breakpoint
DROP TABLE "positions";
--> statement-breakpoint
ALTER TABLE "positions_by_day" RENAME TO "positions";
--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_pkey" PRIMARY KEY ("event_id", "at");
--> statement-breakpoint
CREATE INDEX "positions_vehicle_at_idx" ON "positions" USING btree ("vehicle_id", "at");
