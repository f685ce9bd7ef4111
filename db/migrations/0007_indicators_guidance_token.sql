-- Custom SQL migration file, put your code below! --
-- Every guidance write also gives the commune's commune_stats row a new version (a zero-delta
-- bump), so that the dashboards' freshness token reads only commune_stats and
-- training_unit_month instead of every guidance roll-up row of the period.
CREATE OR REPLACE FUNCTION trg_guidance_touch_commune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM bump_commune_stats(OLD.commune_code, OLD.province_code, 0, 0, 0, 0, 0, 0); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.commune_code IS DISTINCT FROM OLD.commune_code) THEN
    PERFORM bump_commune_stats(NEW.commune_code, NEW.province_code, 0, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER guidance_touch_commune AFTER INSERT OR UPDATE OR DELETE ON guidance_records
  FOR EACH ROW EXECUTE FUNCTION trg_guidance_touch_commune();
