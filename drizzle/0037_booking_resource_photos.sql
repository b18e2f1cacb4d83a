CREATE TABLE "booking_resource_photos" (
	"resource_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_resource_photos_resource_id_file_id_pk" PRIMARY KEY("resource_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "booking_resource_photos" ADD CONSTRAINT "booking_resource_photos_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_resource_photos" ADD CONSTRAINT "booking_resource_photos_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_resource_photos" ADD CONSTRAINT "booking_resource_photos_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_resource_photos_order_idx" ON "booking_resource_photos" USING btree ("resource_id","position");