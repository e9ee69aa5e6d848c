CREATE TABLE "schedule_notice_sent" (
	"design_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by" text,
	CONSTRAINT "schedule_notice_sent_design_id_participant_id_pk" PRIMARY KEY("design_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "calendar" text;--> statement-breakpoint
ALTER TABLE "schedule_notice_sent" ADD CONSTRAINT "schedule_notice_sent_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_notice_sent" ADD CONSTRAINT "schedule_notice_sent_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_notice_sent" ADD CONSTRAINT "schedule_notice_sent_sent_by_auth_user_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;