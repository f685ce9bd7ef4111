-- Lists at national scale: every default sort is served by an index that ends with the id
-- (the tie-breaker), so a page is read in order and stops after its rows.
-- The audit log is searched by who acted and what was changed: a diacritics-free key with a
-- trigram index instead of an unindexed ILIKE over every event.
ALTER TABLE "audit_events" ADD COLUMN "search_key" text GENERATED ALWAYS AS (search_key(coalesce("actor_username", '') || ' ' || coalesce("entity_id", ''))) STORED;--> statement-breakpoint
CREATE INDEX "audit_events_search_idx" ON "audit_events" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_events_at_id_idx" ON "audit_events" USING btree ("at", "id");--> statement-breakpoint
CREATE INDEX "audit_events_province_at_id_idx" ON "audit_events" USING btree ("province_code", "at", "id");--> statement-breakpoint
CREATE INDEX "audit_events_commune_at_id_idx" ON "audit_events" USING btree ("commune_code", "at", "id");--> statement-breakpoint
DROP INDEX "audit_events_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_province_idx";--> statement-breakpoint
DROP INDEX "audit_events_commune_idx";--> statement-breakpoint
CREATE INDEX "guidance_date_id_idx" ON "guidance_records" USING btree ("guided_on", "id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "guidance_province_date_id_idx" ON "guidance_records" USING btree ("province_code", "guided_on", "id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "trainings_date_id_idx" ON "trainings" USING btree ("held_on", "id") WHERE "deleted_at" IS NULL;
