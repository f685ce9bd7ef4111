CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Diacritics- and case-insensitive search key: "Nguyễn Văn Đức" -> "nguyen van duc".
-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the
-- wrapper safe to declare IMMUTABLE so it can feed generated columns and indexes.
CREATE OR REPLACE FUNCTION search_key(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, translate(input, 'đĐ', 'dD'))) $$;
