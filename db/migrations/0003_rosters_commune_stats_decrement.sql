-- A decrement through INSERT … ON CONFLICT DO UPDATE fails: PostgreSQL checks the proposed row
-- (with its negative delta) against commune_stats_nonneg before it looks for the conflict, so
-- every edit, soft delete or restore of a hamlet, team or member was refused. Update the existing
-- row first and insert only for a commune that has none yet.
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
