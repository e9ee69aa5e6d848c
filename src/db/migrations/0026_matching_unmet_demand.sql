CREATE TABLE "match_unmet" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"analysis_id" uuid,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"customer_name" text NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_unmet_hei_subject" UNIQUE("hei_id","subject_kind","subject_id")
);
--> statement-breakpoint
ALTER TABLE "match_decision" DROP CONSTRAINT "match_decision_subject_course";--> statement-breakpoint
ALTER TABLE "match_unmet" ADD CONSTRAINT "match_unmet_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_unmet" ADD CONSTRAINT "match_unmet_recorded_by_auth_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_unmet_hei_idx" ON "match_unmet" USING btree ("hei_id","recorded_at");--> statement-breakpoint
ALTER TABLE "match_decision" ADD CONSTRAINT "match_decision_hei_subject_course" UNIQUE("hei_id","subject_kind","subject_id","course_id");