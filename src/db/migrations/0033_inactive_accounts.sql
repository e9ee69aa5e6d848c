CREATE TABLE "account_erasure_notice" (
	"user_id" text PRIMARY KEY NOT NULL,
	"warned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_user" ADD COLUMN "last_active_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_erasure_notice" ADD CONSTRAINT "account_erasure_notice_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- existing accounts: last active when their newest session was last used, else when they were created
UPDATE "auth_user" SET "last_active_at" = GREATEST("created_at", (SELECT max("updated_at") FROM "auth_session" WHERE "auth_session"."user_id" = "auth_user"."id"));
