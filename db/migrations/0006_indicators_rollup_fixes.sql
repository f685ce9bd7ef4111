-- Custom SQL migration file, put your code below! --
-- A check constraint is evaluated on the row an INSERT proposes before ON CONFLICT turns it into
-- an update, so bump_commune_stats with any negative delta (a member leaving, a team dissolved)
-- failed on commune_stats_nonneg. Update the existing row first; insert only for a new commune.
CREATE OR REPLACE FUNCTION bump_commune_stats(
  p_commune varchar, p_province varchar,
  d_hamlets int, d_hamlets_team int, d_teams int, d_members int, d_male int, d_female int
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commune_stats SET
    hamlets_total = hamlets_total + d_hamlets,
    hamlets_with_team = hamlets_with_team + d_hamlets_team,
    teams_active = teams_active + d_teams,
    members_active = members_active + d_members,
    members_male = members_male + d_male,
    members_female = members_female + d_female,
    updated_at = now()
  WHERE commune_code = p_commune;
  IF NOT FOUND THEN
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
  END IF;
END $$;
--> statement-breakpoint
-- The loop variable "topic" of training_contribution clashed with the column of the same name in
-- its INSERT … ON CONFLICT, so every insert, edit or deletion of a training with topics failed.
CREATE OR REPLACE FUNCTION training_contribution(t trainings, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mon date := date_trunc('month', t.held_on)::date;
  unit varchar;
  training_topic text;
BEGIN
  FOREACH unit IN ARRAY ARRAY['VN', t.province_code, t.commune_code] LOOP
    IF unit IS NOT NULL THEN
      PERFORM bump_training_unit(unit, mon, sign, 0, sign * t.outside_participants);
      FOREACH training_topic IN ARRAY t.topics LOOP
        INSERT INTO training_topic_month AS s (unit_code, month, topic, trainings)
        VALUES (unit, mon, training_topic, sign)
        ON CONFLICT ON CONSTRAINT training_topic_month_unit_code_month_topic_pk
        DO UPDATE SET trainings = s.trainings + EXCLUDED.trainings;
      END LOOP;
    END IF;
  END LOOP;
  PERFORM training_attendance_contribution(t.id, mon, sign);
END $$;
--> statement-breakpoint
-- members.team_active mirrors the team's status, but a member added to (or moved into) a
-- dissolved or deleted team kept the column's default of true and was counted as active.
CREATE OR REPLACE FUNCTION trg_members_team_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.team_active := coalesce((SELECT status = 'active' AND deleted_at IS NULL FROM teams WHERE id = NEW.team_id), false);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_team_active BEFORE INSERT OR UPDATE OF team_id ON members
  FOR EACH ROW EXECUTE FUNCTION trg_members_team_active();
