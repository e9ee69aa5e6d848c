CREATE TABLE "framework_reminder" (
	"framework_agreement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"about" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_reminder_framework_agreement_id_kind_about_pk" PRIMARY KEY("framework_agreement_id","kind","about")
);
--> statement-breakpoint
ALTER TABLE "framework_reminder" ADD CONSTRAINT "framework_reminder_framework_agreement_id_framework_agreement_id_fk" FOREIGN KEY ("framework_agreement_id") REFERENCES "public"."framework_agreement"("id") ON DELETE cascade ON UPDATE no action;