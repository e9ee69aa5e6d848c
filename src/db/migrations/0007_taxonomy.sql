CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "taxonomy_concept" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"type" text NOT NULL,
	"code" text,
	"label_sv" text,
	"label_en" text,
	"alt_labels_sv" text DEFAULT '' NOT NULL,
	"alt_labels_en" text DEFAULT '' NOT NULL,
	"description_sv" text,
	"description_en" text,
	"other_labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" text NOT NULL,
	"deprecated_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', replace(coalesce("taxonomy_concept"."label_sv", ''), '/', ' / ')), 'A') || setweight(to_tsvector('swedish', replace("taxonomy_concept"."alt_labels_sv", '/', ' / ')), 'B') || setweight(to_tsvector('english', replace(coalesce("taxonomy_concept"."label_en", ''), '/', ' / ')), 'A') || setweight(to_tsvector('english', replace("taxonomy_concept"."alt_labels_en", '/', ' / ')), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taxonomy_concept_source_external" UNIQUE("source","external_id")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"version" text NOT NULL,
	"language" text,
	"status" text NOT NULL,
	"keep_valid_rows" boolean DEFAULT false NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "taxonomy_relation" (
	"broader_id" uuid NOT NULL,
	"narrower_id" uuid NOT NULL,
	CONSTRAINT "taxonomy_relation_broader_id_narrower_id_pk" PRIMARY KEY("broader_id","narrower_id")
);
--> statement-breakpoint
ALTER TABLE "taxonomy_import" ADD CONSTRAINT "taxonomy_import_started_by_auth_user_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_relation" ADD CONSTRAINT "taxonomy_relation_broader_id_taxonomy_concept_id_fk" FOREIGN KEY ("broader_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_relation" ADD CONSTRAINT "taxonomy_relation_narrower_id_taxonomy_concept_id_fk" FOREIGN KEY ("narrower_id") REFERENCES "public"."taxonomy_concept"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taxonomy_concept_search_idx" ON "taxonomy_concept" USING gin ("search");--> statement-breakpoint
CREATE INDEX "taxonomy_concept_type_idx" ON "taxonomy_concept" USING btree ("source","type");--> statement-breakpoint
CREATE INDEX "taxonomy_concept_label_sv_trgm_idx" ON "taxonomy_concept" USING gin (lower("label_sv") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_concept_label_en_trgm_idx" ON "taxonomy_concept" USING gin (lower("label_en") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_relation_narrower_idx" ON "taxonomy_relation" USING btree ("narrower_id");