CREATE TABLE "regional_contribution" (
	"hei_id" uuid PRIMARY KEY NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regional_contribution" ADD CONSTRAINT "regional_contribution_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_contribution" ADD CONSTRAINT "regional_contribution_started_by_auth_user_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;