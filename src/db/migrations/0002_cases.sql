CREATE TABLE "case_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"author_user_id" text,
	"title" text NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"internal" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_entry_kind_check" CHECK ("case_entry"."kind" in ('meeting','contact','note','stage','system'))
);
--> statement-breakpoint
CREATE TABLE "case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"inquiry_id" uuid,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"need_text" text NOT NULL,
	"sector" text NOT NULL,
	"subject_area" text,
	"stage" text DEFAULT 'inquiry' NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"owner_user_id" text,
	"notes_text" text DEFAULT '' NOT NULL,
	"customer_name" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('swedish', coalesce("case"."customer_name", '') || ' ' || coalesce("case"."title", '') || ' ' || coalesce("case"."need_text", '') || ' ' || coalesce("case"."notes_text", '')) || to_tsvector('english', coalesce("case"."customer_name", '') || ' ' || coalesce("case"."title", '') || ' ' || coalesce("case"."need_text", '') || ' ' || coalesce("case"."notes_text", ''))) STORED,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_inquiry_id_unique" UNIQUE("inquiry_id"),
	CONSTRAINT "case_reference_unique" UNIQUE("reference"),
	CONSTRAINT "case_stage_check" CHECK ("case"."stage" in ('inquiry','qualification','dialogue','design','costing','agreement','delivery','evaluation','closed')),
	CONSTRAINT "case_outcome_when_closed" CHECK (("case"."stage" = 'closed') = ("case"."outcome" is not null)),
	CONSTRAINT "case_outcome_check" CHECK ("case"."outcome" is null or "case"."outcome" in ('won','lost','declined','referred'))
);
--> statement-breakpoint
CREATE TABLE "case_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"assignee_user_id" text,
	"due_on" date,
	"done_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_checklist_done" (
	"case_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"done_by" text,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	"comment" text,
	CONSTRAINT "case_checklist_done_case_id_item_id_pk" PRIMARY KEY("case_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "checklist_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"label_sv" text NOT NULL,
	"label_en" text NOT NULL,
	"required" boolean NOT NULL,
	"position" integer NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_entry" ADD CONSTRAINT "case_entry_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_entry" ADD CONSTRAINT "case_entry_author_user_id_auth_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_customer_id_organisation_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_inquiry_id_inquiry_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case" ADD CONSTRAINT "case_owner_user_id_auth_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_assignee_user_id_auth_user_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_checklist_done" ADD CONSTRAINT "case_checklist_done_case_id_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_checklist_done" ADD CONSTRAINT "case_checklist_done_item_id_checklist_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_checklist_done" ADD CONSTRAINT "case_checklist_done_done_by_auth_user_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_item" ADD CONSTRAINT "checklist_item_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_entry_case_idx" ON "case_entry" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "case_hei_stage_idx" ON "case" USING btree ("hei_id","stage","updated_at");--> statement-breakpoint
CREATE INDEX "case_hei_updated_idx" ON "case" USING btree ("hei_id","updated_at");--> statement-breakpoint
CREATE INDEX "case_customer_idx" ON "case" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "case_search_idx" ON "case" USING gin ("search");--> statement-breakpoint
CREATE INDEX "case_task_case_idx" ON "case_task" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_task_assignee_idx" ON "case_task" USING btree ("assignee_user_id","done_at");--> statement-breakpoint
CREATE INDEX "checklist_item_hei_idx" ON "checklist_item" USING btree ("hei_id","stage","position");