CREATE TABLE "operator_hosts" (
	"operator_org_id" uuid NOT NULL,
	"host_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operator_hosts_operator_org_id_host_org_id_pk" PRIMARY KEY("operator_org_id","host_org_id")
);
--> statement-breakpoint
ALTER TABLE "operator_hosts" ADD CONSTRAINT "operator_hosts_operator_org_id_organisations_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_hosts" ADD CONSTRAINT "operator_hosts_host_org_id_organisations_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_hosts_host_idx" ON "operator_hosts" USING btree ("host_org_id");