CREATE TABLE "agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"hei_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"clauses" text NOT NULL,
	"price_ore" integer NOT NULL,
	"participants_deadline" date NOT NULL,
	"billing_plan" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"hei_signed_by" text,
	"hei_signed_at" timestamp with time zone,
	"customer_signed_by" text,
	"customer_signed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hei_signed_by" text,
	"hei_signed_at" timestamp with time zone,
	"customer_signed_by" text,
	"customer_signed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_customer_id_organisation_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_hei_signed_by_auth_user_id_fk" FOREIGN KEY ("hei_signed_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_customer_signed_by_auth_user_id_fk" FOREIGN KEY ("customer_signed_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_addendum" ADD CONSTRAINT "agreement_addendum_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_addendum" ADD CONSTRAINT "agreement_addendum_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_addendum" ADD CONSTRAINT "agreement_addendum_hei_signed_by_auth_user_id_fk" FOREIGN KEY ("hei_signed_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_addendum" ADD CONSTRAINT "agreement_addendum_customer_signed_by_auth_user_id_fk" FOREIGN KEY ("customer_signed_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_proposal_idx" ON "agreement" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_addendum_number_idx" ON "agreement_addendum" USING btree ("agreement_id","number");