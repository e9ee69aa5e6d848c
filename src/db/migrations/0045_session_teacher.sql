ALTER TABLE "course_session" ADD COLUMN "teacher" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "course_session" ADD COLUMN "teacher_user_id" text;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_teacher_user_id_auth_user_id_fk" FOREIGN KEY ("teacher_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;