-- Sign-in throttling counts attempts per (account, address) and per address, never per account
-- alone (which let anyone lock a known account out): the old account-wide rows and the lock-out
-- count go.
DELETE FROM "sign_in_throttle";
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" DROP COLUMN "lockouts";
--> statement-breakpoint
-- Downloads of personal data are counted per user from the audit trail.
CREATE INDEX IF NOT EXISTS "audit_events_actor_action_idx" ON "audit_events" USING btree ("actor_user_id", "action", "at");
--> statement-breakpoint
-- Names are stored in Unicode NFC from now on, so the same name typed on two keyboards is one
-- name. Stored names are brought to NFC too, except a hamlet whose NFC name is already taken in its
-- commune: that duplicate stays as entered, for its commune lead to resolve.
UPDATE "hamlets" h SET "name" = normalize(h."name", NFC)
WHERE h."name" IS NOT NFC NORMALIZED
  AND NOT EXISTS (
    SELECT 1 FROM "hamlets" o
    WHERE o."commune_code" = h."commune_code" AND o."id" <> h."id" AND o."deleted_at" IS NULL
      AND lower(normalize(o."name", NFC)) = lower(normalize(h."name", NFC))
  );
--> statement-breakpoint
UPDATE "teams" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "teams" SET "note" = normalize("note", NFC) WHERE "note" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "members" SET "full_name" = normalize("full_name", NFC) WHERE "full_name" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "trainings" SET "title" = normalize("title", NFC) WHERE "title" IS NOT NFC NORMALIZED;
--> statement-breakpoint
UPDATE "users" SET "full_name" = normalize("full_name", NFC) WHERE "full_name" IS NOT NFC NORMALIZED;
