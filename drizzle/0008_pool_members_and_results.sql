CREATE TABLE "pool_members" (
	"box_id" text NOT NULL,
	"tube" text NOT NULL,
	"household_id" text NOT NULL,
	CONSTRAINT "pool_members_box_id_tube_household_id_pk" PRIMARY KEY("box_id","tube","household_id")
);
--> statement-breakpoint
CREATE TABLE "pool_results" (
	"box_id" text NOT NULL,
	"tube" text NOT NULL,
	"lab_id" text NOT NULL,
	"result" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	CONSTRAINT "pool_results_box_id_tube_pk" PRIMARY KEY("box_id","tube")
);
--> statement-breakpoint
CREATE INDEX "pool_results_result_at_idx" ON "pool_results" USING btree ("result","at");