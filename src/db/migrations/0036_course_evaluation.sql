CREATE TABLE "course_evaluation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"hei_id" uuid NOT NULL,
	"design_id" uuid NOT NULL,
	"title" text NOT NULL,
	"outcomes" jsonb NOT NULL,
	"invited" integer NOT NULL,
	"emailed" integer DEFAULT 0 NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_evaluation_invited" CHECK ("course_evaluation"."invited" between 5 and 1000)
);
--> statement-breakpoint
CREATE TABLE "evaluation_follow_up" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" text,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"application" integer,
	"application_text" text,
	"results" integer,
	"results_text" text,
	"again" boolean,
	CONSTRAINT "evaluation_follow_up_application" CHECK ("evaluation_follow_up"."application" between 1 and 5),
	CONSTRAINT "evaluation_follow_up_results" CHECK ("evaluation_follow_up"."results" between 1 and 5),
	CONSTRAINT "evaluation_follow_up_answered" CHECK (("evaluation_follow_up"."answered_at" is null) = ("evaluation_follow_up"."application" is null and "evaluation_follow_up"."results" is null and "evaluation_follow_up"."again" is null))
);
--> statement-breakpoint
CREATE TABLE "course_evaluation_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"answered" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_evaluation_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"answered_on" date DEFAULT current_date NOT NULL,
	"reaction" jsonb NOT NULL,
	"recommend" boolean NOT NULL,
	"outcomes" jsonb NOT NULL,
	"best" text,
	"improve" text
);
--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD CONSTRAINT "course_evaluation_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD CONSTRAINT "course_evaluation_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD CONSTRAINT "course_evaluation_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD CONSTRAINT "course_evaluation_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_follow_up" ADD CONSTRAINT "evaluation_follow_up_evaluation_id_course_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."course_evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_follow_up" ADD CONSTRAINT "evaluation_follow_up_requested_by_auth_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_follow_up" ADD CONSTRAINT "evaluation_follow_up_answered_by_auth_user_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_evaluation_link" ADD CONSTRAINT "course_evaluation_link_evaluation_id_course_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."course_evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_evaluation_response" ADD CONSTRAINT "course_evaluation_response_evaluation_id_course_evaluation_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."course_evaluation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_evaluation_case_idx" ON "course_evaluation" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "course_evaluation_hei_idx" ON "course_evaluation" USING btree ("hei_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_follow_up_evaluation_idx" ON "evaluation_follow_up" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_evaluation_link_token_idx" ON "course_evaluation_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "course_evaluation_response_idx" ON "course_evaluation_response" USING btree ("evaluation_id");