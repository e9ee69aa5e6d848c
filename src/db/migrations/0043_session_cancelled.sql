ALTER TABLE "course_session" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_session" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "course_session" ADD COLUMN "cancel_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "course_session" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_cancelled_by_auth_user_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;