-- Where the attendees of each training organised above the commune level belong now: one row per
-- training and commune of its attendees' current membership, with how many attend from there. A
-- provincial admin sees the national trainings that members of the province attended, a commune
-- lead the national and provincial ones that members of the commune attended; reading this table
-- answers that without joining a training's thousands of attendance rows to the members on every
-- list page. Kept by the triggers below in the same transaction as the write.
CREATE TABLE "training_reach" (
	"training_id" integer NOT NULL REFERENCES "trainings"("id") ON DELETE cascade,
	"province_code" varchar(2) NOT NULL,
	"commune_code" varchar(5) NOT NULL,
	"attendees" integer NOT NULL,
	CONSTRAINT "training_reach_pk" PRIMARY KEY ("training_id", "province_code", "commune_code"),
	CONSTRAINT "training_reach_attendees_positive" CHECK ("attendees" > 0)
);
--> statement-breakpoint
CREATE INDEX "training_reach_province_idx" ON "training_reach" USING btree ("province_code", "training_id");
--> statement-breakpoint
CREATE INDEX "training_reach_commune_idx" ON "training_reach" USING btree ("commune_code", "training_id");
--> statement-breakpoint
-- The reach recomputed from raw rows (all of it, or that of the given trainings).
CREATE OR REPLACE FUNCTION training_reach_of(ids int[]) RETURNS TABLE (training_id int, province_code varchar, commune_code varchar, attendees int)
LANGUAGE sql STABLE AS $$
  SELECT ta.training_id, m.province_code, m.commune_code, count(*)::int
  FROM training_attendance ta
  JOIN trainings t ON t.id = ta.training_id AND t.level <> 'commune'
  JOIN members m ON m.id = ta.member_id
  WHERE ids IS NULL OR ta.training_id = ANY(ids)
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
-- Adds (sign 1) or takes away (sign -1) attendance rows' places ({t, p, c, n}: training,
-- province, commune, attendees); places left without attendees go. Rows are locked in key order so
-- that concurrent writers take them in one order.
CREATE OR REPLACE FUNCTION training_reach_apply(places jsonb, sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF sign > 0 THEN
    INSERT INTO training_reach AS r (training_id, province_code, commune_code, attendees)
    SELECT (p->>'t')::int, p->>'p', p->>'c', sum((p->>'n')::int)
    FROM jsonb_array_elements(places) p
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (training_id, province_code, commune_code) DO UPDATE SET attendees = r.attendees + EXCLUDED.attendees;
    RETURN;
  END IF;
  PERFORM 1 FROM training_reach r JOIN jsonb_array_elements(places) p
    ON r.training_id = (p->>'t')::int AND r.province_code = p->>'p' AND r.commune_code = p->>'c'
  ORDER BY r.training_id, r.province_code, r.commune_code FOR UPDATE OF r;
  DELETE FROM training_reach r USING jsonb_array_elements(places) p
  WHERE r.training_id = (p->>'t')::int AND r.province_code = p->>'p' AND r.commune_code = p->>'c' AND r.attendees <= (p->>'n')::int;
  UPDATE training_reach r SET attendees = r.attendees - (p->>'n')::int FROM jsonb_array_elements(places) p
  WHERE r.training_id = (p->>'t')::int AND r.province_code = p->>'p' AND r.commune_code = p->>'c';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_attendance_reach() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  places jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object('t', training_id, 'p', province_code, 'c', commune_code, 'n', n)) INTO places FROM (
    SELECT c.training_id, m.province_code, m.commune_code, count(*) AS n
    FROM changed c
    JOIN trainings t ON t.id = c.training_id AND t.level <> 'commune'
    JOIN members m ON m.id = c.member_id
    GROUP BY 1, 2, 3) x;
  IF places IS NOT NULL THEN PERFORM training_reach_apply(places, CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_reach_insert AFTER INSERT ON training_attendance
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_attendance_reach();
--> statement-breakpoint
CREATE TRIGGER training_attendance_reach_delete AFTER DELETE ON training_attendance
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_attendance_reach();
--> statement-breakpoint
-- The reach of the trainings whose rows changed, recomputed from raw rows: for the rare writes
-- that change which training or member an attendance row is, or a training's level.
CREATE OR REPLACE FUNCTION training_reach_refresh(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM trainings WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  DELETE FROM training_reach WHERE training_id = ANY(ids);
  INSERT INTO training_reach (training_id, province_code, commune_code, attendees) SELECT * FROM training_reach_of(ids);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_attendance_reach_rekey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM training_reach_refresh(ARRAY[OLD.training_id, NEW.training_id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_reach_rekey AFTER UPDATE OF training_id, member_id ON training_attendance
  FOR EACH ROW WHEN (OLD.training_id IS DISTINCT FROM NEW.training_id OR OLD.member_id IS DISTINCT FROM NEW.member_id)
  EXECUTE FUNCTION trg_attendance_reach_rekey();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_trainings_reach_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM training_reach_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trainings_reach_level AFTER UPDATE OF level ON trainings
  FOR EACH ROW WHEN (OLD.level IS DISTINCT FROM NEW.level) EXECUTE FUNCTION trg_trainings_reach_level();
--> statement-breakpoint
-- A member who moves takes their attendance of trainings above the commune level along.
CREATE OR REPLACE FUNCTION trg_members_reach_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object('t', ta.training_id, 'n', 1)) INTO moved
  FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id AND t.level <> 'commune'
  WHERE ta.member_id = NEW.id;
  IF moved IS NULL THEN RETURN NULL; END IF;
  -- Both places' rows are locked in key order first, as an attendance write takes them.
  PERFORM 1 FROM training_reach r
  WHERE r.training_id IN (SELECT (e->>'t')::int FROM jsonb_array_elements(moved) e)
    AND (r.province_code, r.commune_code) IN ((OLD.province_code, OLD.commune_code), (NEW.province_code, NEW.commune_code))
  ORDER BY r.training_id, r.province_code, r.commune_code FOR UPDATE;
  PERFORM training_reach_apply((SELECT jsonb_agg(e || jsonb_build_object('p', OLD.province_code, 'c', OLD.commune_code)) FROM jsonb_array_elements(moved) e), -1);
  PERFORM training_reach_apply((SELECT jsonb_agg(e || jsonb_build_object('p', NEW.province_code, 'c', NEW.commune_code)) FROM jsonb_array_elements(moved) e), 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_reach_move AFTER UPDATE OF province_code, commune_code ON members
  FOR EACH ROW WHEN (OLD.province_code IS DISTINCT FROM NEW.province_code OR OLD.commune_code IS DISTINCT FROM NEW.commune_code)
  EXECUTE FUNCTION trg_members_reach_move();
--> statement-breakpoint
-- Rows where the kept reach and a recomputation from raw rows disagree (none when consistent).
CREATE OR REPLACE FUNCTION training_reach_differences() RETURNS TABLE (training_id int, province_code varchar, commune_code varchar, kept int, computed int)
LANGUAGE sql STABLE AS $$
  SELECT coalesce(k.training_id, c.training_id), coalesce(k.province_code, c.province_code), coalesce(k.commune_code, c.commune_code), k.attendees, c.attendees
  FROM training_reach k
  FULL JOIN training_reach_of(NULL) c ON c.training_id = k.training_id AND c.province_code = k.province_code AND c.commune_code = k.commune_code
  WHERE k.attendees IS DISTINCT FROM c.attendees
$$;
--> statement-breakpoint
ALTER FUNCTION rollup_differences() RENAME TO rollup_differences_0020;
--> statement-breakpoint
-- Rows where a roll-up differs from its recomputation, now including the trainings' reach.
CREATE OR REPLACE FUNCTION rollup_differences()
RETURNS TABLE (rollup text, key text, stored text, recomputed text) LANGUAGE sql AS $$
  SELECT * FROM rollup_differences_0020()
  UNION ALL
  SELECT 'training_reach', training_id || '/' || province_code || '/' || commune_code, kept::text, computed::text FROM training_reach_differences();
$$;
--> statement-breakpoint
ALTER FUNCTION rebuild_rollups() RENAME TO rebuild_rollups_0020;
--> statement-breakpoint
-- Rebuilds every roll-up from raw rows (after a bulk load with the triggers off), the trainings' reach included.
CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rebuild_rollups_0020();
  TRUNCATE training_reach;
  INSERT INTO training_reach (training_id, province_code, commune_code, attendees) SELECT * FROM training_reach_of(NULL);
END $$;
--> statement-breakpoint
-- Backfill from the attendance already recorded.
INSERT INTO training_reach (training_id, province_code, commune_code, attendees) SELECT * FROM training_reach_of(NULL);
--> statement-breakpoint
-- The audit log's (scope, time, id) indexes also hold the search key: a search reads the page's
-- ids from the index alone, filtering index entries in time order, and then only those rows from
-- the table, instead of fetching every event it passes over (a hundred per match for a common
-- name).
CREATE INDEX "audit_events_at_id_search_idx" ON "audit_events" USING btree ("at", "id", "search_key");
--> statement-breakpoint
CREATE INDEX "audit_events_province_at_id_search_idx" ON "audit_events" USING btree ("province_code", "at", "id", "search_key");
--> statement-breakpoint
CREATE INDEX "audit_events_commune_at_id_search_idx" ON "audit_events" USING btree ("commune_code", "at", "id", "search_key");
--> statement-breakpoint
DROP INDEX "audit_events_at_id_idx";
--> statement-breakpoint
DROP INDEX "audit_events_province_at_id_idx";
--> statement-breakpoint
DROP INDEX "audit_events_commune_at_id_idx";
