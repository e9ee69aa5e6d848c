CREATE TABLE "credential_signing_key" (
	"hei_id" uuid PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "micro_credential" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"hei_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"design_id" uuid,
	"participant_id" uuid,
	"learner_name" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"outcomes" jsonb NOT NULL,
	"level" text NOT NULL,
	"eqf_level" integer,
	"credits" numeric(5, 1),
	"workload_hours" integer,
	"format" text NOT NULL,
	"assessment" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text
);
--> statement-breakpoint
ALTER TABLE "credential_signing_key" ADD CONSTRAINT "credential_signing_key_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_issued_by_auth_user_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_revoked_by_auth_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "micro_credential_code_idx" ON "micro_credential" USING btree ("code");--> statement-breakpoint
CREATE INDEX "micro_credential_case_idx" ON "micro_credential" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "micro_credential_valid_idx" ON "micro_credential" USING btree ("design_id","participant_id") WHERE "micro_credential"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "micro_credential_participant_idx" ON "micro_credential" USING btree ("participant_id");