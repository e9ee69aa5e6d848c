ALTER TABLE "course_design" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "course_design" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_design" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "course_design" ADD CONSTRAINT "course_design_withdrawn_by_auth_user_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;