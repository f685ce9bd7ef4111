-- training_contribution named its loop variable "topic", like a column of training_topic_month:
-- PL/pgSQL refused the INSERT as ambiguous, so any training with a topic could not be written
-- with the roll-up trigger enabled. Same function with the variable renamed.
CREATE OR REPLACE FUNCTION training_contribution(t trainings, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mon date := date_trunc('month', t.held_on)::date;
  unit varchar;
  each_topic text;
BEGIN
  FOREACH unit IN ARRAY ARRAY['VN', t.province_code, t.commune_code] LOOP
    IF unit IS NOT NULL THEN
      PERFORM bump_training_unit(unit, mon, sign, 0, sign * t.outside_participants);
      FOREACH each_topic IN ARRAY t.topics LOOP
        INSERT INTO training_topic_month AS s (unit_code, month, topic, trainings)
        VALUES (unit, mon, each_topic, sign)
        ON CONFLICT (unit_code, month, topic) DO UPDATE SET trainings = s.trainings + EXCLUDED.trainings;
      END LOOP;
    END IF;
  END LOOP;
  PERFORM training_attendance_contribution(t.id, mon, sign);
END $$;
