ALTER TABLE "micro_credential" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD COLUMN "suspended_by" text;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD COLUMN "suspend_reason" text;--> statement-breakpoint
ALTER TABLE "micro_credential" ADD CONSTRAINT "micro_credential_suspended_by_auth_user_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;