CREATE TABLE "agreement_outturn" (
	"agreement_id" uuid PRIMARY KEY NOT NULL,
	"hei_id" uuid NOT NULL,
	"design_id" uuid,
	"course_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"revenue_ore" integer NOT NULL,
	"planned" jsonb NOT NULL,
	"costs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_outturn" ADD CONSTRAINT "agreement_outturn_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_outturn" ADD CONSTRAINT "agreement_outturn_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_outturn" ADD CONSTRAINT "agreement_outturn_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_outturn" ADD CONSTRAINT "agreement_outturn_recorded_by_auth_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_outturn_hei_idx" ON "agreement_outturn" USING btree ("hei_id","recorded_at");