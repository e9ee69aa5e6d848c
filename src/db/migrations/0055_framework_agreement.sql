CREATE TABLE "framework_agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"reference" text,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"ceiling_ore" bigint,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_agreement_call_off_key" UNIQUE("id","hei_id","customer_id"),
	CONSTRAINT "framework_agreement_period" CHECK ("framework_agreement"."valid_to" >= "framework_agreement"."valid_from"),
	CONSTRAINT "framework_agreement_ceiling" CHECK ("framework_agreement"."ceiling_ore" is null or "framework_agreement"."ceiling_ore" > 0)
);
--> statement-breakpoint
ALTER TABLE "case" ADD COLUMN "framework_agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "framework_agreement" ADD CONSTRAINT "framework_agreement_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_agreement" ADD CONSTRAINT "framework_agreement_customer_id_organisation_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_agreement" ADD CONSTRAINT "framework_agreement_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "framework_agreement_hei_idx" ON "framework_agreement" USING btree ("hei_id","customer_id");--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_framework_agreement_fk" FOREIGN KEY ("framework_agreement_id","hei_id","customer_id") REFERENCES "public"."framework_agreement"("id","hei_id","customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_framework_agreement_idx" ON "case" USING btree ("framework_agreement_id");--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_framework_when_call_off" CHECK ("case"."framework_agreement_id" is null or "case"."purchase_route" = 'framework_call_off');