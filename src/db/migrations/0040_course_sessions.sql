CREATE TABLE "attendance_sharing" (
	"design_id" uuid PRIMARY KEY NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shared_by" text
);
--> statement-breakpoint
CREATE TABLE "course_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"design_id" uuid NOT NULL,
	"day" date NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_session_times" CHECK ("course_session"."ends_at" > "course_session"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "session_attendance" (
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_attendance_session_id_participant_id_pk" PRIMARY KEY("session_id","participant_id"),
	CONSTRAINT "session_attendance_status" CHECK ("session_attendance"."status" in ('present', 'absent', 'excused'))
);
--> statement-breakpoint
ALTER TABLE "attendance_sharing" ADD CONSTRAINT "attendance_sharing_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_sharing" ADD CONSTRAINT "attendance_sharing_shared_by_auth_user_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_session_id_course_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_recorded_by_auth_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_session_design_idx" ON "course_session" USING btree ("design_id","day","starts_at");--> statement-breakpoint
CREATE INDEX "course_session_case_idx" ON "course_session" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "session_attendance_participant_idx" ON "session_attendance" USING btree ("participant_id");