CREATE TABLE "analysis_person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"pseudonym" text NOT NULL,
	"role_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_person_pseudonym" CHECK (char_length("analysis_person"."pseudonym") between 1 and 40)
);
--> statement-breakpoint
CREATE TABLE "analysis_person_level" (
	"person_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"current_level" smallint NOT NULL,
	CONSTRAINT "analysis_person_level_person_id_need_id_pk" PRIMARY KEY("person_id","need_id"),
	CONSTRAINT "analysis_person_level_range" CHECK ("analysis_person_level"."current_level" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "analysis_self_service_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analysis_survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"questions" jsonb NOT NULL,
	"invited" integer NOT NULL,
	"created_by" text,
	"self_service_link_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_survey_invited" CHECK ("analysis_survey"."invited" between 5 and 500)
);
--> statement-breakpoint
CREATE TABLE "analysis_survey_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"answered" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_survey_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"role_id" uuid,
	"answers" jsonb NOT NULL,
	"answered_on" date DEFAULT current_date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analysis_person" ADD CONSTRAINT "analysis_person_analysis_id_needs_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."needs_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_person" ADD CONSTRAINT "analysis_person_role_id_analysis_role_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."analysis_role"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_person_level" ADD CONSTRAINT "analysis_person_level_person_id_analysis_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."analysis_person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_person_level" ADD CONSTRAINT "analysis_person_level_need_id_competence_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."competence_need"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_self_service_link" ADD CONSTRAINT "analysis_self_service_link_analysis_id_needs_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."needs_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_self_service_link" ADD CONSTRAINT "analysis_self_service_link_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey" ADD CONSTRAINT "analysis_survey_analysis_id_needs_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."needs_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey" ADD CONSTRAINT "analysis_survey_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey" ADD CONSTRAINT "analysis_survey_self_service_link_id_analysis_self_service_link_id_fk" FOREIGN KEY ("self_service_link_id") REFERENCES "public"."analysis_self_service_link"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey_link" ADD CONSTRAINT "analysis_survey_link_survey_id_analysis_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."analysis_survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey_response" ADD CONSTRAINT "analysis_survey_response_survey_id_analysis_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."analysis_survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_survey_response" ADD CONSTRAINT "analysis_survey_response_role_id_analysis_role_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."analysis_role"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analysis_person_analysis_idx" ON "analysis_person" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "analysis_person_level_need_idx" ON "analysis_person_level" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analysis_self_service_link_token_idx" ON "analysis_self_service_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "analysis_self_service_link_analysis_idx" ON "analysis_self_service_link" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "analysis_survey_analysis_idx" ON "analysis_survey" USING btree ("analysis_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analysis_survey_link_token_idx" ON "analysis_survey_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "analysis_survey_link_survey_idx" ON "analysis_survey_link" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "analysis_survey_response_survey_idx" ON "analysis_survey_response" USING btree ("survey_id");