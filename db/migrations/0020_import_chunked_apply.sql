-- Roster imports are applied in short transactions (chunks of a few hundred rows), so that the
-- embedded database keeps serving other requests during a 20,000-row commit. A batch is
-- 'applying' while its chunks are written; each staged row knows its chunk, and the batch counts
-- the rows applied for the progress bar. A row whose after_version is set has been applied.
ALTER TABLE import_batches DROP CONSTRAINT import_batches_status;
--> statement-breakpoint
ALTER TABLE import_batches ADD CONSTRAINT import_batches_status CHECK (status IN ('staging', 'applying', 'committed', 'undone', 'failed'));
--> statement-breakpoint
ALTER TABLE import_batches ADD COLUMN rows_applied integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE import_batches ADD COLUMN applied_at timestamp with time zone;
--> statement-breakpoint
ALTER TABLE import_rows ADD COLUMN chunk integer NOT NULL DEFAULT 0;
--> statement-breakpoint
CREATE INDEX import_rows_chunk_idx ON import_rows (batch_id, chunk);
--> statement-breakpoint
-- A bulk member write (an import or its undo) sets cnscd.bulk_members for its transaction and
-- keeps the commune roll-ups itself with bulk_member_contribution: per row, the roll-up trigger
-- runs three upserts, which made a 20,000-row insert spend most of its time there.
CREATE OR REPLACE FUNCTION bulk_member_write() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('cnscd.bulk_members', true), '') = 'on'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_members_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF bulk_member_write() THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL AND OLD.left_on IS NULL AND OLD.team_active THEN
    PERFORM member_contribution(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL AND NEW.left_on IS NULL AND NEW.team_active THEN
    PERFORM member_contribution(NEW, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A bulk write sets team_active from the team it joins in the same statement.
CREATE OR REPLACE FUNCTION trg_members_team_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF bulk_member_write() THEN RETURN NEW; END IF;
  NEW.team_active := coalesce((SELECT status = 'active' AND deleted_at IS NULL FROM teams WHERE id = NEW.team_id), false);
  RETURN NEW;
END $$;
--> statement-breakpoint
-- A bulk delete removes the members' roster spans in one statement before it deletes them.
CREATE OR REPLACE FUNCTION trg_members_periods_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF bulk_member_write() THEN RETURN NULL; END IF;
  DELETE FROM roster_spans WHERE kind IN ('M', 'R') AND entity = OLD.id::text;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The roll-up contribution of the members among ids that the roll-ups count (active, not left,
-- in an active team), added (sign 1) or removed (sign −1) with one statement per roll-up table,
-- communes in code order: what member_contribution does row by row.
CREATE OR REPLACE FUNCTION bulk_member_contribution(ids int[], sign int) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  INSERT INTO commune_stats (commune_code, province_code)
  SELECT DISTINCT commune_code, province_code FROM members WHERE id = ANY(ids) ORDER BY 1 ON CONFLICT DO NOTHING;
  WITH counted AS MATERIALIZED (
    SELECT commune_code, province_code, gender, affiliations, last_trained_on FROM members
    WHERE id = ANY(ids) AND deleted_at IS NULL AND left_on IS NULL AND team_active
  ),
  stats AS (
    UPDATE commune_stats s SET
      members_active = s.members_active + sign * x.n,
      members_male = s.members_male + sign * x.male,
      members_female = s.members_female + sign * x.female,
      updated_at = now()
    FROM (SELECT commune_code, count(*)::int AS n, count(*) FILTER (WHERE gender = 'male')::int AS male,
                 count(*) FILTER (WHERE gender = 'female')::int AS female
          FROM counted GROUP BY 1) x
    WHERE s.commune_code = x.commune_code
    RETURNING 1
  ),
  affiliation AS (
    INSERT INTO commune_affiliation_stats AS s (commune_code, province_code, affiliation, members)
    SELECT commune_code, province_code, a, sign * count(*)::int FROM counted, unnest(affiliations) AS a
    GROUP BY 1, 2, 3 ORDER BY 1, 3
    ON CONFLICT (commune_code, affiliation) DO UPDATE SET members = s.members + EXCLUDED.members
    RETURNING 1
  )
  INSERT INTO commune_trained_month AS s (commune_code, province_code, month, members)
  SELECT commune_code, province_code, date_trunc('month', last_trained_on)::date, sign * count(*)::int FROM counted
  WHERE last_trained_on IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 3
  ON CONFLICT (commune_code, month) DO UPDATE SET members = s.members + EXCLUDED.members;
END $$;
--> statement-breakpoint
-- These functions take a list of ids or codes, or NULL for all. After a few calls PL/pgSQL keeps
-- a generic plan, in which "ids IS NULL OR entity = ANY(ids)" cannot use an index: every call
-- then scanned all roster spans and memberships, so an import applied in chunks slowed down with
-- each chunk (1.5 s a chunk of 500 members after 20,000). A custom plan for each call folds the
-- NULL test away and uses the indexes.
ALTER FUNCTION refresh_member_spans(int[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION refresh_commune_spans(varchar[]) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION refresh_report_spans(varchar[]) SET plan_cache_mode = force_custom_plan;
