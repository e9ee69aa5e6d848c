CREATE TABLE "proposal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"hei_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"design_id" uuid NOT NULL,
	"calculation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"intro" text NOT NULL,
	"terms" text NOT NULL,
	"valid_until" date NOT NULL,
	"participants" integer NOT NULL,
	"price_ore" integer NOT NULL,
	"vat_ore" integer NOT NULL,
	"price_per_participant_ore" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"decline_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by" text,
	"sent_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proposal_template" (
	"hei_id" uuid NOT NULL,
	"language" text NOT NULL,
	"intro" text NOT NULL,
	"terms" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_template_hei_id_language_pk" PRIMARY KEY("hei_id","language")
);
--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_customer_id_organisation_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_design_id_course_design_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."course_design"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_calculation_id_design_calculation_id_fk" FOREIGN KEY ("calculation_id") REFERENCES "public"."design_calculation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_sent_by_auth_user_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_template" ADD CONSTRAINT "proposal_template_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_template" ADD CONSTRAINT "proposal_template_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_case_version_idx" ON "proposal" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "proposal_customer_idx" ON "proposal" USING btree ("customer_id","status");