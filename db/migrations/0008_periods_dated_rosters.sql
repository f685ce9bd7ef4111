-- Dated rosters. A team is active over periods (founded → dissolved or removed, again from a
-- reactivation); a member belongs to a team over periods (joined → left, moved or removed), so a
-- move closes one period and opens another and the past keeps its places. Attendance keeps the
-- commune and province the member belonged to on the training's day.
--
-- Every figure "as at a day" is read from roster_spans: one row per interval [started_on,
-- ended_on) over which something counts (a team active, a commune or hamlet with an active team,
-- a member active, a member active and trained in the 12 months to that day, a month whose report
-- a commune owes, a submitted report). Statement-level triggers on roster_spans turn each span into
-- +1 at its start and −1 at its end in roster_month and roster_day (by country, province and
-- commune), so a figure as at day D is the sum of the deltas up to D, in the same transaction as
-- the write. Spans are recomputed per team, member and commune by refresh functions that the
-- writes' triggers call.

CREATE OR REPLACE FUNCTION vn_date(ts timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vn_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT vn_date(now()) $$;
--> statement-breakpoint
CREATE TABLE team_periods (
  team_id integer NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  started_on date NOT NULL,
  -- Exclusive: the first day the team no longer counts; null while it is active.
  ended_on date,
  PRIMARY KEY (team_id, started_on),
  CONSTRAINT team_periods_ordered CHECK (ended_on IS NULL OR ended_on >= started_on)
);
--> statement-breakpoint
CREATE TABLE memberships (
  member_id integer NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  started_on date NOT NULL,
  ended_on date,
  team_id integer NOT NULL REFERENCES teams(id),
  province_code varchar(2) NOT NULL,
  commune_code varchar(5) NOT NULL,
  PRIMARY KEY (member_id, started_on),
  CONSTRAINT memberships_ordered CHECK (ended_on IS NULL OR ended_on >= started_on)
);
--> statement-breakpoint
CREATE INDEX memberships_team_idx ON memberships (team_id);
--> statement-breakpoint
CREATE INDEX memberships_commune_idx ON memberships (commune_code, started_on);
--> statement-breakpoint
ALTER TABLE training_attendance ADD COLUMN province_code varchar(2), ADD COLUMN commune_code varchar(5);
--> statement-breakpoint
-- kind: T team active, C commune with an active team, H hamlet with an active team, M member
-- active, R member active and trained in the 12 months to the day, O month whose report the
-- commune owes (month starts), S submitted report, P report submitted on time.
CREATE TABLE roster_spans (
  kind char(1) NOT NULL,
  entity text NOT NULL,
  province_code varchar(2) NOT NULL,
  commune_code varchar(5) NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  gender gender,
  affiliations text[],
  CONSTRAINT roster_spans_ordered CHECK (ended_on IS NULL OR ended_on > started_on)
);
--> statement-breakpoint
CREATE INDEX roster_spans_entity_idx ON roster_spans (kind, entity);
--> statement-breakpoint
CREATE INDEX roster_spans_commune_idx ON roster_spans (commune_code, kind);
--> statement-breakpoint
CREATE INDEX roster_spans_province_idx ON roster_spans (province_code, kind);
--> statement-breakpoint
CREATE TABLE roster_month (
  unit_code varchar(5) NOT NULL,
  month date NOT NULL,
  teams integer NOT NULL DEFAULT 0,
  communes integer NOT NULL DEFAULT 0,
  hamlets integer NOT NULL DEFAULT 0,
  members integer NOT NULL DEFAULT 0,
  male integer NOT NULL DEFAULT 0,
  female integer NOT NULL DEFAULT 0,
  trained integer NOT NULL DEFAULT 0,
  owed integer NOT NULL DEFAULT 0,
  submitted integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_code, month)
);
--> statement-breakpoint
CREATE TABLE roster_day (
  unit_code varchar(5) NOT NULL,
  day date NOT NULL,
  teams integer NOT NULL DEFAULT 0,
  communes integer NOT NULL DEFAULT 0,
  hamlets integer NOT NULL DEFAULT 0,
  members integer NOT NULL DEFAULT 0,
  male integer NOT NULL DEFAULT 0,
  female integer NOT NULL DEFAULT 0,
  trained integer NOT NULL DEFAULT 0,
  owed integer NOT NULL DEFAULT 0,
  submitted integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_code, day)
);
--> statement-breakpoint
CREATE TABLE roster_affiliation_month (
  unit_code varchar(5) NOT NULL,
  month date NOT NULL,
  affiliation text NOT NULL,
  members integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_code, month, affiliation)
);
--> statement-breakpoint
CREATE TABLE roster_affiliation_day (
  unit_code varchar(5) NOT NULL,
  day date NOT NULL,
  affiliation text NOT NULL,
  members integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_code, day, affiliation)
);
--> statement-breakpoint
-- Adds (sign 1) or removes (sign −1) the spans of one statement, read from the transition table
-- "changed", as deltas at their start and end days.
CREATE OR REPLACE FUNCTION trg_roster_spans_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  WITH ev AS MATERIALIZED (
    SELECT u.unit_code, e.day, e.kind, e.gender, e.affiliations, e.d
    FROM (
      SELECT kind, province_code, commune_code, gender, affiliations, started_on AS day, sign AS d FROM changed
      UNION ALL
      SELECT kind, province_code, commune_code, gender, affiliations, ended_on, -sign FROM changed WHERE ended_on IS NOT NULL
    ) e
    CROSS JOIN LATERAL (VALUES ('VN'::varchar), (e.province_code::varchar), (e.commune_code::varchar)) AS u(unit_code)
  ),
  by_day AS (
    INSERT INTO roster_day AS s (unit_code, day, teams, communes, hamlets, members, male, female, trained, owed, submitted, on_time)
    SELECT unit_code, day,
    coalesce(sum(d) FILTER (WHERE kind = 'T'), 0), coalesce(sum(d) FILTER (WHERE kind = 'C'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'H'), 0), coalesce(sum(d) FILTER (WHERE kind = 'M'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'male'), 0), coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'female'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'R'), 0), coalesce(sum(d) FILTER (WHERE kind = 'O'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'S'), 0), coalesce(sum(d) FILTER (WHERE kind = 'P'), 0)
    FROM ev GROUP BY 1, 2
    ON CONFLICT (unit_code, day) DO UPDATE SET
    teams = s.teams + EXCLUDED.teams, communes = s.communes + EXCLUDED.communes, hamlets = s.hamlets + EXCLUDED.hamlets,
    members = s.members + EXCLUDED.members, male = s.male + EXCLUDED.male, female = s.female + EXCLUDED.female,
    trained = s.trained + EXCLUDED.trained, owed = s.owed + EXCLUDED.owed, submitted = s.submitted + EXCLUDED.submitted,
    on_time = s.on_time + EXCLUDED.on_time
    RETURNING 1
  ),
  by_month AS (
    INSERT INTO roster_month AS s (unit_code, month, teams, communes, hamlets, members, male, female, trained, owed, submitted, on_time)
    SELECT unit_code, date_trunc('month', day)::date,
    coalesce(sum(d) FILTER (WHERE kind = 'T'), 0), coalesce(sum(d) FILTER (WHERE kind = 'C'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'H'), 0), coalesce(sum(d) FILTER (WHERE kind = 'M'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'male'), 0), coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'female'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'R'), 0), coalesce(sum(d) FILTER (WHERE kind = 'O'), 0),
    coalesce(sum(d) FILTER (WHERE kind = 'S'), 0), coalesce(sum(d) FILTER (WHERE kind = 'P'), 0)
    FROM ev GROUP BY 1, 2
    ON CONFLICT (unit_code, month) DO UPDATE SET
    teams = s.teams + EXCLUDED.teams, communes = s.communes + EXCLUDED.communes, hamlets = s.hamlets + EXCLUDED.hamlets,
    members = s.members + EXCLUDED.members, male = s.male + EXCLUDED.male, female = s.female + EXCLUDED.female,
    trained = s.trained + EXCLUDED.trained, owed = s.owed + EXCLUDED.owed, submitted = s.submitted + EXCLUDED.submitted,
    on_time = s.on_time + EXCLUDED.on_time
    RETURNING 1
  ),
  affiliation_day AS (
    INSERT INTO roster_affiliation_day AS s (unit_code, day, affiliation, members)
    SELECT unit_code, day, a, sum(d) FROM ev, unnest(affiliations) AS a WHERE kind = 'M' GROUP BY 1, 2, 3
    ON CONFLICT (unit_code, day, affiliation) DO UPDATE SET members = s.members + EXCLUDED.members
    RETURNING 1
  )
  INSERT INTO roster_affiliation_month AS s (unit_code, month, affiliation, members)
  SELECT unit_code, date_trunc('month', day)::date, a, sum(d) FROM ev, unnest(affiliations) AS a WHERE kind = 'M' GROUP BY 1, 2, 3
  ON CONFLICT (unit_code, month, affiliation) DO UPDATE SET members = s.members + EXCLUDED.members;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER roster_spans_insert AFTER INSERT ON roster_spans
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_roster_spans_deltas();
--> statement-breakpoint
CREATE TRIGGER roster_spans_delete AFTER DELETE ON roster_spans
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_roster_spans_deltas();
--> statement-breakpoint
-- Submitted reports (S, and P when on time) of the months each commune owes (O). ids NULL: all.
CREATE OR REPLACE FUNCTION refresh_report_spans(codes varchar[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roster_spans WHERE kind IN ('S', 'P') AND (codes IS NULL OR commune_code = ANY(codes));
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT k.kind, r.commune_code, r.province_code, r.commune_code, r.month, (r.month + interval '1 month')::date
  FROM monthly_reports r
  CROSS JOIN LATERAL (VALUES ('S'), ('P')) AS k(kind)
  WHERE (codes IS NULL OR r.commune_code = ANY(codes))
    AND r.status IN ('submitted', 'approved')
    AND (k.kind = 'S' OR NOT r.submitted_late)
    AND EXISTS (SELECT 1 FROM roster_spans o WHERE o.kind = 'O' AND o.commune_code = r.commune_code
                AND o.started_on <= r.month AND (o.ended_on IS NULL OR o.ended_on > r.month));
END $$;
--> statement-breakpoint
-- Communes (C), hamlets (H) with an active team, and the months owed (O: every month with an
-- active team on at least one of its days), from the communes' team spans.
CREATE OR REPLACE FUNCTION refresh_commune_spans(codes varchar[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roster_spans WHERE kind IN ('C', 'H', 'O') AND (codes IS NULL OR commune_code = ANY(codes));
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT 'C', x.commune_code, x.province_code, x.commune_code, lower(r), upper(r)
  FROM (SELECT commune_code, province_code, range_agg(daterange(started_on, ended_on)) AS w
        FROM roster_spans WHERE kind = 'T' AND (codes IS NULL OR commune_code = ANY(codes)) GROUP BY 1, 2) x
  CROSS JOIN LATERAL unnest(x.w) AS r;
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT 'H', x.hamlet_id::text, x.province_code, x.commune_code, lower(r), upper(r)
  FROM (SELECT t.hamlet_id, s.commune_code, s.province_code, range_agg(daterange(s.started_on, s.ended_on)) AS w
        FROM roster_spans s JOIN teams t ON t.id = s.entity::int
        WHERE s.kind = 'T' AND t.hamlet_id IS NOT NULL AND (codes IS NULL OR s.commune_code = ANY(codes)) GROUP BY 1, 2, 3) x
  CROSS JOIN LATERAL unnest(x.w) AS r;
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT 'O', x.commune_code, x.province_code, x.commune_code, lower(r), upper(r)
  FROM (SELECT commune_code, province_code,
               range_agg(daterange(date_trunc('month', started_on)::date,
                                   CASE WHEN ended_on IS NULL THEN NULL
                                        ELSE (date_trunc('month', ended_on - 1) + interval '1 month')::date END)) AS w
        FROM roster_spans WHERE kind = 'C' AND (codes IS NULL OR commune_code = ANY(codes)) GROUP BY 1, 2) x
  CROSS JOIN LATERAL unnest(x.w) AS r;
  PERFORM refresh_report_spans(codes);
END $$;
--> statement-breakpoint
-- Member spans (M: membership ∩ the team's active periods) and trained spans (R: M ∩ the year
-- after each training attended). ids NULL: all members.
CREATE OR REPLACE FUNCTION refresh_member_spans(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roster_spans WHERE kind IN ('M', 'R') AND (ids IS NULL OR entity = ANY(ids::text[]));
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on, gender, affiliations)
  SELECT 'M', m.id::text, ms.province_code, ms.commune_code, lower(x.r), upper(x.r), m.gender, m.affiliations
  FROM memberships ms
  JOIN members m ON m.id = ms.member_id
  JOIN team_periods tp ON tp.team_id = ms.team_id
  CROSS JOIN LATERAL (SELECT daterange(ms.started_on, ms.ended_on) * daterange(tp.started_on, tp.ended_on) AS r) x
  WHERE (ids IS NULL OR ms.member_id = ANY(ids)) AND NOT isempty(x.r);
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on, gender, affiliations)
  SELECT 'R', s.entity, s.province_code, s.commune_code, lower(r), upper(r), s.gender, s.affiliations
  FROM roster_spans s
  JOIN (SELECT ta.member_id::text AS entity, range_agg(daterange(ta.held_on, (ta.held_on + interval '12 months')::date)) AS w
        FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id AND t.deleted_at IS NULL
        WHERE ids IS NULL OR ta.member_id = ANY(ids) GROUP BY 1) tr ON tr.entity = s.entity
  CROSS JOIN LATERAL unnest(tr.w * datemultirange(daterange(s.started_on, s.ended_on))) AS r
  WHERE s.kind = 'M' AND (ids IS NULL OR s.entity = ANY(ids::text[]));
END $$;
--> statement-breakpoint
-- Team spans (T) from the teams' active periods, then everything that depends on them.
CREATE OR REPLACE FUNCTION refresh_team_spans(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  codes varchar[];
  member_ids int[];
BEGIN
  SELECT array_agg(DISTINCT commune_code) INTO codes FROM (
    SELECT commune_code FROM roster_spans WHERE kind = 'T' AND entity = ANY(ids::text[])
    UNION SELECT commune_code FROM teams WHERE id = ANY(ids)) c;
  DELETE FROM roster_spans WHERE kind = 'T' AND entity = ANY(ids::text[]);
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT 'T', t.id::text, t.province_code, t.commune_code, tp.started_on, tp.ended_on
  FROM team_periods tp JOIN teams t ON t.id = tp.team_id
  WHERE t.id = ANY(ids) AND (tp.ended_on IS NULL OR tp.ended_on > tp.started_on);
  IF codes IS NOT NULL THEN PERFORM refresh_commune_spans(codes); END IF;
  SELECT array_agg(DISTINCT member_id) INTO member_ids FROM memberships WHERE team_id = ANY(ids);
  IF member_ids IS NOT NULL THEN PERFORM refresh_member_spans(member_ids); END IF;
END $$;
--> statement-breakpoint
-- The first day a team or member stops counting: the earlier of leaving (dissolution) and removal.
CREATE OR REPLACE FUNCTION period_end(ended date, deleted timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT least(ended, vn_date(deleted))
$$;
--> statement-breakpoint
-- An end that cannot come before the start; null (still counting) stays null.
CREATE OR REPLACE FUNCTION end_after(ended date, started date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ended IS NULL THEN NULL ELSE greatest(ended, started) END
$$;
--> statement-breakpoint
-- Founding day: a team recorded without one counts from the day it was recorded.
CREATE OR REPLACE FUNCTION trg_teams_founded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.established_on IS NULL THEN
    NEW.established_on := CASE WHEN TG_OP = 'UPDATE' THEN OLD.established_on END;
    NEW.established_on := coalesce(NEW.established_on, vn_date(coalesce(NEW.created_at, now())));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER teams_founded BEFORE INSERT OR UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION trg_teams_founded();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_teams_periods() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_start date;
  last_end date;
  new_end date;
  today date := vn_today();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO team_periods (team_id, started_on, ended_on)
    VALUES (NEW.id, NEW.established_on, end_after(period_end(NEW.dissolved_on, NEW.deleted_at), NEW.established_on));
    PERFORM refresh_team_spans(ARRAY[NEW.id]);
    RETURN NULL;
  END IF;
  IF NEW.established_on IS NOT DISTINCT FROM OLD.established_on AND NEW.status = OLD.status
     AND NEW.dissolved_on IS NOT DISTINCT FROM OLD.dissolved_on AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
     AND NEW.hamlet_id IS NOT DISTINCT FROM OLD.hamlet_id THEN
    RETURN NULL;
  END IF;
  new_end := period_end(NEW.dissolved_on, NEW.deleted_at);
  SELECT started_on, ended_on INTO last_start, last_end FROM team_periods WHERE team_id = NEW.id ORDER BY started_on DESC LIMIT 1;
  IF last_start IS NULL THEN
    INSERT INTO team_periods VALUES (NEW.id, NEW.established_on, end_after(new_end, NEW.established_on));
  ELSIF OLD.status = 'dissolved' AND NEW.status = 'active' AND last_end IS NOT NULL AND last_end < today THEN
    -- Reactivated: a new period from today; the time it was dissolved stays dissolved.
    INSERT INTO team_periods VALUES (NEW.id, today, end_after(new_end, today));
  ELSE
    UPDATE team_periods SET ended_on = end_after(new_end, started_on) WHERE team_id = NEW.id AND started_on = last_start;
  END IF;
  IF NEW.established_on IS DISTINCT FROM OLD.established_on THEN
    UPDATE team_periods p SET started_on = NEW.established_on
    WHERE p.team_id = NEW.id AND p.started_on = (SELECT min(started_on) FROM team_periods WHERE team_id = NEW.id)
      AND (p.ended_on IS NULL OR p.ended_on >= NEW.established_on)
      AND NOT EXISTS (SELECT 1 FROM team_periods q WHERE q.team_id = NEW.id AND q.started_on = NEW.established_on);
  END IF;
  PERFORM refresh_team_spans(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER teams_periods AFTER INSERT OR UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION trg_teams_periods();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_teams_periods_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roster_spans WHERE kind = 'T' AND entity = OLD.id::text;
  PERFORM refresh_commune_spans(ARRAY[OLD.commune_code]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER teams_periods_delete AFTER DELETE ON teams FOR EACH ROW EXECUTE FUNCTION trg_teams_periods_delete();
--> statement-breakpoint
-- Rows inserted by one statement (a roster import inserts hundreds at once) open their periods in
-- one pass.
CREATE OR REPLACE FUNCTION trg_members_periods_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids int[];
BEGIN
  INSERT INTO memberships (member_id, started_on, ended_on, team_id, province_code, commune_code)
  SELECT id, s.started, end_after(period_end(left_on, deleted_at), s.started), team_id, province_code, commune_code
  FROM changed CROSS JOIN LATERAL (SELECT coalesce(joined_on, vn_date(created_at)) AS started) s;
  SELECT array_agg(id) INTO ids FROM changed;
  IF ids IS NOT NULL THEN PERFORM refresh_member_spans(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_periods_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_members_periods_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_members_periods() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_start date;
  last_end date;
  new_end date := period_end(NEW.left_on, NEW.deleted_at);
  old_end date := period_end(OLD.left_on, OLD.deleted_at);
  today date := vn_today();
  move_day date;
BEGIN
  IF NEW.team_id = OLD.team_id AND NEW.joined_on IS NOT DISTINCT FROM OLD.joined_on AND NEW.left_on IS NOT DISTINCT FROM OLD.left_on
     AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at AND NEW.gender = OLD.gender AND NEW.affiliations = OLD.affiliations THEN
    RETURN NULL;
  END IF;
  SELECT started_on, ended_on INTO last_start, last_end FROM memberships WHERE member_id = NEW.id ORDER BY started_on DESC LIMIT 1;
  IF last_start IS NULL THEN
    last_start := coalesce(NEW.joined_on, vn_date(NEW.created_at));
    INSERT INTO memberships VALUES (NEW.id, last_start, end_after(new_end, last_start), NEW.team_id, NEW.province_code, NEW.commune_code);
  ELSIF NEW.team_id <> OLD.team_id THEN
    -- A move: the old membership ends today and a new one starts (a move on the day the last
    -- membership started corrects it instead).
    move_day := greatest(today, last_start);
    IF move_day = last_start THEN
      UPDATE memberships SET team_id = NEW.team_id, province_code = NEW.province_code, commune_code = NEW.commune_code,
        ended_on = end_after(new_end, started_on)
      WHERE member_id = NEW.id AND started_on = last_start;
    ELSE
      UPDATE memberships SET ended_on = CASE WHEN last_end IS NOT NULL AND last_end < move_day THEN last_end ELSE move_day END
      WHERE member_id = NEW.id AND started_on = last_start;
      INSERT INTO memberships VALUES (NEW.id, move_day, end_after(new_end, move_day), NEW.team_id, NEW.province_code, NEW.commune_code);
    END IF;
  ELSIF NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at AND old_end IS NOT NULL AND old_end < today
        AND (new_end IS NULL OR new_end > today) AND last_end IS NOT NULL AND last_end < today THEN
    -- Rejoined after leaving: a new membership from today.
    INSERT INTO memberships VALUES (NEW.id, today, new_end, NEW.team_id, NEW.province_code, NEW.commune_code);
  ELSE
    UPDATE memberships SET ended_on = end_after(new_end, started_on) WHERE member_id = NEW.id AND started_on = last_start;
  END IF;
  IF NEW.joined_on IS DISTINCT FROM OLD.joined_on AND NEW.joined_on IS NOT NULL THEN
    UPDATE memberships p SET started_on = NEW.joined_on
    WHERE p.member_id = NEW.id AND p.started_on = (SELECT min(started_on) FROM memberships WHERE member_id = NEW.id)
      AND (p.ended_on IS NULL OR p.ended_on >= NEW.joined_on)
      AND NOT EXISTS (SELECT 1 FROM memberships q WHERE q.member_id = NEW.id AND q.started_on = NEW.joined_on);
  END IF;
  PERFORM refresh_member_spans(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_periods AFTER UPDATE ON members FOR EACH ROW EXECUTE FUNCTION trg_members_periods();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_members_periods_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roster_spans WHERE kind IN ('M', 'R') AND entity = OLD.id::text;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_periods_delete AFTER DELETE ON members FOR EACH ROW EXECUTE FUNCTION trg_members_periods_delete();
--> statement-breakpoint
-- Where an attendance happened: the commune of the member's membership on the training's day
-- (the member's current one when no membership covers it).
CREATE OR REPLACE FUNCTION trg_attendance_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.held_on IS NOT DISTINCT FROM OLD.held_on AND NEW.member_id = OLD.member_id AND NEW.commune_code IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT province_code, commune_code INTO NEW.province_code, NEW.commune_code FROM (
    SELECT province_code, commune_code, 0 AS pref FROM memberships
    WHERE member_id = NEW.member_id AND started_on <= NEW.held_on AND (ended_on IS NULL OR ended_on > NEW.held_on)
    UNION ALL
    SELECT province_code, commune_code, 1 FROM members WHERE id = NEW.member_id) x
  ORDER BY pref LIMIT 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_place BEFORE INSERT OR UPDATE ON training_attendance
  FOR EACH ROW EXECUTE FUNCTION trg_attendance_place();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_attendance_spans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids int[];
BEGIN
  SELECT array_agg(DISTINCT member_id) INTO ids FROM changed;
  IF ids IS NOT NULL THEN PERFORM refresh_member_spans(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_spans_insert AFTER INSERT ON training_attendance
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_attendance_spans();
--> statement-breakpoint
CREATE TRIGGER training_attendance_spans_delete AFTER DELETE ON training_attendance
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_attendance_spans();
--> statement-breakpoint
-- Attendance counts for the commune and province where it happened, not the member's current one.
CREATE OR REPLACE FUNCTION training_attendance_contribution(p_training int, p_month date, sign int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT u.unit_code, count(*)::int AS n
    FROM training_attendance ta
    CROSS JOIN LATERAL (VALUES (ta.commune_code::varchar), (ta.province_code::varchar), ('VN'::varchar)) AS u(unit_code)
    WHERE ta.training_id = p_training
    GROUP BY u.unit_code
  LOOP
    PERFORM bump_training_unit(r.unit_code, p_month, 0, sign * r.n, 0);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_training_attendance_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec training_attendance;
  sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  IF TG_OP = 'INSERT' THEN rec := NEW; ELSE rec := OLD; END IF;
  IF EXISTS (SELECT 1 FROM trainings WHERE id = rec.training_id AND deleted_at IS NULL) THEN
    PERFORM bump_training_unit(rec.commune_code, date_trunc('month', rec.held_on)::date, 0, sign, 0);
    PERFORM bump_training_unit(rec.province_code, date_trunc('month', rec.held_on)::date, 0, sign, 0);
    PERFORM bump_training_unit('VN', date_trunc('month', rec.held_on)::date, 0, sign, 0);
  END IF;
  PERFORM refresh_last_trained(rec.member_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The attendance rows take the training's new day (and the place of that day) between removing
-- the old contribution and adding the new one; the attendees' trained spans follow.
CREATE OR REPLACE FUNCTION trg_trainings_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.deleted_at IS NULL THEN PERFORM training_contribution(NEW, 1); END IF;
    RETURN NULL;
  END IF;
  IF OLD.deleted_at IS NULL THEN PERFORM training_contribution(OLD, -1); END IF;
  IF NEW.held_on IS DISTINCT FROM OLD.held_on THEN
    UPDATE training_attendance SET held_on = NEW.held_on WHERE training_id = NEW.id;
  END IF;
  IF NEW.deleted_at IS NULL THEN PERFORM training_contribution(NEW, 1); END IF;
  IF NEW.held_on IS DISTINCT FROM OLD.held_on OR (NEW.deleted_at IS NULL) IS DISTINCT FROM (OLD.deleted_at IS NULL) THEN
    SELECT array_agg(member_id) INTO ids FROM training_attendance WHERE training_id = NEW.id;
    IF ids IS NOT NULL THEN
      PERFORM refresh_last_trained(m) FROM unnest(ids) AS m;
      PERFORM refresh_member_spans(ids);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A training's counts, attendance and trained spans are kept for removals (soft deletes); a hard
-- delete would bypass them, so it is refused.
CREATE OR REPLACE FUNCTION trg_refuse_hard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are removed by setting deleted_at, not deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER trainings_no_hard_delete BEFORE DELETE ON trainings FOR EACH ROW EXECUTE FUNCTION trg_refuse_hard_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_reports_spans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  codes varchar[];
BEGIN
  SELECT array_agg(DISTINCT commune_code) INTO codes FROM changed;
  IF codes IS NOT NULL THEN PERFORM refresh_report_spans(codes); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monthly_reports_spans_insert AFTER INSERT ON monthly_reports
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_reports_spans();
--> statement-breakpoint
CREATE TRIGGER monthly_reports_spans_update AFTER UPDATE ON monthly_reports
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_reports_spans();
--> statement-breakpoint
CREATE TRIGGER monthly_reports_spans_delete AFTER DELETE ON monthly_reports
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION trg_reports_spans();
--> statement-breakpoint
-- Builds the dated history of rows written with the triggers disabled (a bulk seed) or before
-- this migration: teams without periods are active from their founding day to their dissolution
-- or removal; members without memberships belong to their current team from the day they joined
-- to the day they left or were removed; attendance without a place takes the member's commune on
-- the day. Then every span and delta is recomputed.
CREATE OR REPLACE FUNCTION rebuild_roster_history() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM teams WHERE established_on IS NULL) THEN
    ALTER TABLE teams DISABLE TRIGGER USER;
    UPDATE teams SET established_on = vn_date(created_at) WHERE established_on IS NULL;
    ALTER TABLE teams ENABLE TRIGGER USER;
  END IF;
  INSERT INTO team_periods (team_id, started_on, ended_on)
  SELECT t.id, t.established_on, end_after(period_end(t.dissolved_on, t.deleted_at), t.established_on)
  FROM teams t WHERE NOT EXISTS (SELECT 1 FROM team_periods p WHERE p.team_id = t.id);
  INSERT INTO memberships (member_id, started_on, ended_on, team_id, province_code, commune_code)
  SELECT m.id, s.started, end_after(period_end(m.left_on, m.deleted_at), s.started), m.team_id, m.province_code, m.commune_code
  FROM members m CROSS JOIN LATERAL (SELECT coalesce(m.joined_on, vn_date(m.created_at)) AS started) s
  WHERE NOT EXISTS (SELECT 1 FROM memberships p WHERE p.member_id = m.id);
  UPDATE training_attendance ta SET province_code = x.province_code, commune_code = x.commune_code
  FROM (SELECT ta2.training_id, ta2.member_id,
               coalesce(ms.province_code, m.province_code) AS province_code, coalesce(ms.commune_code, m.commune_code) AS commune_code
        FROM training_attendance ta2 JOIN members m ON m.id = ta2.member_id
        LEFT JOIN memberships ms ON ms.member_id = ta2.member_id AND ms.started_on <= ta2.held_on
          AND (ms.ended_on IS NULL OR ms.ended_on > ta2.held_on)
        WHERE ta2.commune_code IS NULL) x
  WHERE ta.training_id = x.training_id AND ta.member_id = x.member_id;
  ALTER TABLE roster_spans DISABLE TRIGGER roster_spans_insert;
  ALTER TABLE roster_spans DISABLE TRIGGER roster_spans_delete;
  TRUNCATE roster_spans, roster_month, roster_day, roster_affiliation_month, roster_affiliation_day;
  INSERT INTO roster_spans (kind, entity, province_code, commune_code, started_on, ended_on)
  SELECT 'T', t.id::text, t.province_code, t.commune_code, tp.started_on, tp.ended_on
  FROM team_periods tp JOIN teams t ON t.id = tp.team_id WHERE tp.ended_on IS NULL OR tp.ended_on > tp.started_on;
  PERFORM refresh_commune_spans(NULL);
  PERFORM refresh_member_spans(NULL);
  ALTER TABLE roster_spans ENABLE TRIGGER roster_spans_insert;
  ALTER TABLE roster_spans ENABLE TRIGGER roster_spans_delete;
  PERFORM rebuild_roster_deltas();
END $$;
--> statement-breakpoint
-- The deltas recomputed from the spans in one pass (after a bulk rebuild of the spans).
CREATE OR REPLACE FUNCTION rebuild_roster_deltas() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE roster_month, roster_day, roster_affiliation_month, roster_affiliation_day;
  INSERT INTO roster_day SELECT * FROM roster_day_raw;
  INSERT INTO roster_month
  SELECT unit_code, date_trunc('month', day)::date, sum(teams), sum(communes), sum(hamlets), sum(members), sum(male), sum(female),
         sum(trained), sum(owed), sum(submitted), sum(on_time)
  FROM roster_day_raw GROUP BY 1, 2;
  INSERT INTO roster_affiliation_day SELECT * FROM roster_affiliation_day_raw;
  INSERT INTO roster_affiliation_month
  SELECT unit_code, date_trunc('month', day)::date, affiliation, sum(members) FROM roster_affiliation_day_raw GROUP BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE VIEW roster_day_raw AS
WITH e AS (
  SELECT kind, province_code, commune_code, gender, started_on AS day, 1 AS d FROM roster_spans
  UNION ALL
  SELECT kind, province_code, commune_code, gender, ended_on, -1 FROM roster_spans WHERE ended_on IS NOT NULL
)
SELECT u.unit_code::varchar(5) AS unit_code, e.day,
  coalesce(sum(d) FILTER (WHERE kind = 'T'), 0)::int AS teams, coalesce(sum(d) FILTER (WHERE kind = 'C'), 0)::int AS communes,
  coalesce(sum(d) FILTER (WHERE kind = 'H'), 0)::int AS hamlets, coalesce(sum(d) FILTER (WHERE kind = 'M'), 0)::int AS members,
  coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'male'), 0)::int AS male,
  coalesce(sum(d) FILTER (WHERE kind = 'M' AND gender = 'female'), 0)::int AS female,
  coalesce(sum(d) FILTER (WHERE kind = 'R'), 0)::int AS trained, coalesce(sum(d) FILTER (WHERE kind = 'O'), 0)::int AS owed,
  coalesce(sum(d) FILTER (WHERE kind = 'S'), 0)::int AS submitted, coalesce(sum(d) FILTER (WHERE kind = 'P'), 0)::int AS on_time
FROM e CROSS JOIN LATERAL (VALUES ('VN'::varchar), (e.province_code::varchar), (e.commune_code::varchar)) AS u(unit_code)
GROUP BY 1, 2;
--> statement-breakpoint
CREATE VIEW roster_affiliation_day_raw AS
WITH e AS (
  SELECT province_code, commune_code, affiliations, started_on AS day, 1 AS d FROM roster_spans WHERE kind = 'M'
  UNION ALL
  SELECT province_code, commune_code, affiliations, ended_on, -1 FROM roster_spans WHERE kind = 'M' AND ended_on IS NOT NULL
)
SELECT u.unit_code::varchar(5) AS unit_code, e.day, a AS affiliation, sum(d)::int AS members
FROM e CROSS JOIN LATERAL unnest(e.affiliations) AS a
CROSS JOIN LATERAL (VALUES ('VN'::varchar), (e.province_code::varchar), (e.commune_code::varchar)) AS u(unit_code)
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rebuild_roster_history();
  ALTER TABLE members DISABLE TRIGGER members_rollup;
  UPDATE members m SET team_active = (t.status = 'active' AND t.deleted_at IS NULL)
  FROM teams t WHERE t.id = m.team_id AND m.team_active IS DISTINCT FROM (t.status = 'active' AND t.deleted_at IS NULL);
  UPDATE members m SET last_trained_on = x.last
  FROM (SELECT ta.member_id, max(ta.held_on) AS last FROM training_attendance ta
        JOIN trainings t ON t.id = ta.training_id AND t.deleted_at IS NULL GROUP BY ta.member_id) x
  WHERE x.member_id = m.id AND m.last_trained_on IS DISTINCT FROM x.last;
  ALTER TABLE members ENABLE TRIGGER members_rollup;
  TRUNCATE commune_stats, commune_affiliation_stats, commune_trained_month, guidance_commune_month,
           guidance_province_month, training_unit_month, training_topic_month;
  INSERT INTO commune_stats (commune_code, province_code, hamlets_total, hamlets_with_team, teams_active,
                             members_active, members_male, members_female)
    SELECT * FROM commune_stats_raw;
  INSERT INTO commune_affiliation_stats SELECT * FROM commune_affiliation_stats_raw;
  INSERT INTO commune_trained_month SELECT * FROM commune_trained_month_raw;
  INSERT INTO guidance_commune_month SELECT * FROM guidance_commune_month_raw;
  INSERT INTO guidance_province_month SELECT * FROM guidance_province_month_raw;
  INSERT INTO training_unit_month SELECT * FROM training_unit_month_raw;
  INSERT INTO training_topic_month SELECT * FROM training_topic_month_raw;
END $$;
--> statement-breakpoint
-- Attendance is credited where it happened.
CREATE OR REPLACE VIEW training_unit_month_raw AS
WITH t AS (SELECT * FROM trainings WHERE deleted_at IS NULL),
organised AS (
  SELECT u.unit_code, date_trunc('month', t.held_on)::date AS month, count(*) AS trainings,
         sum(t.outside_participants) AS outside
  FROM t CROSS JOIN LATERAL (VALUES ('VN'::varchar), (t.province_code::varchar), (t.commune_code::varchar)) u(unit_code)
  WHERE u.unit_code IS NOT NULL GROUP BY 1, 2
),
attended AS (
  SELECT u.unit_code, date_trunc('month', t.held_on)::date AS month, count(*) AS attendances
  FROM training_attendance ta JOIN t ON t.id = ta.training_id
  CROSS JOIN LATERAL (VALUES ('VN'::varchar), (ta.province_code::varchar), (ta.commune_code::varchar)) u(unit_code)
  GROUP BY 1, 2
)
SELECT coalesce(o.unit_code, a.unit_code) AS unit_code, coalesce(o.month, a.month) AS month,
  coalesce(o.trainings, 0)::int AS trainings, coalesce(a.attendances, 0)::int AS attendances,
  coalesce(o.outside, 0)::int AS outside_participants
FROM organised o FULL JOIN attended a ON a.unit_code = o.unit_code AND a.month = o.month;
--> statement-breakpoint
-- Backfill: the dated history of everything written before this migration (the other roll-ups
-- are unchanged by it: attendance is placed in each member's current commune, as before).
SELECT rebuild_roster_history();
--> statement-breakpoint
ALTER FUNCTION rollup_differences() RENAME TO rollup_differences_0002;
--> statement-breakpoint
-- Rows where a roll-up differs from its recomputation, now including the roster deltas (by day
-- and by month) recomputed from the spans.
CREATE OR REPLACE FUNCTION rollup_differences()
RETURNS TABLE (rollup text, key text, stored text, recomputed text) LANGUAGE sql AS $$
  WITH roster_cols AS (
    SELECT 'roster_day' AS rollup, unit_code || '/' || day AS key,
      CASE WHEN s.teams IS NULL OR (s.teams, s.communes, s.hamlets, s.members, s.male, s.female, s.trained, s.owed, s.submitted, s.on_time)
                = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) THEN NULL
           ELSE jsonb_build_array(s.teams, s.communes, s.hamlets, s.members, s.male, s.female, s.trained, s.owed, s.submitted, s.on_time) END AS stored,
      CASE WHEN r.teams IS NULL OR (r.teams, r.communes, r.hamlets, r.members, r.male, r.female, r.trained, r.owed, r.submitted, r.on_time)
                = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) THEN NULL
           ELSE jsonb_build_array(r.teams, r.communes, r.hamlets, r.members, r.male, r.female, r.trained, r.owed, r.submitted, r.on_time) END AS recomputed
    FROM roster_day s FULL JOIN roster_day_raw r USING (unit_code, day)
    UNION ALL
    SELECT 'roster_month', unit_code || '/' || month,
      CASE WHEN s.teams IS NULL OR (s.teams, s.communes, s.hamlets, s.members, s.male, s.female, s.trained, s.owed, s.submitted, s.on_time)
                = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) THEN NULL
           ELSE jsonb_build_array(s.teams, s.communes, s.hamlets, s.members, s.male, s.female, s.trained, s.owed, s.submitted, s.on_time) END,
      CASE WHEN r.teams IS NULL OR (r.teams, r.communes, r.hamlets, r.members, r.male, r.female, r.trained, r.owed, r.submitted, r.on_time)
                = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) THEN NULL
           ELSE jsonb_build_array(r.teams, r.communes, r.hamlets, r.members, r.male, r.female, r.trained, r.owed, r.submitted, r.on_time) END
    FROM roster_month s FULL JOIN (
      SELECT unit_code, date_trunc('month', day)::date AS month, sum(teams) AS teams, sum(communes) AS communes, sum(hamlets) AS hamlets,
        sum(members) AS members, sum(male) AS male, sum(female) AS female, sum(trained) AS trained, sum(owed) AS owed,
        sum(submitted) AS submitted, sum(on_time) AS on_time
      FROM roster_day_raw GROUP BY 1, 2) r USING (unit_code, month)
    UNION ALL
    SELECT 'roster_affiliation_day', unit_code || '/' || day || '/' || affiliation, to_jsonb(nullif(s.members, 0)), to_jsonb(nullif(r.members, 0))
    FROM roster_affiliation_day s FULL JOIN roster_affiliation_day_raw r USING (unit_code, day, affiliation)
  )
  SELECT * FROM rollup_differences_0002()
  UNION ALL
  SELECT rollup, key, stored::text, recomputed::text FROM roster_cols WHERE stored IS DISTINCT FROM recomputed;
$$;
