CREATE TABLE "command_outbox" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"appended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "staff_moves" ADD COLUMN "arrived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_moves" ADD COLUMN "arrived_by" text;--> statement-breakpoint
CREATE INDEX "command_outbox_unappended_idx" ON "command_outbox" USING btree ("appended_at","at");