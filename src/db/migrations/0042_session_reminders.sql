CREATE TABLE "session_reminder_sent" (
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_reminder_sent_session_id_participant_id_day_pk" PRIMARY KEY("session_id","participant_id","day")
);
--> statement-breakpoint
CREATE TABLE "session_reminders" (
	"design_id" uuid PRIMARY KEY NOT NULL,
	"enabled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enabled_by" text
);
--> statement-breakpoint
ALTER TABLE "session_reminder_sent" ADD CONSTRAINT "session_reminder_sent_session_id_course_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reminder_sent" ADD CONSTRAINT "session_reminder_sent_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reminders" ADD CONSTRAINT "session_reminders_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reminders" ADD CONSTRAINT "session_reminders_enabled_by_auth_user_id_fk" FOREIGN KEY ("enabled_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;