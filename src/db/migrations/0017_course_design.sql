CREATE TABLE "course_design" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"hei_id" uuid NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"format" text NOT NULL,
	"level" text DEFAULT 'first-cycle' NOT NULL,
	"awards" text DEFAULT 'credits' NOT NULL,
	"credits" numeric(5, 1),
	"sun_field" text,
	"participants" integer NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"examination" text DEFAULT '' NOT NULL,
	"schedule" text DEFAULT '' NOT NULL,
	"start_date" date,
	"end_date" date,
	"modules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teachers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"costs" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "design_calculation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"design_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"design_revision" integer NOT NULL,
	"config_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_approved_by_auth_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_calculation" ADD CONSTRAINT "design_calculation_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_calculation" ADD CONSTRAINT "design_calculation_config_id_cost_config_id_fk" FOREIGN KEY ("config_id") REFERENCES "public"."cost_config"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_calculation" ADD CONSTRAINT "design_calculation_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_calculation" ADD CONSTRAINT "design_calculation_approved_by_auth_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_design_case_idx" ON "course_design" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "design_calculation_version_idx" ON "design_calculation" USING btree ("design_id","version");