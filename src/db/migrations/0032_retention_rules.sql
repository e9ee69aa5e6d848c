CREATE TABLE "retention_rule" (
	"hei_id" uuid PRIMARY KEY NOT NULL,
	"inquiry_contact_months" integer,
	"participant_months" integer,
	"updated_by_user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_run_inquiry_contacts" integer,
	"last_run_participants" integer,
	CONSTRAINT "retention_rule_months_check" CHECK ("retention_rule"."inquiry_contact_months" is null or "retention_rule"."inquiry_contact_months" between 1 and 120),
	CONSTRAINT "retention_rule_participant_months_check" CHECK ("retention_rule"."participant_months" is null or "retention_rule"."participant_months" between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "participant" ALTER COLUMN "personnummer_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "participant" ALTER COLUMN "personnummer_index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "participant" ALTER COLUMN "personnummer_masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "participant" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retention_rule" ADD CONSTRAINT "retention_rule_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rule" ADD CONSTRAINT "retention_rule_updated_by_user_id_auth_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant" ADD CONSTRAINT "participant_personnummer_check" CHECK (("participant"."personal_data_erased_at" is null) = ("participant"."personnummer_sealed" is not null and "participant"."personnummer_index" is not null and "participant"."personnummer_masked" is not null));