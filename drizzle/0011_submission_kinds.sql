ALTER TABLE "calls" ADD COLUMN "kind" text DEFAULT 'filing' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "kind" text DEFAULT 'filing' NOT NULL;