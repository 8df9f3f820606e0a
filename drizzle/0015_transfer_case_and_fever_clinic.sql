ALTER TABLE "transfer_tasks" ALTER COLUMN "quarantine_site_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "transfer_tasks" ADD COLUMN "destination_site_id" text;--> statement-breakpoint
ALTER TABLE "transfer_tasks" ADD COLUMN "case_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_event_id_idx" ON "check_ins" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "transfer_tasks_case_idx" ON "transfer_tasks" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "transfer_tasks" ADD CONSTRAINT "transfer_tasks_one_destination" CHECK (("transfer_tasks"."quarantine_site_id" is null) <> ("transfer_tasks"."destination_site_id" is null));