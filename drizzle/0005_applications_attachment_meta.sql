ALTER TABLE "application_attachments" ADD COLUMN "file_name" text NOT NULL;--> statement-breakpoint
ALTER TABLE "application_attachments" ADD COLUMN "size_bytes" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "application_attachments" ADD COLUMN "sha256" text NOT NULL;--> statement-breakpoint
ALTER TABLE "application_attachments" ADD COLUMN "added_by_name" text NOT NULL;