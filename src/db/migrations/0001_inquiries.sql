CREATE SEQUENCE "public"."inquiry_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "inquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consortium_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"follow_token_hash" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"organisation_name" text NOT NULL,
	"org_number" text NOT NULL,
	"sector" text NOT NULL,
	"municipality" text NOT NULL,
	"county" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"need_text" text NOT NULL,
	"subject_area" text,
	"purpose" text NOT NULL,
	"participants_work_for_buyer" boolean NOT NULL,
	"participants" integer NOT NULL,
	"desired_start" text,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"budget_range" text NOT NULL,
	"preferred_hei_id" uuid,
	"locale" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"sender_hash" text NOT NULL,
	"proposed_hei_id" uuid,
	"proposal_reason" text,
	"owner_hei_id" uuid,
	"referred_to_hei_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiry_reference_unique" UNIQUE("reference"),
	CONSTRAINT "inquiry_follow_token_hash_unique" UNIQUE("follow_token_hash"),
	CONSTRAINT "inquiry_status_check" CHECK ("inquiry"."status" in ('new', 'claimed', 'referred', 'declined')),
	CONSTRAINT "inquiry_participants_check" CHECK ("inquiry"."participants" > 0),
	CONSTRAINT "inquiry_referral_target" CHECK (("inquiry"."status" = 'referred') = ("inquiry"."referred_to_hei_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "inquiry_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"hei_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "county" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "degree_fields" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_consortium_id_consortium_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortium"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_preferred_hei_id_organisation_id_fk" FOREIGN KEY ("preferred_hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_proposed_hei_id_organisation_id_fk" FOREIGN KEY ("proposed_hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_owner_hei_id_organisation_id_fk" FOREIGN KEY ("owner_hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_referred_to_hei_id_organisation_id_fk" FOREIGN KEY ("referred_to_hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_event" ADD CONSTRAINT "inquiry_event_inquiry_id_inquiry_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiry"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_event" ADD CONSTRAINT "inquiry_event_actor_user_id_auth_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_event" ADD CONSTRAINT "inquiry_event_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiry_consortium_status_idx" ON "inquiry" USING btree ("consortium_id","status","created_at");--> statement-breakpoint
CREATE INDEX "inquiry_owner_idx" ON "inquiry" USING btree ("owner_hei_id");--> statement-breakpoint
CREATE INDEX "inquiry_sender_idx" ON "inquiry" USING btree ("sender_hash","created_at");--> statement-breakpoint
CREATE INDEX "inquiry_event_inquiry_idx" ON "inquiry_event" USING btree ("inquiry_id","at");