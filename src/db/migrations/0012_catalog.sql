CREATE TABLE "catalog_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"mapping" jsonb,
	"keep_valid_rows" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalog_upload" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"code" text NOT NULL,
	"external_id" text,
	"title_sv" text,
	"title_en" text,
	"credits" numeric(5, 1),
	"credit_equivalent" numeric(5, 1),
	"level" text,
	"eqf_level" smallint,
	"sun_field" text,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"format" text,
	"description" text,
	"learning_outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subjects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teachers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prerequisites" text,
	"price_sek" numeric(12, 0),
	"syllabus_url" text,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', replace(coalesce("course"."title_sv", '') || ' ' || coalesce("course"."title_en", ''), '/', ' / ')), 'A') || setweight(to_tsvector('english', replace(coalesce("course"."title_sv", '') || ' ' || coalesce("course"."title_en", ''), '/', ' / ')), 'A') || setweight(to_tsvector('swedish', "course"."subjects") || to_tsvector('english', "course"."subjects"), 'B') || setweight(to_tsvector('swedish', coalesce("course"."description", '')) || to_tsvector('english', coalesce("course"."description", '')) || to_tsvector('swedish', "course"."learning_outcomes") || to_tsvector('english', "course"."learning_outcomes"), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_hei_code" UNIQUE("hei_id","code"),
	CONSTRAINT "course_has_title" CHECK ("course"."title_sv" is not null or "course"."title_en" is not null),
	CONSTRAINT "course_eqf_level" CHECK ("course"."eqf_level" is null or "course"."eqf_level" between 1 and 8),
	CONSTRAINT "course_credits" CHECK ("course"."credits" is null or "course"."credits" > 0)
);
--> statement-breakpoint
CREATE TABLE "course_concept" (
	"course_id" uuid NOT NULL,
	"concept_id" uuid NOT NULL,
	"status" text NOT NULL,
	"confidence" real,
	"matched_words" text[] DEFAULT '{}' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_concept_course_id_concept_id_pk" PRIMARY KEY("course_id","concept_id")
);
--> statement-breakpoint
CREATE TABLE "course_occasion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"place" text,
	"format" text
);
--> statement-breakpoint
ALTER TABLE "catalog_import" ADD CONSTRAINT "catalog_import_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_import" ADD CONSTRAINT "catalog_import_started_by_auth_user_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_upload" ADD CONSTRAINT "catalog_upload_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_upload" ADD CONSTRAINT "catalog_upload_uploaded_by_auth_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_concept" ADD CONSTRAINT "course_concept_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_concept" ADD CONSTRAINT "course_concept_concept_id_taxonomy_concept_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_concept" ADD CONSTRAINT "course_concept_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_occasion" ADD CONSTRAINT "course_occasion_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_import_hei_idx" ON "catalog_import" USING btree ("hei_id","started_at");--> statement-breakpoint
CREATE INDEX "catalog_upload_hei_idx" ON "catalog_upload" USING btree ("hei_id");--> statement-breakpoint
CREATE INDEX "course_search_idx" ON "course" USING gin ("search");--> statement-breakpoint
CREATE INDEX "course_title_trgm_idx" ON "course" USING gin (lower(coalesce("title_sv", '') || ' ' || coalesce("title_en", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "course_concept_concept_idx" ON "course_concept" USING btree ("concept_id");--> statement-breakpoint
CREATE INDEX "course_occasion_course_idx" ON "course_occasion" USING btree ("course_id");