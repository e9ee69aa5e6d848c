CREATE TABLE "dialogue_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"name" text NOT NULL,
	"questions" jsonb NOT NULL,
	"position" integer NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dialogue_template" ADD CONSTRAINT "dialogue_template_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialogue_template_hei_idx" ON "dialogue_template" USING btree ("hei_id","position");