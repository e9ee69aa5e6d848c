CREATE TABLE "analysis_role" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation_concept_id" uuid,
	"headcount_now" integer NOT NULL,
	"headcount_horizon" integer NOT NULL,
	CONSTRAINT "analysis_role_headcount" CHECK ("analysis_role"."headcount_now" >= 0 and "analysis_role"."headcount_horizon" >= 0)
);
--> statement-breakpoint
CREATE TABLE "competence_need" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"role_id" uuid,
	"concept_id" uuid,
	"free_text" text,
	"required_level" smallint NOT NULL,
	"current_level" smallint NOT NULL,
	"importance" smallint NOT NULL,
	"people" integer NOT NULL,
	"horizon" text NOT NULL,
	"driver" text,
	"evidence" text,
	"confidence" text DEFAULT 'medium' NOT NULL,
	"goal_individual" text,
	"goal_organisation" text,
	"indicators" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competence_need_subject" CHECK (("competence_need"."concept_id" is not null) or ("competence_need"."free_text" is not null)),
	CONSTRAINT "competence_need_levels" CHECK ("competence_need"."required_level" between 0 and 5 and "competence_need"."current_level" between 0 and 5),
	CONSTRAINT "competence_need_importance" CHECK ("competence_need"."importance" between 1 and 3),
	CONSTRAINT "competence_need_people" CHECK ("competence_need"."people" >= 1),
	CONSTRAINT "competence_need_horizon" CHECK ("competence_need"."horizon" in ('now', '1y', '3y', '5y')),
	CONSTRAINT "competence_need_confidence" CHECK ("competence_need"."confidence" in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "needs_analysis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"previous_id" uuid,
	"strategy" text DEFAULT '' NOT NULL,
	"drivers" text[] DEFAULT '{}' NOT NULL,
	"horizon_weights" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analysis_role" ADD CONSTRAINT "analysis_role_analysis_id_needs_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."needs_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_role" ADD CONSTRAINT "analysis_role_occupation_concept_id_taxonomy_concept_id_fk" FOREIGN KEY ("occupation_concept_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_need" ADD CONSTRAINT "competence_need_analysis_id_needs_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."needs_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_need" ADD CONSTRAINT "competence_need_role_id_analysis_role_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."analysis_role"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_need" ADD CONSTRAINT "competence_need_concept_id_taxonomy_concept_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_analysis" ADD CONSTRAINT "needs_analysis_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_analysis" ADD CONSTRAINT "needs_analysis_customer_id_organisation_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_analysis" ADD CONSTRAINT "needs_analysis_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_analysis" ADD CONSTRAINT "needs_analysis_previous_id_needs_analysis_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."needs_analysis"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_analysis" ADD CONSTRAINT "needs_analysis_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analysis_role_analysis_idx" ON "analysis_role" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "competence_need_analysis_idx" ON "competence_need" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "needs_analysis_hei_idx" ON "needs_analysis" USING btree ("hei_id","customer_id");--> statement-breakpoint
CREATE INDEX "needs_analysis_case_idx" ON "needs_analysis" USING btree ("case_id");