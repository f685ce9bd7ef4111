-- Custom SQL migration file, put your code below! --
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
