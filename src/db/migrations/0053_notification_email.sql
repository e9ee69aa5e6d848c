ALTER TABLE "auth_user" ADD COLUMN "notification_email" text DEFAULT 'each' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "mail_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "mail_text" text;--> statement-breakpoint
CREATE INDEX "notification_mail_pending_idx" ON "notification" USING btree ("user_id") WHERE "notification"."mail_pending";