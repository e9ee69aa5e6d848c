ALTER TABLE "notification" ADD COLUMN "task" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notification_open_task_idx" ON "notification" USING btree ("task") WHERE "notification"."done_at" is null;