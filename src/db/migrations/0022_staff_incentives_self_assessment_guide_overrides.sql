CREATE TABLE "guide_override" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"consortium_id" uuid,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"based_on" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_override_one_owner" CHECK (("guide_override"."organisation_id" is null) <> ("guide_override"."consortium_id" is null))
);
--> statement-breakpoint
CREATE TABLE "incentive_model" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"department_share_bp" integer DEFAULT 0 NOT NULL,
	"workload_factor_bp" integer DEFAULT 10000 NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"hei_id" uuid,
	"questionnaire" text NOT NULL,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_expertise" (
	"profile_id" uuid NOT NULL,
	"concept_id" uuid NOT NULL,
	CONSTRAINT "staff_expertise_profile_id_concept_id_pk" PRIMARY KEY("profile_id","concept_id")
);
--> statement-breakpoint
CREATE TABLE "staff_profile" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"hei_id" uuid NOT NULL,
	"department" text,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"availability" text DEFAULT 'limited' NOT NULL,
	"hours_per_year" integer,
	"interest" text DEFAULT 'some' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_profile_user_hei" UNIQUE("user_id","hei_id"),
	CONSTRAINT "staff_profile_hours" CHECK ("staff_profile"."hours_per_year" is null or "staff_profile"."hours_per_year" between 0 and 2000)
);
--> statement-breakpoint
ALTER TABLE "guide_override" ADD CONSTRAINT "guide_override_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_override" ADD CONSTRAINT "guide_override_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_override" ADD CONSTRAINT "guide_override_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_model" ADD CONSTRAINT "incentive_model_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_model" ADD CONSTRAINT "incentive_model_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment" ADD CONSTRAINT "self_assessment_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment" ADD CONSTRAINT "self_assessment_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_expertise" ADD CONSTRAINT "staff_expertise_profile_id_staff_profile_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."staff_profile"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_expertise" ADD CONSTRAINT "staff_expertise_concept_id_taxonomy_concept_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD CONSTRAINT "staff_profile_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD CONSTRAINT "staff_profile_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guide_override_item_idx" ON "guide_override" USING btree (coalesce("organisation_id", "consortium_id"),"kind","item_id","language");--> statement-breakpoint
CREATE UNIQUE INDEX "incentive_model_hei_from_idx" ON "incentive_model" USING btree ("hei_id","effective_from");--> statement-breakpoint
CREATE INDEX "self_assessment_user_idx" ON "self_assessment" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_expertise_concept_idx" ON "staff_expertise" USING btree ("concept_id");--> statement-breakpoint
CREATE INDEX "staff_profile_hei_idx" ON "staff_profile" USING btree ("hei_id");