ALTER TABLE "course_evaluation" ADD COLUMN "language" text DEFAULT 'sv' NOT NULL;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD COLUMN "shared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD COLUMN "shared_by" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "forget_body" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "course_evaluation" ADD CONSTRAINT "course_evaluation_shared_by_auth_user_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;