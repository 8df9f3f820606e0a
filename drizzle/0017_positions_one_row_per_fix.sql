-- A courier position is stored once, in positions (generated, then completed by hand below the
-- columns): the device and accuracy it was sent with move from its device_events row into the
-- fix's own row, and device_events keeps every other kind of event. One key on positions instead
-- of two: (vehicle_id, at, event_id) serves a track's range scan and keeps a replayed fix out.
ALTER TABLE "positions" ADD COLUMN "device_id" text;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "accuracy_m" double precision;--> statement-breakpoint
UPDATE "positions" SET "device_id" = "device_events"."device_id", "accuracy_m" = ("device_events"."payload"->>'accuracyM')::double precision
FROM "device_events" WHERE "device_events"."id" = "positions"."event_id" AND "device_events"."type" = 'courier.position';--> statement-breakpoint
DELETE FROM "device_events" WHERE "type" = 'courier.position';--> statement-breakpoint
DROP INDEX "positions_vehicle_at_idx";--> statement-breakpoint
ALTER TABLE "positions" DROP CONSTRAINT "positions_pkey";
--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_pkey" PRIMARY KEY("vehicle_id","at","event_id");--> statement-breakpoint
-- Every batch updates the latest fix of most vehicles: room on each page lets Postgres update in
-- place (HOT, the key never changes) instead of moving the row and touching the index.
ALTER TABLE "vehicle_latest" SET (fillfactor = 50);
