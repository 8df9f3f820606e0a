CREATE TABLE "person_row_keys" (
	"person_id" text PRIMARY KEY NOT NULL,
	"row_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "match_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "people_match_key_idx" ON "people" USING btree ("match_key");--> statement-breakpoint
CREATE UNIQUE INDEX "people_match_key_pending_idx" ON "people" USING btree ("id") WHERE "people"."match_key" is null;--> statement-breakpoint
-- People get opaque ids: until now a person's id was `id:<ID number>` (or `household:<code>:head`,
-- `staff:<code>` without one), and it travelled into audit subjects, URLs and logs. Every old id
-- named anywhere (people, every column that refers to a person, the audit log, even ids whose
-- person retention has deleted) gets a random `p_` id, and every reference is rewritten through
-- the same map. The match keys need the server's secret, which SQL does not see: the start-up
-- step in server/db/person-match-keys.ts fills them (from the ID number, or from the row key
-- kept in person_row_keys).
CREATE TEMPORARY TABLE "person_id_map" ("old_id" text PRIMARY KEY, "new_id" text NOT NULL UNIQUE);
--> statement-breakpoint
INSERT INTO "person_id_map" ("old_id", "new_id")
SELECT "old_id", 'p_' || replace(gen_random_uuid()::text, '-', '') FROM (
	SELECT "id" AS "old_id" FROM "people"
	UNION SELECT "person_id" FROM "household_members"
	UNION SELECT "head_person_id" FROM "household_private" WHERE "head_person_id" IS NOT NULL
	UNION SELECT "person_id" FROM "returnees"
	UNION SELECT "person_id" FROM "staff"
	UNION SELECT "person_id" FROM "scheduled_tests" WHERE "person_id" IS NOT NULL
	UNION SELECT jsonb_array_elements_text("person_ids") FROM "transfer_tasks"
	UNION SELECT substr("subject", length('person:') + 1) FROM "audit_log" WHERE "subject" LIKE 'person:%'
	UNION SELECT "value" #>> '{}' FROM "audit_log", jsonb_path_query("details", 'strict $.** ? (@.type() == "string")') AS "value"
		WHERE ("value" #>> '{}') ~ '^(id:.+|household:.+:head|staff:.+)$'
) AS "old" WHERE "old_id" NOT LIKE 'p\_%';
--> statement-breakpoint
INSERT INTO "person_row_keys" ("person_id", "row_key")
SELECT "m"."new_id", "p"."id" FROM "people" "p" JOIN "person_id_map" "m" ON "m"."old_id" = "p"."id" WHERE "p"."id_number" IS NULL;
--> statement-breakpoint
UPDATE "people" "p" SET "id" = "m"."new_id" FROM "person_id_map" "m" WHERE "p"."id" = "m"."old_id";
--> statement-breakpoint
UPDATE "household_members" "t" SET "person_id" = "m"."new_id" FROM "person_id_map" "m" WHERE "t"."person_id" = "m"."old_id";
--> statement-breakpoint
UPDATE "household_private" "t" SET "head_person_id" = "m"."new_id" FROM "person_id_map" "m" WHERE "t"."head_person_id" = "m"."old_id";
--> statement-breakpoint
UPDATE "returnees" "t" SET "person_id" = "m"."new_id" FROM "person_id_map" "m" WHERE "t"."person_id" = "m"."old_id";
--> statement-breakpoint
UPDATE "staff" "t" SET "person_id" = "m"."new_id" FROM "person_id_map" "m" WHERE "t"."person_id" = "m"."old_id";
--> statement-breakpoint
UPDATE "scheduled_tests" "t" SET "person_id" = "m"."new_id" FROM "person_id_map" "m" WHERE "t"."person_id" = "m"."old_id";
--> statement-breakpoint
UPDATE "transfer_tasks" "t" SET "person_ids" = (
	SELECT coalesce(jsonb_agg(coalesce("m"."new_id", "e"."value") ORDER BY "e"."position"), '[]'::jsonb)
	FROM jsonb_array_elements_text("t"."person_ids") WITH ORDINALITY AS "e"("value", "position")
	LEFT JOIN "person_id_map" "m" ON "m"."old_id" = "e"."value"
) WHERE jsonb_array_length("t"."person_ids") > 0;
--> statement-breakpoint
-- The audit log is append-only (0002). This one rewrite is the exception: it runs inside the
-- migration's transaction, as the table's owner (ALTER TABLE needs ownership), so no other
-- session ever sees the trigger off; the rewrite itself is recorded as an entry of its own.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update_or_delete";
--> statement-breakpoint
DO $$
DECLARE
	entry record;
	mapping record;
	rewritten_subjects integer := 0;
	rewritten_details integer := 0;
	details_text text;
BEGIN
	UPDATE "audit_log" "a" SET "subject" = 'person:' || "m"."new_id" FROM "person_id_map" "m" WHERE "a"."subject" = 'person:' || "m"."old_id";
	GET DIAGNOSTICS rewritten_subjects = ROW_COUNT;
	FOR entry IN SELECT "id", "details"::text AS "text" FROM "audit_log" WHERE "details"::text ~ '"(id:[^"]+|household:[^"]+:head|staff:[^"]+)"' LOOP
		details_text := entry."text";
		FOR mapping IN SELECT "old_id", "new_id" FROM "person_id_map" WHERE position('"' || "old_id" || '"' IN entry."text") > 0 LOOP
			details_text := replace(details_text, '"' || mapping."old_id" || '"', '"' || mapping."new_id" || '"');
		END LOOP;
		IF details_text <> entry."text" THEN
			UPDATE "audit_log" SET "details" = details_text::jsonb WHERE "id" = entry."id";
			rewritten_details := rewritten_details + 1;
		END IF;
	END LOOP;
	IF rewritten_subjects + rewritten_details > 0 THEN
		INSERT INTO "audit_log" ("actor", "action", "subject", "details")
		VALUES ('migration:0010_opaque_person_ids', 'audit.rewrite_person_ids', 'audit_log', jsonb_build_object('subjects', rewritten_subjects, 'details', rewritten_details));
	END IF;
END $$;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update_or_delete";
--> statement-breakpoint
DROP TABLE "person_id_map";
