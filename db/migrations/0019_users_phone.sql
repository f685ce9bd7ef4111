-- A contact number on accounts, so that a province can reach its commune leads (report reminders).
-- Nullable: accounts created before keep no number until one is entered.
ALTER TABLE "users" ADD COLUMN "phone" varchar(11);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_format" CHECK ("phone" ~ '^0[0-9]{9,10}$');
