CREATE TABLE "match_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hei_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"rank" smallint,
	"score" real,
	"confidence" text,
	"decided_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_decision_subject_course" UNIQUE("subject_kind","subject_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "match_doc" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"hei_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"dl" real NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"format" text,
	"level" text,
	"credits" numeric(5, 1),
	"fingerprint" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_neighbour" (
	"a" uuid NOT NULL,
	"b" uuid NOT NULL,
	"sim" real NOT NULL,
	"cross_language" boolean NOT NULL,
	"rank" smallint NOT NULL,
	CONSTRAINT "match_neighbour_a_b_pk" PRIMARY KEY("a","b")
);
--> statement-breakpoint
CREATE TABLE "match_term" (
	"course_id" uuid NOT NULL,
	"field" smallint NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"tf" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_vocab" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_word" (
	"course_id" uuid NOT NULL,
	"field" smallint NOT NULL,
	"word" text NOT NULL,
	"tf" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_decision" ADD CONSTRAINT "match_decision_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decision" ADD CONSTRAINT "match_decision_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decision" ADD CONSTRAINT "match_decision_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_doc" ADD CONSTRAINT "match_doc_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_doc" ADD CONSTRAINT "match_doc_hei_id_organisation_id_fk" FOREIGN KEY ("hei_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_neighbour" ADD CONSTRAINT "match_neighbour_a_match_doc_course_id_fk" FOREIGN KEY ("a") REFERENCES "public"."match_doc"("course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_neighbour" ADD CONSTRAINT "match_neighbour_b_match_doc_course_id_fk" FOREIGN KEY ("b") REFERENCES "public"."match_doc"("course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_term" ADD CONSTRAINT "match_term_course_id_match_doc_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."match_doc"("course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_word" ADD CONSTRAINT "match_word_course_id_match_doc_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."match_doc"("course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_decision_hei_idx" ON "match_decision" USING btree ("hei_id");--> statement-breakpoint
CREATE INDEX "match_doc_hei_idx" ON "match_doc" USING btree ("hei_id");--> statement-breakpoint
CREATE INDEX "match_neighbour_b_idx" ON "match_neighbour" USING btree ("b");--> statement-breakpoint
CREATE INDEX "match_term_term_idx" ON "match_term" USING btree ("kind","term");--> statement-breakpoint
CREATE INDEX "match_term_course_idx" ON "match_term" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "match_vocab_trgm_idx" ON "match_vocab" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "match_word_word_idx" ON "match_word" USING btree ("word");--> statement-breakpoint
CREATE INDEX "match_word_course_idx" ON "match_word" USING btree ("course_id");