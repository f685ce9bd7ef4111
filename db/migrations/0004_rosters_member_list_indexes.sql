-- The member list at national scale (~350,000 rows): the default sort by name walks an index
-- instead of sorting, also within a province or a commune; phone fragments and affiliation
-- filters are served by GIN indexes.
CREATE INDEX "members_list_name_idx" ON "members" USING btree ("search_key", "id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "members_province_name_idx" ON "members" USING btree ("province_code", "search_key", "id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "members_commune_name_idx" ON "members" USING btree ("commune_code", "search_key", "id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "members_phone_trgm_idx" ON "members" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_affiliations_idx" ON "members" USING gin ("affiliations");
