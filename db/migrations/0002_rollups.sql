-- Roll-ups kept by triggers in the same transaction as every write.
-- Each trigger removes the contribution of the old row and adds that of the new one, so inserts,
-- edits, soft deletes and restores are all handled the same way.

CREATE OR REPLACE FUNCTION bump_commune_stats(
  p_commune varchar, p_province varchar,
  d_hamlets int, d_hamlets_team int, d_teams int, d_members int, d_male int, d_female int
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO commune_stats AS s (commune_code, province_code, hamlets_total, hamlets_with_team, teams_active,
                                   members_active, members_male, members_female, updated_at)
  VALUES (p_commune, p_province, d_hamlets, d_hamlets_team, d_teams, d_members, d_male, d_female, now())
  ON CONFLICT (commune_code) DO UPDATE SET
    hamlets_total = s.hamlets_total + EXCLUDED.hamlets_total,
    hamlets_with_team = s.hamlets_with_team + EXCLUDED.hamlets_with_team,
    teams_active = s.teams_active + EXCLUDED.teams_active,
    members_active = s.members_active + EXCLUDED.members_active,
    members_male = s.members_male + EXCLUDED.members_male,
    members_female = s.members_female + EXCLUDED.members_female,
    updated_at = now();
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_hamlets_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    PERFORM bump_commune_stats(OLD.commune_code, OLD.province_code, -1, 0, 0, 0, 0, 0);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    PERFORM bump_commune_stats(NEW.commune_code, NEW.province_code, 1, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER hamlets_rollup AFTER INSERT OR UPDATE OR DELETE ON hamlets
  FOR EACH ROW EXECUTE FUNCTION trg_hamlets_rollup();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_teams_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_active boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' AND OLD.deleted_at IS NULL;
  new_active boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' AND NEW.deleted_at IS NULL;
BEGIN
  IF old_active THEN
    PERFORM bump_commune_stats(OLD.commune_code, OLD.province_code, 0,
      CASE WHEN OLD.hamlet_id IS NULL THEN 0 ELSE -1 END, -1, 0, 0, 0);
  END IF;
  IF new_active THEN
    PERFORM bump_commune_stats(NEW.commune_code, NEW.province_code, 0,
      CASE WHEN NEW.hamlet_id IS NULL THEN 0 ELSE 1 END, 1, 0, 0, 0);
  END IF;
  IF TG_OP = 'UPDATE' AND old_active IS DISTINCT FROM new_active THEN
    UPDATE members SET team_active = new_active WHERE team_id = NEW.id AND team_active IS DISTINCT FROM new_active;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER teams_rollup AFTER INSERT OR UPDATE OR DELETE ON teams
  FOR EACH ROW EXECUTE FUNCTION trg_teams_rollup();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_contribution(m members, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a text;
BEGIN
  PERFORM bump_commune_stats(m.commune_code, m.province_code, 0, 0, 0, sign,
    CASE WHEN m.gender = 'male' THEN sign ELSE 0 END,
    CASE WHEN m.gender = 'female' THEN sign ELSE 0 END);
  FOREACH a IN ARRAY m.affiliations LOOP
    INSERT INTO commune_affiliation_stats AS s (commune_code, province_code, affiliation, members)
    VALUES (m.commune_code, m.province_code, a, sign)
    ON CONFLICT (commune_code, affiliation) DO UPDATE SET members = s.members + EXCLUDED.members;
  END LOOP;
  IF m.last_trained_on IS NOT NULL THEN
    INSERT INTO commune_trained_month AS s (commune_code, province_code, month, members)
    VALUES (m.commune_code, m.province_code, date_trunc('month', m.last_trained_on)::date, sign)
    ON CONFLICT (commune_code, month) DO UPDATE SET members = s.members + EXCLUDED.members;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_members_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL AND OLD.left_on IS NULL AND OLD.team_active THEN
    PERFORM member_contribution(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL AND NEW.left_on IS NULL AND NEW.team_active THEN
    PERFORM member_contribution(NEW, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_rollup AFTER INSERT OR UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION trg_members_rollup();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_training_unit(p_unit varchar, p_month date, d_trainings int, d_att int, d_outside int)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO training_unit_month AS s (unit_code, month, trainings, attendances, outside_participants)
  VALUES (p_unit, p_month, d_trainings, d_att, d_outside)
  ON CONFLICT (unit_code, month) DO UPDATE SET
    trainings = s.trainings + EXCLUDED.trainings,
    attendances = s.attendances + EXCLUDED.attendances,
    outside_participants = s.outside_participants + EXCLUDED.outside_participants;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_last_trained(p_member int) RETURNS void LANGUAGE sql AS $$
  UPDATE members m SET last_trained_on = x.last
  FROM (SELECT max(ta.held_on) AS last FROM training_attendance ta
        JOIN trainings t ON t.id = ta.training_id AND t.deleted_at IS NULL
        WHERE ta.member_id = p_member) x
  WHERE m.id = p_member AND m.last_trained_on IS DISTINCT FROM x.last;
$$;
--> statement-breakpoint
-- Attendance of one training by member unit, added (sign 1) or removed (sign -1).
CREATE OR REPLACE FUNCTION training_attendance_contribution(p_training int, p_month date, sign int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT u.unit_code, count(*)::int AS n
    FROM training_attendance ta
    JOIN members m ON m.id = ta.member_id
    CROSS JOIN LATERAL (VALUES (m.commune_code::varchar), (m.province_code::varchar), ('VN'::varchar)) AS u(unit_code)
    WHERE ta.training_id = p_training
    GROUP BY u.unit_code
  LOOP
    PERFORM bump_training_unit(r.unit_code, p_month, 0, sign * r.n, 0);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION training_contribution(t trainings, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mon date := date_trunc('month', t.held_on)::date;
  unit varchar;
  topic text;
BEGIN
  FOREACH unit IN ARRAY ARRAY['VN', t.province_code, t.commune_code] LOOP
    IF unit IS NOT NULL THEN
      PERFORM bump_training_unit(unit, mon, sign, 0, sign * t.outside_participants);
      FOREACH topic IN ARRAY t.topics LOOP
        INSERT INTO training_topic_month AS s (unit_code, month, topic, trainings)
        VALUES (unit, mon, topic, sign)
        ON CONFLICT (unit_code, month, topic) DO UPDATE SET trainings = s.trainings + EXCLUDED.trainings;
      END LOOP;
    END IF;
  END LOOP;
  PERFORM training_attendance_contribution(t.id, mon, sign);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_trainings_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.deleted_at IS NULL THEN PERFORM training_contribution(NEW, 1); END IF;
    RETURN NULL;
  END IF;
  IF OLD.deleted_at IS NULL THEN PERFORM training_contribution(OLD, -1); END IF;
  IF NEW.deleted_at IS NULL THEN PERFORM training_contribution(NEW, 1); END IF;
  IF NEW.held_on IS DISTINCT FROM OLD.held_on THEN
    UPDATE training_attendance SET held_on = NEW.held_on WHERE training_id = NEW.id;
  END IF;
  IF NEW.held_on IS DISTINCT FROM OLD.held_on OR (NEW.deleted_at IS NULL) IS DISTINCT FROM (OLD.deleted_at IS NULL) THEN
    FOR r IN SELECT member_id FROM training_attendance WHERE training_id = NEW.id LOOP
      PERFORM refresh_last_trained(r.member_id);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trainings_rollup AFTER INSERT OR UPDATE ON trainings
  FOR EACH ROW EXECUTE FUNCTION trg_trainings_rollup();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_training_attendance_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec_training int;
  rec_member int;
  rec_month date;
  sign int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
  m members;
BEGIN
  IF TG_OP = 'INSERT' THEN
    rec_training := NEW.training_id; rec_member := NEW.member_id; rec_month := date_trunc('month', NEW.held_on)::date;
  ELSE
    rec_training := OLD.training_id; rec_member := OLD.member_id; rec_month := date_trunc('month', OLD.held_on)::date;
  END IF;
  IF EXISTS (SELECT 1 FROM trainings WHERE id = rec_training AND deleted_at IS NULL) THEN
    SELECT * INTO m FROM members WHERE id = rec_member;
    PERFORM bump_training_unit(m.commune_code, rec_month, 0, sign, 0);
    PERFORM bump_training_unit(m.province_code, rec_month, 0, sign, 0);
    PERFORM bump_training_unit('VN', rec_month, 0, sign, 0);
  END IF;
  PERFORM refresh_last_trained(rec_member);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_rollup AFTER INSERT OR DELETE ON training_attendance
  FOR EACH ROW EXECUTE FUNCTION trg_training_attendance_rollup();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION guidance_contribution(g guidance_records, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mon date := date_trunc('month', g.guided_on)::date;
BEGIN
  INSERT INTO guidance_commune_month AS s (commune_code, province_code, month, skill, target_group, records,
                                           households_visited, people_guided, people_completed)
  VALUES (g.commune_code, g.province_code, mon, g.skill, g.target_group, sign,
          sign * g.households_visited, sign * g.people_guided, sign * g.people_completed)
  ON CONFLICT (commune_code, month, skill, target_group) DO UPDATE SET
    records = s.records + EXCLUDED.records,
    households_visited = s.households_visited + EXCLUDED.households_visited,
    people_guided = s.people_guided + EXCLUDED.people_guided,
    people_completed = s.people_completed + EXCLUDED.people_completed;
  INSERT INTO guidance_province_month AS s (province_code, month, skill, target_group, records,
                                            households_visited, people_guided, people_completed)
  VALUES (g.province_code, mon, g.skill, g.target_group, sign,
          sign * g.households_visited, sign * g.people_guided, sign * g.people_completed)
  ON CONFLICT (province_code, month, skill, target_group) DO UPDATE SET
    records = s.records + EXCLUDED.records,
    households_visited = s.households_visited + EXCLUDED.households_visited,
    people_guided = s.people_guided + EXCLUDED.people_guided,
    people_completed = s.people_completed + EXCLUDED.people_completed;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trg_guidance_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN PERFORM guidance_contribution(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN PERFORM guidance_contribution(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER guidance_rollup AFTER INSERT OR UPDATE OR DELETE ON guidance_records
  FOR EACH ROW EXECUTE FUNCTION trg_guidance_rollup();
--> statement-breakpoint
-- The same roll-ups computed from raw rows: used to rebuild after a bulk load and to verify.
CREATE VIEW active_members_raw AS
SELECT mm.* FROM members mm JOIN teams t ON t.id = mm.team_id
WHERE mm.deleted_at IS NULL AND mm.left_on IS NULL AND t.status = 'active' AND t.deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW commune_stats_raw AS
SELECT c.code AS commune_code, c.province_code,
  coalesce(h.n, 0)::int AS hamlets_total,
  coalesce(t.with_hamlet, 0)::int AS hamlets_with_team,
  coalesce(t.n, 0)::int AS teams_active,
  coalesce(m.active, 0)::int AS members_active, coalesce(m.male, 0)::int AS members_male,
  coalesce(m.female, 0)::int AS members_female
FROM communes c
LEFT JOIN (SELECT commune_code, count(*) AS n FROM hamlets WHERE deleted_at IS NULL GROUP BY 1) h
  ON h.commune_code = c.code
LEFT JOIN (SELECT commune_code, count(*) AS n, count(*) FILTER (WHERE hamlet_id IS NOT NULL) AS with_hamlet
           FROM teams WHERE status = 'active' AND deleted_at IS NULL GROUP BY 1) t
  ON t.commune_code = c.code
LEFT JOIN (SELECT commune_code, count(*) AS active, count(*) FILTER (WHERE gender = 'male') AS male,
                  count(*) FILTER (WHERE gender = 'female') AS female
           FROM active_members_raw GROUP BY 1) m
  ON m.commune_code = c.code;
--> statement-breakpoint
CREATE VIEW commune_affiliation_stats_raw AS
SELECT commune_code, province_code, a AS affiliation, count(*)::int AS members
FROM active_members_raw, unnest(affiliations) AS a
GROUP BY commune_code, province_code, a;
--> statement-breakpoint
CREATE VIEW commune_trained_month_raw AS
WITH last_training AS MATERIALIZED (
  SELECT ta.member_id, max(ta.held_on) AS last FROM training_attendance ta
  JOIN trainings t ON t.id = ta.training_id AND t.deleted_at IS NULL GROUP BY ta.member_id
)
SELECT m.commune_code, m.province_code, date_trunc('month', x.last)::date AS month, count(*)::int AS members
FROM active_members_raw m JOIN last_training x ON x.member_id = m.id
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE VIEW guidance_commune_month_raw AS
SELECT commune_code, province_code, date_trunc('month', guided_on)::date AS month, skill, target_group,
  count(*)::int AS records, sum(households_visited)::int AS households_visited,
  sum(people_guided)::int AS people_guided, sum(people_completed)::int AS people_completed
FROM guidance_records WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE VIEW guidance_province_month_raw AS
SELECT province_code, month, skill, target_group, sum(records)::int AS records,
  sum(households_visited)::int AS households_visited, sum(people_guided)::int AS people_guided,
  sum(people_completed)::int AS people_completed
FROM guidance_commune_month_raw GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE VIEW training_unit_month_raw AS
WITH t AS (SELECT * FROM trainings WHERE deleted_at IS NULL),
organised AS (
  SELECT u.unit_code, date_trunc('month', t.held_on)::date AS month, count(*) AS trainings,
         sum(t.outside_participants) AS outside
  FROM t CROSS JOIN LATERAL (VALUES ('VN'::varchar), (t.province_code::varchar), (t.commune_code::varchar)) u(unit_code)
  WHERE u.unit_code IS NOT NULL GROUP BY 1, 2
),
attended AS (
  SELECT u.unit_code, date_trunc('month', t.held_on)::date AS month, count(*) AS attendances
  FROM training_attendance ta JOIN t ON t.id = ta.training_id JOIN members m ON m.id = ta.member_id
  CROSS JOIN LATERAL (VALUES ('VN'::varchar), (m.province_code::varchar), (m.commune_code::varchar)) u(unit_code)
  GROUP BY 1, 2
)
SELECT coalesce(o.unit_code, a.unit_code) AS unit_code, coalesce(o.month, a.month) AS month,
  coalesce(o.trainings, 0)::int AS trainings, coalesce(a.attendances, 0)::int AS attendances,
  coalesce(o.outside, 0)::int AS outside_participants
FROM organised o FULL JOIN attended a ON a.unit_code = o.unit_code AND a.month = o.month;
--> statement-breakpoint
CREATE VIEW training_topic_month_raw AS
SELECT u.unit_code, date_trunc('month', t.held_on)::date AS month, topic, count(*)::int AS trainings
FROM trainings t
CROSS JOIN LATERAL unnest(t.topics) AS topic
CROSS JOIN LATERAL (VALUES ('VN'::varchar), (t.province_code::varchar), (t.commune_code::varchar)) u(unit_code)
WHERE t.deleted_at IS NULL AND u.unit_code IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Rows where a roll-up differs from its raw recomputation (rows of zeros count as absent).
CREATE OR REPLACE FUNCTION rollup_differences()
RETURNS TABLE (rollup text, key text, stored text, recomputed text) LANGUAGE sql AS $$
  WITH pairs AS (
    SELECT 'commune_stats' AS rollup, commune_code::text AS key,
      jsonb_build_array(s.hamlets_total, s.hamlets_with_team, s.teams_active, s.members_active, s.members_male, s.members_female) AS stored,
      jsonb_build_array(r.hamlets_total, r.hamlets_with_team, r.teams_active, r.members_active, r.members_male, r.members_female) AS recomputed
    FROM commune_stats s FULL JOIN commune_stats_raw r USING (commune_code)
    UNION ALL
    SELECT 'commune_affiliation_stats', commune_code || '/' || affiliation,
      to_jsonb(nullif(s.members, 0)), to_jsonb(r.members)
    FROM commune_affiliation_stats s FULL JOIN commune_affiliation_stats_raw r USING (commune_code, affiliation)
    UNION ALL
    SELECT 'commune_trained_month', commune_code || '/' || month,
      to_jsonb(nullif(s.members, 0)), to_jsonb(r.members)
    FROM commune_trained_month s FULL JOIN commune_trained_month_raw r USING (commune_code, month)
    UNION ALL
    SELECT 'guidance_commune_month', commune_code || '/' || month || '/' || skill || '/' || target_group,
      CASE WHEN s.records = 0 THEN NULL ELSE jsonb_build_array(s.records, s.households_visited, s.people_guided, s.people_completed) END,
      CASE WHEN r.records IS NULL THEN NULL ELSE jsonb_build_array(r.records, r.households_visited, r.people_guided, r.people_completed) END
    FROM guidance_commune_month s FULL JOIN guidance_commune_month_raw r USING (commune_code, month, skill, target_group)
    UNION ALL
    SELECT 'guidance_province_month', province_code || '/' || month || '/' || skill || '/' || target_group,
      CASE WHEN s.records = 0 THEN NULL ELSE jsonb_build_array(s.records, s.households_visited, s.people_guided, s.people_completed) END,
      CASE WHEN r.records IS NULL THEN NULL ELSE jsonb_build_array(r.records, r.households_visited, r.people_guided, r.people_completed) END
    FROM guidance_province_month s FULL JOIN guidance_province_month_raw r USING (province_code, month, skill, target_group)
    UNION ALL
    SELECT 'training_unit_month', unit_code || '/' || month,
      CASE WHEN s.trainings = 0 AND s.attendances = 0 AND s.outside_participants = 0 THEN NULL
           ELSE jsonb_build_array(s.trainings, s.attendances, s.outside_participants) END,
      CASE WHEN r.trainings IS NULL THEN NULL ELSE jsonb_build_array(r.trainings, r.attendances, r.outside_participants) END
    FROM training_unit_month s FULL JOIN training_unit_month_raw r USING (unit_code, month)
    UNION ALL
    SELECT 'training_topic_month', unit_code || '/' || month || '/' || topic,
      to_jsonb(nullif(s.trainings, 0)), to_jsonb(r.trainings)
    FROM training_topic_month s FULL JOIN training_topic_month_raw r USING (unit_code, month, topic)
  )
  SELECT rollup, key, stored::text, recomputed::text FROM pairs
  WHERE stored IS DISTINCT FROM recomputed;
$$;
--> statement-breakpoint
-- Recomputes the denormalised member columns and every roll-up from raw rows, after a bulk load
-- that ran with the roll-up triggers disabled.
CREATE OR REPLACE FUNCTION rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
